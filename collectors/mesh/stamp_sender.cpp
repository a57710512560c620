// SPDX-License-Identifier: GPL-3.0-or-later
// One-shot Session-Sender loop: send on schedule, receive until the deadline, match by sequence.
#include "collectors/mesh/stamp_sender.h"

#include <QElapsedTimer>

#include <algorithm>

namespace pathlens::collect {

namespace {
class OwnSocketPath final : public StampPath {
public:
    OwnSocketPath(StampSocket &s, const QHostAddress &host, quint16 port) : m_s(s), m_host(host), m_port(port) {}
    core::Result<void> send(const QByteArray &packet) override { return m_s.send(packet, m_host, m_port); }
    bool waitReadable(int timeoutMs) override { return m_s.waitReadable(timeoutMs); }
    core::Result<std::optional<StampDatagram>> receive() override { return m_s.receive(); }
    bool isFromPeer(const StampDatagram &d) const override { return d.from == m_host && d.port == m_port; }
    qint64 nowNs() const override { return m_s.nowNs(); }
    QString timestampMethod() const override { return m_s.timestampMethod(); }

private:
    StampSocket &m_s;
    QHostAddress m_host;
    quint16 m_port;
};
} // namespace

core::Result<StampSessionResult> runStampSession(const StampSessionOptions &o, const std::function<void(const StampSample &)> &onSample)
{
    auto socket = StampSocket::open(0, QStringLiteral("STAMP sender"));
    if (!socket)
        return socket.error();
    OwnSocketPath path(**socket, o.host, o.port);
    return runStampSession(o, path, onSample);
}

core::Result<StampSessionResult> runStampSession(const StampSessionOptions &o, StampPath &s,
                                                 const std::function<void(const StampSample &)> &onSample)
{
    StampSessionResult result;
    result.timestampMethod = s.timestampMethod();
    result.samples.resize(size_t(std::max(0, o.count)));
    QElapsedTimer clock;
    clock.start();
    const qint64 lastSendMs = qint64(std::max(0, o.count - 1) / std::max(1, o.burst)) * o.intervalMs;
    const qint64 endMs = lastSendMs + o.waitMs;
    for (;;) {
        const qint64 now = clock.elapsed();
        const int burst = std::max(1, o.burst);
        while (result.sent < o.count && now >= qint64(result.sent / burst) * o.intervalMs) {
            StampSample &sample = result.samples[size_t(result.sent)];
            sample.sequence = quint32(result.sent);
            sample.t1 = s.nowNs();
            const core::StampSenderPacket p{sample.sequence, core::NtpTimestamp::fromUnixNs(sample.t1), core::ErrorEstimate{}};
            if (auto r = s.send(core::encodeStampSender(p, o.mode, o.key, o.size)); !r)
                return r.error();
            ++result.sent;
        }
        if (result.answered == o.count)
            break;
        // Past the deadline: one last look at what is already queued. A thread stalled for a while
        // (a busy machine, a blocked log write) must not turn answers waiting in the socket into
        // losses; their kernel receive stamps keep the RTTs right however late they are read.
        const bool lastLook = now >= endMs;
        const qint64 nextSend = result.sent < o.count ? qint64(result.sent / std::max(1, o.burst)) * o.intervalMs : endMs;
        if (!s.waitReadable(lastLook ? 0 : int(std::clamp<qint64>(nextSend - now, 0, 1000)))) {
            if (lastLook)
                break;
            continue;
        }
        for (int drained = 0; drained < 1024; ++drained) {
            auto d = s.receive();
            if (!d)
                return d.error();
            if (!d->has_value())
                break;
            const StampDatagram &g = **d;
            const auto reply = core::decodeStampReflector(g.data, o.mode, o.key);
            const bool fromPeer = s.isFromPeer(g);
            if (!reply || !fromPeer || reply.packet->senderSequence >= quint32(result.sent)) {
                if (result.rejected++ == 0)
                    result.firstRejection = !reply     ? QStringLiteral("not a STAMP answer (%1 bytes)").arg(g.data.size())
                                            : !fromPeer ? QStringLiteral("from %1 port %2").arg(g.from.toString()).arg(g.port)
                                                        : QStringLiteral("sequence %1 not sent").arg(reply.packet->senderSequence);
                continue;
            }
            StampSample &sample = result.samples[reply.packet->senderSequence];
            if (sample.answered) {
                ++result.rejected; // a duplicate
                continue;
            }
            sample.answered = true;
            sample.t2 = reply.packet->receiveTimestamp.toUnixNs();
            sample.t3 = reply.packet->timestamp.toUnixNs();
            sample.t4 = g.rxNs;
            sample.reflectorSequence = reply.packet->sequence;
            sample.reflectorSawTtl = reply.packet->senderTtl;
            sample.ttl = g.ttl;
            ++result.answered;
            if (onSample)
                onSample(sample);
        }
        if (lastLook)
            break;
    }
    return result;
}

} // namespace pathlens::collect
