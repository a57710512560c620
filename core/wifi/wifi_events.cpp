// SPDX-License-Identifier: GPL-3.0-or-later
// Roams, disconnects and drops of PHY mode, width and streams, read from consecutive readings of
// each interface.
#include "core/wifi/wifi_link_text.h"
#include "core/wifi/wifi_picture.h"

#include <algorithm>
#include <map>

namespace pathlens::core {

namespace {

// A link setting (PHY generation, width, streams) as the link settles on it. Rate adaptation moves
// them for single readings (a frame sent at 20 MHz or one stream while the link is 80 MHz 2×2), so a
// value counts once two consecutive readings agree on it; a drop is a settled value followed by a
// lower one that two readings agree on, stamped at the first of those two.
class SettledSetting {
public:
    struct Drop {
        int from, to;
        TimestampUs atUs;
    };

    std::optional<Drop> observe(std::optional<int> value, TimestampUs utcUs)
    {
        if (!value) { // not reported: breaks agreement, keeps what was settled
            m_pending.reset();
            return std::nullopt;
        }
        if (!m_pending || *m_pending != *value) {
            m_pending = value;
            m_pendingSinceUs = utcUs;
            return std::nullopt;
        }
        std::optional<Drop> drop;
        if (m_settled && *value < *m_settled)
            drop = Drop{*m_settled, *value, m_pendingSinceUs};
        m_settled = value;
        return drop;
    }
    void reset() { *this = {}; }

private:
    std::optional<int> m_settled, m_pending;
    TimestampUs m_pendingSinceUs = 0;
};

struct InterfaceState {
    bool seen = false, connected = false;
    QString bssid; // the last one connected to
    SettledSetting phy, width, streams;
};

std::optional<int> phyLevel(WifiPhyMode m)
{
    return m == WifiPhyMode::Unknown ? std::nullopt : std::optional<int>(int(m)); // the enum is in generation order
}

} // namespace

std::vector<WifiEvent> wifiEvents(const std::vector<WifiSample> &samples)
{
    auto byTime = [](const WifiSample &a, const WifiSample &b) { return a.utcUs < b.utcUs; };
    std::vector<WifiSample> sorted;
    const std::vector<WifiSample> *ordered = &samples;
    if (!std::is_sorted(samples.begin(), samples.end(), byTime)) {
        sorted = samples;
        std::stable_sort(sorted.begin(), sorted.end(), byTime);
        ordered = &sorted;
    }

    std::vector<WifiEvent> events;
    std::map<QString, InterfaceState> interfaces;
    for (const WifiSample &s : *ordered) {
        InterfaceState &st = interfaces[s.iface];
        auto add = [&](TimestampUs t, WifiEventKind kind, QString from, QString to) {
            events.push_back(WifiEvent{t, kind, std::move(from), std::move(to), s.iface});
        };
        if (!s.connected) {
            if (st.seen && st.connected) {
                add(s.utcUs, WifiEventKind::Disconnect, st.bssid, QString());
                // After a reconnect the link is read afresh: a slower new link is the reconnect's to tell.
                st.phy.reset();
                st.width.reset();
                st.streams.reset();
            }
            st.seen = true;
            st.connected = false;
            continue;
        }
        if (st.seen && !st.connected)
            add(s.utcUs, WifiEventKind::Reconnect, st.bssid, s.bssid);
        else if (st.seen && !st.bssid.isEmpty() && !s.bssid.isEmpty() && s.bssid != st.bssid)
            add(s.utcUs, WifiEventKind::Roam, st.bssid, s.bssid);
        if (!s.bssid.isEmpty())
            st.bssid = s.bssid;
        st.seen = st.connected = true;

        const WifiRate &rate = s.linkRate();
        if (auto d = st.phy.observe(phyLevel(rate.mode), s.utcUs))
            add(d->atUs, WifiEventKind::PhyModeDrop, wifiGenerationName(WifiPhyMode(d->from)),
                wifiGenerationName(WifiPhyMode(d->to)));
        if (auto d = st.width.observe(wifiLinkWidthMhz(s), s.utcUs))
            add(d->atUs, WifiEventKind::WidthDrop, wifiWidthText(d->from), wifiWidthText(d->to));
        if (auto d = st.streams.observe(rate.nss, s.utcUs))
            add(d->atUs, WifiEventKind::StreamDrop, wifiStreamsText(d->from), wifiStreamsText(d->to));
    }
    // A drop is stamped at its first reading, one reading before it was confirmed.
    std::stable_sort(events.begin(), events.end(),
                     [](const WifiEvent &a, const WifiEvent &b) { return a.utcUs < b.utcUs; });
    return events;
}

} // namespace pathlens::core
