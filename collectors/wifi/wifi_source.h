// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface: the raw nl80211 reply bytes of one Wi-Fi poll.
#pragma once

#include "core/base/result.h"
#include "core/base/time_utc.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace pathlens::collect {

// NL80211_IFTYPE_STATION, as Nl80211Interface::iftype holds it: a client interface, the only kind
// with an access point to read (AP, monitor and mesh interfaces are left out). The Linux source
// holds it to the kernel header.
inline constexpr int kNl80211IftypeStation = 2;

// One poll: the interface dump, then per station-mode interface its station dump and survey dump,
// each reply message's bytes as the kernel sent them, concatenated (parse with parseNl80211()).
struct WifiRawPoll {
    core::TimestampUs utcUs = 0; // when the interface dump was answered
    QByteArray bytes;
};

// Owned by the Wi-Fi collector and used only on its worker thread (the netlink socket is opened
// by the first poll(), so it belongs to that thread). Knows nothing of samples: it moves bytes.
// Errors: ErrorCode::Unsupported when Wi-Fi cannot be asked about here (no nl80211 in the kernel,
// or not Linux) — a steady state, not a failure; anything else is a real failure.
class WifiSource {
public:
    virtual ~WifiSource() = default;

    virtual core::Result<WifiRawPoll> poll() = 0;
    virtual QString describe() const = 0;
};

// The platform's live source (wifi_source_linux.cpp / wifi_source_stub.cpp). No privilege needed.
std::unique_ptr<WifiSource> createLiveWifiSource();
// Whether this build can ask about Wi-Fi at all (the stub: Unsupported, with the remedy). A Linux
// kernel without nl80211 is still supported here: cfg80211 may be loaded later (a USB adapter).
core::Result<void> liveWifiSupported();

} // namespace pathlens::collect
