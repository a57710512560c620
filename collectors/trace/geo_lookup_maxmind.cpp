// SPDX-License-Identifier: GPL-3.0-or-later
// ASN/place lookup with libmaxminddb over GeoLite2/GeoIP2-style ASN, City or Country databases.
#include "geo_lookup.h"

#include <maxminddb.h>

namespace pathlens::collect {

namespace {
QString stringAt(MMDB_entry_s *entry, const char *const *path)
{
    MMDB_entry_data_s data{};
    if (MMDB_aget_value(entry, &data, path) != MMDB_SUCCESS || !data.has_data || data.type != MMDB_DATA_TYPE_UTF8_STRING)
        return {};
    return QString::fromUtf8(data.utf8_string, qsizetype(data.data_size));
}

quint32 uintAt(MMDB_entry_s *entry, const char *const *path)
{
    MMDB_entry_data_s data{};
    if (MMDB_aget_value(entry, &data, path) != MMDB_SUCCESS || !data.has_data)
        return 0;
    return data.type == MMDB_DATA_TYPE_UINT32 ? data.uint32 : data.type == MMDB_DATA_TYPE_UINT16 ? data.uint16 : 0;
}

class MaxMindLookup final : public GeoLookup {
public:
    ~MaxMindLookup() override
    {
        if (m_open)
            MMDB_close(&m_db);
    }
    core::Result<void> open(const QString &path)
    {
        const int rc = MMDB_open(path.toLocal8Bit().constData(), MMDB_MODE_MMAP, &m_db);
        if (rc != MMDB_SUCCESS)
            return core::makeError(rc == MMDB_FILE_OPEN_ERROR ? core::ErrorCode::NotFound : core::ErrorCode::InvalidInput,
                                   QStringLiteral("cannot open the address database %1: %2").arg(path, QString::fromUtf8(MMDB_strerror(rc))),
                                   QStringLiteral("point the setting at a MaxMind-format .mmdb file (e.g. GeoLite2-ASN.mmdb) or clear it"));
        m_open = true;
        return {};
    }
    GeoInfo lookup(const QString &addr) const override
    {
        GeoInfo g;
        int gaiError = 0, mmdbError = 0;
        auto *db = const_cast<MMDB_s *>(&m_db); // lookups do not modify the database
        MMDB_lookup_result_s r = MMDB_lookup_string(db, addr.toLatin1().constData(), &gaiError, &mmdbError);
        if (gaiError || mmdbError != MMDB_SUCCESS || !r.found_entry)
            return g;
        static const char *const asnNo[] = {"autonomous_system_number", nullptr};
        static const char *const asnOrg[] = {"autonomous_system_organization", nullptr};
        static const char *const city[] = {"city", "names", "en", nullptr};
        static const char *const country[] = {"country", "iso_code", nullptr};
        if (const quint32 asn = uintAt(&r.entry, asnNo))
            g.asn = QStringLiteral("AS%1 %2").arg(asn).arg(stringAt(&r.entry, asnOrg)).trimmed();
        const QString c = stringAt(&r.entry, city), cc = stringAt(&r.entry, country);
        g.place = c.isEmpty() ? cc : cc.isEmpty() ? c : c + QStringLiteral(", ") + cc;
        return g;
    }

private:
    MMDB_s m_db{};
    bool m_open = false;
};
} // namespace

core::Result<std::unique_ptr<GeoLookup>> openGeoDatabase(const QString &path)
{
    auto lookup = std::make_unique<MaxMindLookup>();
    if (auto r = lookup->open(path); !r)
        return r.error();
    return std::unique_ptr<GeoLookup>(std::move(lookup));
}

} // namespace pathlens::collect
