// SPDX-License-Identifier: GPL-3.0-or-later
// The aligned timeline's shared time window: the whole capture, and the part of it on screen. Every
// row reads its range from here, so a zoom or a pan moves all of them at once.
#pragma once

#include "core/base/time_utc.h"

namespace pathlens::views {

// Owned by the chart widget (GUI thread). Knows nothing of pixels: the caller turns a cursor's x
// into a time before zooming about it.
class TimelineViewport {
public:
    // The capture's span. While the whole span is shown (or nothing was set yet) the view follows
    // it as a live capture grows; a zoomed view stays where the user put it.
    void setExtent(core::TimestampUs from, core::TimestampUs to);
    core::TimestampUs extentFrom() const { return m_extentFrom; }
    core::TimestampUs extentTo() const { return m_extentTo; }

    core::TimestampUs from() const { return m_from; }
    core::TimestampUs to() const { return m_to; }
    core::TimestampUs span() const { return m_to - m_from; }
    bool showsAll() const { return m_from == m_extentFrom && m_to == m_extentTo; }

    void showAll();
    // factor < 1 zooms in, > 1 out; `anchor` stays at the same fraction of the width (under the cursor).
    void zoomAbout(core::TimestampUs anchor, double factor);
    void panBy(core::TimestampUs delta); // positive: later; stops at the capture's ends
    void show(core::TimestampUs from, core::TimestampUs to); // clamped to the extent, at least kMinSpanUs

    // One minute: six Wi-Fi readings, a few dozen probes; closer than that nothing more is learnt.
    static constexpr core::TimestampUs kMinSpanUs = 60'000'000;

private:
    void clamp();
    core::TimestampUs m_extentFrom = 0, m_extentTo = 0;
    core::TimestampUs m_from = 0, m_to = 0;
    bool m_set = false;
};

} // namespace pathlens::views
