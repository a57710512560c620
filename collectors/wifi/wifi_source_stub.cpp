// SPDX-License-Identifier: GPL-3.0-or-later
// Live Wi-Fi source for platforms without nl80211: always "unsupported" (Windows later: WLAN API).
#include "wifi_source.h"

namespace pathlens::collect {

namespace {
core::Error unsupported()
{
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("Wi-Fi readings are not available on this platform yet (Windows later: the WLAN API)"),
                           QStringLiteral("open a capture recorded on Linux to review a Wi-Fi link"));
}

class StubWifiSource final : public WifiSource {
public:
    core::Result<WifiRawPoll> poll() override { return unsupported(); }
    QString describe() const override { return QStringLiteral("unsupported"); }
};
} // namespace

std::unique_ptr<WifiSource> createLiveWifiSource() { return std::make_unique<StubWifiSource>(); }
core::Result<void> liveWifiSupported() { return unsupported(); }

} // namespace pathlens::collect
