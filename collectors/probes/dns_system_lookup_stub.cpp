// SPDX-License-Identifier: GPL-3.0-or-later
// The system resolver through Qt where no native back end exists (QHostInfo::fromName is blocking).
#include "dns_system_lookup.h"

#include <QHostInfo>

namespace pathlens::collect {

SystemLookupResult systemLookup(const QString &name)
{
    const QHostInfo info = QHostInfo::fromName(name);
    SystemLookupResult r;
    if (info.error() != QHostInfo::NoError) {
        r.error = info.errorString();
        return r;
    }
    for (const QHostAddress &a : info.addresses())
        r.addresses.push_back(a);
    r.ok = !r.addresses.empty();
    if (!r.ok)
        r.error = QStringLiteral("no usable address");
    return r;
}

} // namespace pathlens::collect
