// SPDX-License-Identifier: GPL-3.0-or-later
// One reading at several scales (SPEC §1): sessions → apps → device verdict, and the 24 h timeline.
#pragma once

#include "core/passive/grading_policy.h"
#include "core/passive/tcp_session.h"

#include <optional>
#include <vector>

namespace pathlens::core {

struct AppSummary {
    QString name, path;
    Grade grade = Grade::Ungraded;
    int sessions = 0;          // all sessions of the app
    int gradedSessions = 0;    // qualifying sessions (≥ minSessionSeconds with RTT readings)
    double medianRttMs = 0;    // median over qualifying sessions' median RTTs
    double retransPct = 0;     // all retransmitted segments / all segments sent
    double queueMs = 0;        // median queueing delay (srtt − min_rtt) of qualifying sessions
    double downMbps = 0, upMbps = 0; // all bytes / all session-seconds: the rate while a session is open
};

// A session graded by the policy: Ungraded when shorter than the minimum or without RTT readings.
Grade sessionGrade(const TcpSession &session, const GradingPolicy &policy);

// Worst grade first (Poor … Excellent), Ungraded last; ties by session count, then name.
std::vector<AppSummary> rollUpApps(const std::vector<TcpSession> &sessions, const GradingPolicy &policy = {});

struct DeviceVerdict {
    Grade grade = Grade::Ungraded;
    QString headline;     // "This device is performing well"
    QString evidence;     // "97% of sessions clean · median 38 ms · 0.2% retransmits"
    int sessions = 0, gradedSessions = 0;
    double cleanPct = 0;  // share of graded sessions that are Excellent or Good
    double medianRttMs = 0, retransPct = 0;
    std::optional<TcpSession> lastHiccup; // most recent Fair-or-worse session
    QString lastHiccupText;               // "14:02 UTC · zoom · 240 ms · 4.1% retransmits"
};

DeviceVerdict deviceVerdict(const std::vector<TcpSession> &sessions, const GradingPolicy &policy = {});

struct TimelineBucket {
    TimestampUs startUtcUs = 0;     // bucket covers [start, start + 5 min)
    Grade grade = Grade::Ungraded;  // Ungraded = idle: no qualifying session touched the bucket
    qint64 worstSessionId = 0;
    QString worstApp;
    double worstRttMs = 0;
};

inline constexpr int kTimelineBuckets = 288;                        // 24 h of 5-minute buckets
inline constexpr TimestampUs kTimelineBucketUs = 5LL * 60 * 1000000;

// The 288 buckets ending with the one that contains `endUtcUs` (aligned to 5-minute UTC
// boundaries). A session counts in every bucket its [first, last] span overlaps.
std::vector<TimelineBucket> timeline24h(const std::vector<TcpSession> &sessions, TimestampUs endUtcUs,
                                        const GradingPolicy &policy = {});

// Everything the Apps and Overview pages show, built the same way live and from a capture. Every
// session's grade is the policy's (the tracker's stored grade is only a hint for other tools).
struct TcpPicture {
    std::vector<TcpSession> sessions;
    std::vector<AppSummary> apps;
    DeviceVerdict verdict;
    std::vector<TimelineBucket> timeline;
    TimestampUs endUtcUs = 0;
};
TcpPicture buildTcpPicture(std::vector<TcpSession> sessions, TimestampUs endUtcUs, const GradingPolicy &policy = {});

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::TcpPicture)
