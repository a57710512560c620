// SPDX-License-Identifier: GPL-3.0-or-later
// What this agent tells the fleet: its latest device verdict and its own mesh rows, handed over by
// the composition root (from the analysis and the capture's commits) and drained by FleetCollector.
#pragma once

#include "core/fleet/fleet_device.h"
#include "core/mesh/mesh_result.h"
#include "core/trace/trace_result.h"

#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace pathlens::collect {

// Thread-safe. Holds mesh rows while the broker is away (SPEC §4: the fleet catches up when it
// returns), at most kMaxQueued: 2 days of 6 peers at the default 2-minute cycle.
class FleetOutbox {
public:
    static constexpr size_t kMaxQueued = 10'000;

    // Marks the verdict to be sent only when it says something new (snapshots arrive up to 4 Hz).
    void setVerdict(const core::FleetDevice &verdict)
    {
        std::lock_guard lock(m_mutex);
        if (m_verdict && m_verdict->grade == verdict.grade && m_verdict->sessions == verdict.sessions
            && m_verdict->medianRttMs == verdict.medianRttMs && m_verdict->retransPct == verdict.retransPct)
            return;
        m_verdict = verdict;
        m_verdictFresh = true;
    }
    void pushMesh(const core::MeshResult &result)
    {
        std::lock_guard lock(m_mutex);
        if (m_mesh.size() >= kMaxQueued) {
            m_mesh.pop_front();
            ++m_dropped;
        }
        m_mesh.push_back(result);
    }
    // Traces to peers: few (one per peer every few cycles); the newest kMaxTraces wait for the broker.
    static constexpr size_t kMaxTraces = 500;
    void pushTrace(const core::TraceResult &trace)
    {
        std::lock_guard lock(m_mutex);
        if (m_traces.size() >= kMaxTraces)
            m_traces.pop_front();
        m_traces.push_back(trace);
    }
    std::vector<core::TraceResult> takeTraces()
    {
        std::lock_guard lock(m_mutex);
        std::vector<core::TraceResult> out(m_traces.begin(), m_traces.end());
        m_traces.clear();
        return out;
    }

    // The verdict if it changed since the last call (or `always`), and every queued mesh row.
    std::optional<core::FleetDevice> takeVerdict(bool always)
    {
        std::lock_guard lock(m_mutex);
        if (!m_verdict || (!m_verdictFresh && !always))
            return std::nullopt;
        m_verdictFresh = false;
        return m_verdict;
    }
    std::vector<core::MeshResult> takeMesh()
    {
        std::lock_guard lock(m_mutex);
        std::vector<core::MeshResult> out(m_mesh.begin(), m_mesh.end());
        m_mesh.clear();
        return out;
    }
    // Rows a publish could not send go back to the front, in order.
    void requeueMesh(const std::vector<core::MeshResult> &rows)
    {
        std::lock_guard lock(m_mutex);
        m_mesh.insert(m_mesh.begin(), rows.begin(), rows.end());
        while (m_mesh.size() > kMaxQueued) {
            m_mesh.pop_front();
            ++m_dropped;
        }
    }
    size_t dropped() const
    {
        std::lock_guard lock(m_mutex);
        return m_dropped;
    }

private:
    mutable std::mutex m_mutex;
    std::optional<core::FleetDevice> m_verdict;
    bool m_verdictFresh = false;
    std::deque<core::MeshResult> m_mesh;
    std::deque<core::TraceResult> m_traces;
    size_t m_dropped = 0;
};

} // namespace pathlens::collect
