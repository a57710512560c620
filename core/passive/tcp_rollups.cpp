// SPDX-License-Identifier: GPL-3.0-or-later
// Roll-ups of graded TCP sessions: per app, per device, per 5-minute bucket.
#include "core/passive/tcp_rollups.h"

#include "core/base/units_format.h"
#include "core/stats/statistics.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

#include <algorithm>

namespace pathlens::core {

namespace {

bool qualifies(const TcpSession &s, const GradingPolicy &rules)
{
    return s.qualifies(rules.minSessionSeconds) && s.medianRttMs > 0;
}

// "Worst first": Poor (3) … Excellent (0), Ungraded (-1) last.
bool worseFirst(Grade a, Grade b)
{
    return gradeRank(a) > gradeRank(b);
}

// The verdict's texts are read in the window, which translates them (context DeviceVerdict); the
// agent loads no translator, so its reports stay English.
QString hiccupText(const TcpSession &s)
{
    return QCoreApplication::translate("DeviceVerdict", "%1 UTC · %2 · %3 · %4 retransmits")
        .arg(QDateTime::fromMSecsSinceEpoch(s.lastUtcUs / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
             s.app, formatMs(s.medianRttMs), formatPercent(s.retransPct()));
}

} // namespace

Grade sessionGrade(const TcpSession &s, const GradingPolicy &rules)
{
    return qualifies(s, rules) ? rules.grades.grade(s.medianRttMs, s.retransPct()) : Grade::Ungraded;
}

std::vector<AppSummary> rollUpApps(const std::vector<TcpSession> &sessions, const GradingPolicy &rules)
{
    struct Acc {
        AppSummary app;
        std::vector<double> rtts, queues;
        quint64 segs = 0, retrans = 0, down = 0, up = 0;
        double activeSeconds = 0;
    };
    QHash<QString, Acc> byApp;
    for (const TcpSession &s : sessions) {
        Acc &a = byApp[s.app];
        a.app.name = s.app;
        if (a.app.path.isEmpty())
            a.app.path = s.appPath;
        ++a.app.sessions;
        a.segs += s.segsOut;
        a.retrans += s.retransSegs;
        a.down += s.bytesDown;
        a.up += s.bytesUp;
        a.activeSeconds += s.durationS();
        if (qualifies(s, rules)) {
            ++a.app.gradedSessions;
            a.rtts.push_back(s.medianRttMs);
            a.queues.push_back(s.queueMs());
        }
    }
    std::vector<AppSummary> out;
    for (Acc &a : byApp) {
        a.app.medianRttMs = median(a.rtts);
        a.app.queueMs = median(a.queues);
        a.app.retransPct = a.segs ? 100.0 * double(a.retrans) / double(a.segs) : 0.0;
        a.app.downMbps = a.activeSeconds > 0 ? a.down * 8.0 / a.activeSeconds / 1e6 : 0.0;
        a.app.upMbps = a.activeSeconds > 0 ? a.up * 8.0 / a.activeSeconds / 1e6 : 0.0;
        a.app.grade = a.app.gradedSessions >= rules.minAppSessions ? rules.grades.grade(a.app.medianRttMs, a.app.retransPct)
                                                                   : Grade::Ungraded;
        out.push_back(a.app);
    }
    std::sort(out.begin(), out.end(), [](const AppSummary &x, const AppSummary &y) {
        if (x.grade != y.grade)
            return worseFirst(x.grade, y.grade);
        if (x.sessions != y.sessions)
            return x.sessions > y.sessions;
        return x.name < y.name;
    });
    return out;
}

DeviceVerdict deviceVerdict(const std::vector<TcpSession> &sessions, const GradingPolicy &rules)
{
    DeviceVerdict v;
    std::vector<double> rtts;
    quint64 segs = 0, retrans = 0;
    int clean = 0;
    for (const TcpSession &s : sessions) {
        ++v.sessions;
        const Grade g = sessionGrade(s, rules);
        if (g == Grade::Ungraded)
            continue;
        ++v.gradedSessions;
        rtts.push_back(s.medianRttMs);
        segs += s.segsOut;
        retrans += s.retransSegs;
        if (g == Grade::Excellent || g == Grade::Good)
            ++clean;
        if ((g == Grade::Fair || g == Grade::Poor) && (!v.lastHiccup || s.lastUtcUs > v.lastHiccup->lastUtcUs))
            v.lastHiccup = s;
    }
    if (v.gradedSessions == 0) {
        v.headline = QCoreApplication::translate("DeviceVerdict", "Not enough traffic to grade this device yet");
        v.evidence = QCoreApplication::translate("DeviceVerdict", "%1 sessions seen, none longer than %2 s with RTT readings")
                         .arg(v.sessions)
                         .arg(rules.minSessionSeconds);
        return v;
    }
    v.medianRttMs = median(rtts);
    v.retransPct = segs ? 100.0 * double(retrans) / double(segs) : 0.0;
    v.cleanPct = 100.0 * clean / v.gradedSessions;
    v.grade = rules.grades.grade(v.medianRttMs, v.retransPct);
    switch (v.grade) {
    case Grade::Excellent:
    case Grade::Good:
        v.headline = QCoreApplication::translate("DeviceVerdict", "This device is performing well");
        break;
    case Grade::Fair:
        v.headline = QCoreApplication::translate("DeviceVerdict", "This device is usable, but some connections are slow");
        break;
    case Grade::Poor:
    case Grade::Ungraded:
        v.headline = QCoreApplication::translate("DeviceVerdict", "This device's connections are performing poorly");
        break;
    }
    v.evidence = QCoreApplication::translate("DeviceVerdict", "%1 of sessions clean · median %2 · %3 retransmits")
                     .arg(formatPercent(v.cleanPct), formatMs(v.medianRttMs), formatPercent(v.retransPct));
    v.lastHiccupText = v.lastHiccup ? hiccupText(*v.lastHiccup)
                                    : QCoreApplication::translate("DeviceVerdict", "No hiccups: every graded session was clean");
    return v;
}

std::vector<TimelineBucket> timeline24h(const std::vector<TcpSession> &sessions, TimestampUs endUtcUs, const GradingPolicy &rules)
{
    const TimestampUs lastStart = endUtcUs - ((endUtcUs % kTimelineBucketUs) + kTimelineBucketUs) % kTimelineBucketUs;
    const TimestampUs firstStart = lastStart - (kTimelineBuckets - 1) * kTimelineBucketUs;
    std::vector<TimelineBucket> buckets(kTimelineBuckets);
    for (int i = 0; i < kTimelineBuckets; ++i)
        buckets[size_t(i)].startUtcUs = firstStart + i * kTimelineBucketUs;
    for (const TcpSession &s : sessions) {
        const Grade g = sessionGrade(s, rules);
        if (g == Grade::Ungraded || s.lastUtcUs < firstStart || s.firstUtcUs >= lastStart + kTimelineBucketUs)
            continue;
        const qint64 from = std::max<qint64>(0, (s.firstUtcUs - firstStart) / kTimelineBucketUs);
        const qint64 to = std::min<qint64>(kTimelineBuckets - 1, (s.lastUtcUs - firstStart) / kTimelineBucketUs);
        for (qint64 i = from; i <= to; ++i) {
            TimelineBucket &b = buckets[size_t(i)];
            const bool worse_ = b.grade == Grade::Ungraded || gradeRank(g) > gradeRank(b.grade) ||
                                (g == b.grade && s.medianRttMs > b.worstRttMs);
            if (worse_) {
                b.grade = g;
                b.worstSessionId = s.id;
                b.worstApp = s.app;
                b.worstRttMs = s.medianRttMs;
            }
        }
    }
    return buckets;
}

TcpPicture buildTcpPicture(std::vector<TcpSession> sessions, TimestampUs endUtcUs, const GradingPolicy &rules)
{
    TcpPicture p;
    p.apps = rollUpApps(sessions, rules);
    p.verdict = deviceVerdict(sessions, rules);
    p.timeline = timeline24h(sessions, endUtcUs, rules);
    p.endUtcUs = endUtcUs;
    for (TcpSession &s : sessions)
        s.grade = sessionGrade(s, rules);
    p.sessions = std::move(sessions);
    return p;
}

} // namespace pathlens::core
