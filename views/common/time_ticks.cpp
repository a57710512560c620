// SPDX-License-Identifier: GPL-3.0-or-later
// Time ticks for a chart's time axis (the Capacity chart, the Wi-Fi strips, the aligned timeline).
#include "views/common/time_ticks.h"

#include <QDateTime>

#include <iterator>

namespace pathlens::views {

namespace {
struct TimeStep {
    core::TimestampUs us;
    const char *format;
};
// Whole seconds, minutes, hours and days, so ticks fall on times a person reads at a glance.
constexpr TimeStep kTimeSteps[] = {
    {1'000'000, "HH:mm:ss"},        {2'000'000, "HH:mm:ss"},        {5'000'000, "HH:mm:ss"},
    {10'000'000, "HH:mm:ss"},       {15'000'000, "HH:mm:ss"},       {30'000'000, "HH:mm:ss"},
    {60'000'000, "HH:mm"},          {120'000'000, "HH:mm"},         {300'000'000, "HH:mm"},
    {600'000'000, "HH:mm"},         {900'000'000, "HH:mm"},         {1'800'000'000, "HH:mm"},
    {3'600'000'000, "HH:mm"},       {7'200'000'000, "HH:mm"},       {10'800'000'000, "HH:mm"},
    {21'600'000'000, "HH:mm"},      {43'200'000'000, "d MMM HH:mm"}, {86'400'000'000, "d MMM"},
    {172'800'000'000, "d MMM"},     {604'800'000'000, "d MMM"}};

QString label(core::TimestampUs t, const char *format)
{
    return QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).toString(QLatin1String(format));
}
} // namespace

std::vector<TimeTick> timeTicks(core::TimestampUs from, core::TimestampUs to, double left, double right, double top,
                                double lh, double maxRight, const std::function<double(const QString &)> &textWidth,
                                core::TimestampUs minStepUs)
{
    std::vector<TimeTick> out;
    if (to <= from || right <= left)
        return out;
    const double pxPerUs = (right - left) / double(to - from);
    const TimeStep *ts = &kTimeSteps[std::size(kTimeSteps) - 1];
    for (const TimeStep &s : kTimeSteps)
        if (s.us >= minStepUs && double(s.us) * pxPerUs >= textWidth(label(from, s.format)) + 24) {
            ts = &s;
            break;
        }
    double lastRight = -1e9;
    for (core::TimestampUs t = (from / ts->us + 1) * ts->us; t < to; t += ts->us) {
        const double x = left + double(t - from) * pxPerUs;
        const QString text = label(t, ts->format);
        const double w = textWidth(text) + 2;
        QRectF r(x - w / 2, top, w, lh);
        if (r.right() > maxRight)
            r.moveRight(maxRight);
        if (r.left() <= lastRight + 6)
            continue; // never two labels on top of each other
        lastRight = r.right();
        out.push_back({t, x, text, r});
    }
    return out;
}

QString timeAxisCaption(core::TimestampUs from, core::TimestampUs to)
{
    const QString d0 = label(from, "yyyy-MM-dd"), d1 = label(to, "yyyy-MM-dd");
    return d0 == d1 ? QStringLiteral("UTC, %1").arg(d0) : QStringLiteral("UTC, %1 – %2").arg(d0, d1);
}

QString timeOfDay(core::TimestampUs t)
{
    return label(t, "HH:mm:ss");
}

} // namespace pathlens::views
