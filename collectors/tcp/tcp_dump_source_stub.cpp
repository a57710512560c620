// SPDX-License-Identifier: GPL-3.0-or-later
// Live TCP dump source for platforms without NETLINK_SOCK_DIAG: always "unsupported".
#include "tcp_dump_source.h"

namespace pathlens::collect {

namespace {
core::Error unsupported()
{
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("kernel TCP statistics are not available on this platform yet"),
                           QStringLiteral("open a capture recorded on Linux to review passive grading"));
}

class StubTcpDumpSource final : public TcpDumpSource {
public:
    core::Result<void> open() override { return unsupported(); }
    core::Result<TcpRawBatch> dump() override { return unsupported(); }
    core::Result<std::vector<TcpRawBatch>> drainDestroyed() override { return unsupported(); }
    bool hasDestroyEvents(QString *whyNot) const override
    {
        if (whyNot)
            *whyNot = unsupported().message;
        return false;
    }
    QString describe() const override { return QStringLiteral("unsupported"); }
};
} // namespace

std::unique_ptr<TcpDumpSource> createLiveTcpDumpSource(TcpDumpWalk) { return std::make_unique<StubTcpDumpSource>(); }
core::Result<void> liveTcpDumpSupported() { return unsupported(); }

} // namespace pathlens::collect
