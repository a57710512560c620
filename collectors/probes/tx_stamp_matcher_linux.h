// SPDX-License-Identifier: GPL-3.0-or-later
// Matches the kernel's send timestamps (error queue, numbered per send from 0 by OPT_ID) to the
// probe each send carried, for the probe transports that enable TX stamps.
#pragma once

#include "probe_socket_linux.h"

#include <map>

namespace pathlens::collect::probe_linux {

// Owned by one transport, used on its thread only. Keys are the transport's own probe keys
// (echo sequence, DNS transaction id).
class TxStampMatcher {
public:
    static constexpr size_t kMaxPending = 4096; // sends awaiting a stamp: 2 s of probes at 100× is 1000

    void sent(quint16 key) { m_pending[m_nextId++] = key; }

    // Drains up to `maxDrain` stamps from fd's error queue; apply(key, txNs) for each matched one.
    template <typename Apply>
    void drain(int fd, int maxDrain, Apply apply)
    {
        for (int i = 0; i < maxDrain; ++i) {
            auto r = receiveDatagram(fd, true);
            if (!r || !r->has_value())
                break;
            if (!(*r)->isTxStamp || (*r)->rxNs == 0)
                continue;
            auto it = m_pending.find((*r)->txId);
            if (it == m_pending.end())
                continue;
            apply(it->second, (*r)->rxNs);
            m_pending.erase(it);
        }
        while (m_pending.size() > kMaxPending) // stamps the kernel never delivered
            m_pending.erase(m_pending.begin());
    }

    // The usual use: stamp the matching entry of the transport's pending map (its value has txNs).
    template <typename PendingMap>
    void drainInto(int fd, int maxDrain, PendingMap &pending)
    {
        drain(fd, maxDrain, [&pending](quint16 key, qint64 txNs) {
            if (auto p = pending.find(key); p != pending.end())
                p->second.txNs = txNs;
        });
    }

private:
    quint32 m_nextId = 0;
    std::map<quint32, quint16> m_pending; // OPT_ID → probe key, until the stamp arrives
};

// ProbeTransport::forget for transports whose pending map is keyed by their probe key and whose
// values carry the scheduler's token (ICMP echo, UDP DNS).
template <typename PendingMap>
void erasePendingToken(PendingMap &pending, quint64 token)
{
    for (auto it = pending.begin(); it != pending.end(); ++it)
        if (it->second.token == token) {
            pending.erase(it);
            return;
        }
}

} // namespace pathlens::collect::probe_linux
