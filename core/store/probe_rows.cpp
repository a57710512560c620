// SPDX-License-Identifier: GPL-3.0-or-later
// ProbeSample ⇄ probe_samples row.
#include "core/store/probe_rows.h"

namespace pathlens::core {

Row probeSampleToRow(const ProbeSample &s)
{
    Row row = Row::blank(Table::ProbeSamples);
    row.set("ts_us", s.utcUs);
    row.set("probe", s.probe);
    row.set("target", s.target);
    if (s.rttMs)
        row.set("rtt_ms", *s.rttMs);
    row.set("lost", s.rttMs ? 0 : 1);
    row.set("seq", s.seq);
    if (s.dnsMs)
        row.set("dns_ms", *s.dnsMs);
    if (!s.notes.isEmpty())
        row.set("notes", s.notes);
    return row;
}

ProbeSample probeSampleFromRow(const Row &row)
{
    ProbeSample s;
    s.utcUs = row.get("ts_us").toLongLong();
    s.probe = row.get("probe").toString();
    s.target = row.get("target").toString();
    s.seq = row.get("seq").toLongLong();
    if (!row.get("rtt_ms").isNull() && row.get("lost").toInt() == 0)
        s.rttMs = row.get("rtt_ms").toDouble();
    if (!row.get("dns_ms").isNull())
        s.dnsMs = row.get("dns_ms").toDouble();
    s.notes = row.get("notes").toString();
    return s;
}

} // namespace pathlens::core
