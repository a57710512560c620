// SPDX-License-Identifier: GPL-3.0-or-later
// Even spacing of throughput rounds.
#include "core/load/round_schedule.h"

namespace pathlens::core {

namespace {
constexpr qint64 kMinuteUs = 60'000'000;

struct Plan {
    RoundScheduleMode mode;
    const char *id;
    qint64 lengthUs; // continuous: the cycle that repeats
    int rounds;
};
constexpr Plan kPlans[] = {
    {RoundScheduleMode::Quick, "quick", 5 * kMinuteUs, 3},
    {RoundScheduleMode::Standard, "standard", 10 * kMinuteUs, 5},
    {RoundScheduleMode::Extended, "extended", 30 * kMinuteUs, 8},
    {RoundScheduleMode::Continuous, "continuous", 30 * kMinuteUs, 8},
};

const Plan &plan(RoundScheduleMode mode)
{
    for (const Plan &p : kPlans)
        if (p.mode == mode)
            return p;
    return kPlans[1];
}
} // namespace

QString roundScheduleId(RoundScheduleMode mode)
{
    return QString::fromLatin1(plan(mode).id);
}

std::optional<RoundScheduleMode> roundScheduleFromId(const QString &id)
{
    for (const Plan &p : kPlans)
        if (id.compare(QLatin1String(p.id), Qt::CaseInsensitive) == 0)
            return p.mode;
    return std::nullopt;
}

RoundSchedule::RoundSchedule(RoundScheduleMode mode, TimestampUs startUs) : m_mode(mode), m_startUs(startUs) {}

int RoundSchedule::totalRounds() const
{
    return m_mode == RoundScheduleMode::Continuous ? 0 : plan(m_mode).rounds;
}

qint64 RoundSchedule::lengthUs() const
{
    return m_mode == RoundScheduleMode::Continuous ? 0 : plan(m_mode).lengthUs;
}

qint64 RoundSchedule::spacingUs() const
{
    const Plan &p = plan(m_mode);
    // A fixed schedule ends with a round (first at 0, last at the length); a cycle repeats, so its
    // rounds divide it.
    return m_mode == RoundScheduleMode::Continuous ? p.lengthUs / p.rounds : p.lengthUs / (p.rounds - 1);
}

std::optional<TimestampUs> RoundSchedule::roundStartUs(int round) const
{
    if (round < 1 || (totalRounds() > 0 && round > totalRounds()))
        return std::nullopt;
    return m_startUs + qint64(round - 1) * spacingUs();
}

int RoundSchedule::roundAt(TimestampUs nowUs) const
{
    if (nowUs < m_startUs)
        return 0;
    const int n = int((nowUs - m_startUs) / spacingUs()) + 1;
    return totalRounds() > 0 ? std::min(n, totalRounds()) : n;
}

bool RoundSchedule::finished(TimestampUs nowUs) const
{
    return totalRounds() > 0 && roundAt(nowUs) >= totalRounds();
}

} // namespace pathlens::core
