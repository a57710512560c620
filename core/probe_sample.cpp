// SPDX-License-Identifier: GPL-3.0-or-later
// ProbeSample ⇄ probe_samples row.
#include "probe_sample.h"

namespace pathlens::core {

Row ProbeSample::toRow() const
{
    Row row = Row::blank(Table::ProbeSamples);
    row.set("ts_us", utcUs);
    row.set("probe", probe);
    row.set("target", target);
    if (rttMs)
        row.set("rtt_ms", *rttMs);
    row.set("lost", rttMs ? 0 : 1);
    row.set("seq", seq);
    if (dnsMs)
        row.set("dns_ms", *dnsMs);
    if (!notes.isEmpty())
        row.set("notes", notes);
    return row;
}

ProbeSample ProbeSample::fromRow(const Row &row)
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
