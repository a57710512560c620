// SPDX-License-Identifier: GPL-3.0-or-later
// Process attribution where no process table can be read: every socket is "unknown".
#include "process_attribution.h"

namespace pathlens::collect {

namespace {
class StubProcessAttribution final : public ProcessAttribution {
public:
    void attribute(std::vector<core::TcpSocketReading> &readings, bool) override
    {
        for (auto &r : readings) {
            r.attribution = core::Attribution::Unknown;
            r.exeName = unknownName();
        }
    }
    void attributeNew(const std::vector<core::TcpSocketReading *> &fresh) override
    {
        for (core::TcpSocketReading *r : fresh) {
            r->attribution = core::Attribution::Unknown;
            r->exeName = unknownName();
        }
    }
    void retainLive(const std::vector<core::TcpSocketReading> &) override {}
    void attributePid(core::TcpSocketReading &reading, qint64) override { reading.exeName = unknownName(); }
    Stats stats() const override { return {}; }
};
} // namespace

std::unique_ptr<ProcessAttribution> createProcessAttribution(const QString &) { return std::make_unique<StubProcessAttribution>(); }

} // namespace pathlens::collect
