// SPDX-License-Identifier: GPL-3.0-or-later
// ASN and place of an address from a local MaxMind-format (.mmdb) database; no network.
#pragma once

#include "core/base/result.h"

#include <QString>

#include <memory>

namespace pathlens::collect {

struct GeoInfo {
    QString asn;   // "AS64500 Example Carrier" (empty when unknown)
    QString place; // "City, CC" / "CC" (empty when unknown)
};

// Opened once, then read-only: lookup() is safe from several threads at once (libmaxminddb's
// lookups are). It knows nothing of traces; the enricher asks it per hop address.
class GeoLookup {
public:
    virtual ~GeoLookup() = default;
    virtual GeoInfo lookup(const QString &addr) const = 0;
};

// geo_lookup_maxmind.cpp when libmaxminddb was found at build time, else geo_lookup_stub.cpp
// (always Unsupported, with the remedy).
core::Result<std::unique_ptr<GeoLookup>> openGeoDatabase(const QString &path);

} // namespace pathlens::collect
