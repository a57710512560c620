// SPDX-License-Identifier: GPL-3.0-or-later
// Zoom and pan of the aligned timeline's shared window.
#include "views/timeline/timeline_viewport.h"

#include <algorithm>
#include <cmath>

namespace pathlens::views {

void TimelineViewport::setExtent(core::TimestampUs from, core::TimestampUs to)
{
    if (to - from < kMinSpanUs) {
        const core::TimestampUs mid = from + (to - from) / 2;
        from = mid - kMinSpanUs / 2;
        to = from + kMinSpanUs;
    }
    const bool follow = !m_set || showsAll();
    m_extentFrom = from;
    m_extentTo = to;
    m_set = true;
    if (follow)
        showAll();
    else
        clamp();
}

void TimelineViewport::showAll()
{
    m_from = m_extentFrom;
    m_to = m_extentTo;
}

void TimelineViewport::zoomAbout(core::TimestampUs anchor, double factor)
{
    if (!(factor > 0))
        return;
    anchor = std::clamp(anchor, m_from, m_to);
    const double fraction = span() > 0 ? double(anchor - m_from) / double(span()) : 0.5;
    const core::TimestampUs extent = m_extentTo - m_extentFrom;
    const core::TimestampUs wanted = std::clamp<core::TimestampUs>(core::TimestampUs(std::llround(double(span()) * factor)),
                                                                   std::min(kMinSpanUs, extent), extent);
    const core::TimestampUs from = anchor - core::TimestampUs(std::llround(fraction * double(wanted)));
    show(from, from + wanted);
}

void TimelineViewport::panBy(core::TimestampUs delta)
{
    const core::TimestampUs s = span();
    m_from += delta;
    m_to = m_from + s;
    clamp();
}

void TimelineViewport::show(core::TimestampUs from, core::TimestampUs to)
{
    if (to - from < kMinSpanUs) {
        const core::TimestampUs mid = from + (to - from) / 2;
        from = mid - kMinSpanUs / 2;
        to = from + kMinSpanUs;
    }
    m_from = from;
    m_to = to;
    clamp();
}

void TimelineViewport::clamp()
{
    // Never wider than the capture, never outside it: a pan past an end stops there.
    const core::TimestampUs s = std::min(m_to - m_from, m_extentTo - m_extentFrom);
    if (m_from < m_extentFrom)
        m_from = m_extentFrom;
    if (m_from + s > m_extentTo)
        m_from = m_extentTo - s;
    m_to = m_from + s;
}

} // namespace pathlens::views
