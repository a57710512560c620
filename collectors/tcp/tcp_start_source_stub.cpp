// SPDX-License-Identifier: GPL-3.0-or-later
// Start-time source where no kernel state-change tracepoint is available: "unsupported".
#include "tcp_start_source.h"

namespace pathlens::collect {

namespace {
class StubTcpStartSource final : public TcpStartSource {
public:
    core::Result<void> open() override
    {
        return core::makeError(core::ErrorCode::Unsupported,
                               QStringLiteral("exact TCP start times are not available on this platform"),
                               QStringLiteral("sessions start at first sight (up to one poll interval late)"));
    }
    core::Result<std::vector<TcpLifecycle>> poll() override { return std::vector<TcpLifecycle>{}; }
    QString describe() const override { return QStringLiteral("first sight"); }
};
} // namespace

std::unique_ptr<TcpStartSource> createLiveTcpStartSource() { return std::make_unique<StubTcpStartSource>(); }

} // namespace pathlens::collect
