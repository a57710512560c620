// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/probe_rows.h"
#include "lab_capture.h"

#include <algorithm>

namespace pathlens::lab {

Capture readCapture(const QString &path)
{
    Capture c;
    auto store = core::CaptureStore::open(path, core::CaptureStore::Mode::ReadOnly);
    if (!store)
        return c;
    c.opened = true;
    (void)(*store)->forEach(core::Table::ProbeSamples, [&](const core::Row &r) {
        const auto s = core::probeSampleFromRow(r);
        c.byTarget[s.target].push_back(s);
        return true;
    });
    (void)(*store)->forEach(core::Table::LossBursts, [&](const core::Row &r) {
        c.bursts.push_back(r);
        return true;
    });
    (void)(*store)->forEach(core::Table::Events, [&](const core::Row &r) {
        c.events << r.get("message").toString();
        return true;
    });
    (void)(*store)->forEach(core::Table::Traces, [&](const core::Row &) {
        ++c.traces;
        return true;
    });
    return c;
}

core::ProbeStats stats(const std::vector<core::ProbeSample> &samples)
{
    std::vector<core::ProbeObservation> obs;
    obs.reserve(samples.size());
    for (const auto &s : samples)
        obs.push_back(s.observation());
    std::sort(obs.begin(), obs.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    return core::probeStats(obs);
}

} // namespace pathlens::lab
