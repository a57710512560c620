// SPDX-License-Identifier: GPL-3.0-or-later
// Trace transport for platforms without a back end yet: every call returns "unsupported".
#include "trace_transport.h"

namespace pathlens::collect {

namespace {
core::Error unsupported()
{
    return core::makeError(core::ErrorCode::Unsupported, QStringLiteral("tracing is not available on this platform yet"),
                           QStringLiteral("open a capture recorded on Linux to review traces"));
}

class StubTraceTransport final : public TraceTransport {
public:
    core::Result<void> open(const TraceEndpoint &) override { return unsupported(); }
    core::Result<void> send(int, quint16) override { return unsupported(); }
    core::Result<void> wait(int, std::vector<TransportReply> &, std::vector<qint64> &) override { return unsupported(); }
    QString localAddress() const override { return {}; }
    bool quotesHeaders() const override { return false; }
    QString describe() const override { return QStringLiteral("unsupported"); }
};
} // namespace

std::unique_ptr<TraceTransport> createTraceTransport(TraceProto, RawSocketOpener)
{
    return std::make_unique<StubTraceTransport>();
}

core::Result<QString> traceTransportMode(TraceProto, const RawSocketOpener &)
{
    return unsupported();
}

core::Result<void> traceTransportSupported(TraceProto, const RawSocketOpener &)
{
    return unsupported();
}

} // namespace pathlens::collect
