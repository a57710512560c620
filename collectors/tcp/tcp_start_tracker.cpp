// SPDX-License-Identifier: GPL-3.0-or-later
// Turning inet_sock_set_state changes into start/close lifecycles.
#include "tcp_start_tracker.h"

namespace pathlens::collect {

std::vector<TcpLifecycle> TcpStartTracker::apply(const TcpStateChange &c)
{
    namespace st = tcp_state;
    std::vector<TcpLifecycle> out;
    if (c.newState == st::kSynSent || c.newState == st::kSynRecv) {
        m_pending[c.skaddr] = Pending{c.monoUs, c.newState == st::kSynSent ? c.pid : 0};
        return out;
    }
    if (c.newState == st::kEstablished) {
        const auto it = m_pending.find(c.skaddr);
        if (it != m_pending.end()) {
            out.push_back({c.localAddr, c.remoteAddr, it->second.startMonoUs, 0, it->second.pid});
            m_pending.erase(it);
        }
        return out;
    }
    if (c.newState == st::kClose) {
        m_pending.erase(c.skaddr); // a connect that failed, or a close before ESTABLISHED
        out.push_back({c.localAddr, c.remoteAddr, 0, c.monoUs, 0});
    }
    return out;
}

void TcpStartTracker::expire(qint64 beforeMonoUs)
{
    std::erase_if(m_pending, [&](const auto &kv) { return kv.second.startMonoUs < beforeMonoUs; });
}

} // namespace pathlens::collect
