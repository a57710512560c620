// SPDX-License-Identifier: GPL-3.0-or-later
// The grading policy in one place (SPEC §1): grade thresholds, minimum session length, minimum
// sessions per app. Read from settings, recorded in each capture, used by every layer.
#pragma once

#include "core/base/result.h"
#include "core/passive/grading.h"

#include <QJsonObject>
#include <QMetaType>

class QSettings;

namespace pathlens::core {

struct GradingPolicy {
    GradeTable grades;              // SPEC §1 table unless recalibrated
    double minSessionSeconds = 0.5; // SPEC §1: shorter sessions are slow-start noise, never graded
    int minAppSessions = 3;         // SPEC §1: apps with fewer qualifying sessions are not graded

    bool operator==(const GradingPolicy &other) const;

    // {"grades":[{"grade","rtt_below_ms","retrans_below_pct"}…], "min_session_s", "min_app_sessions"}
    QJsonObject toJson() const;
    // Rejects tables that are not strictly increasing Excellent < Good < Fair, or non-positive values.
    static Result<GradingPolicy> fromJson(const QJsonObject &json);

    // The user's policy (QSettings group "grading"); the SPEC default when unset or invalid.
    static GradingPolicy fromSettings(QSettings &settings);
    void save(QSettings &settings) const;
};

// The metadata key a capture records its policy under (JSON text).
inline constexpr const char *kGradingPolicyMetaKey = "grading_policy";

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::GradingPolicy)
