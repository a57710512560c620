// SPDX-License-Identifier: GPL-3.0-or-later
// ASN/place lookup for builds without libmaxminddb: always "unsupported".
#include "geo_lookup.h"

namespace pathlens::collect {

core::Result<std::unique_ptr<GeoLookup>> openGeoDatabase(const QString &path)
{
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("cannot read %1: this build has no MaxMind database support").arg(path),
                           QStringLiteral("rebuild with libmaxminddb (Debian: apt install libmaxminddb-dev)"));
}

} // namespace pathlens::collect
