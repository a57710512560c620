// SPDX-License-Identifier: GPL-3.0-or-later
// The grade table of SPEC §1 as data: median RTT and retransmit thresholds, worst of the two wins.
#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace pathlens::core {

// Ordered best to worst; Ungraded sorts after Poor only where callers ask (see gradeRank).
enum class Grade { Excellent, Good, Fair, Poor, Ungraded };

QString gradeName(Grade grade);                 // "Excellent" … "Ungraded"
std::optional<Grade> gradeFromName(const QString &name);
int gradeRank(Grade grade);                     // Excellent 0 … Poor 3, Ungraded -1 (sorts last in "worst first")

struct GradeThreshold {
    Grade grade;
    double rttBelowMs;       // strict: rtt < rttBelowMs qualifies
    double retransBelowPct;  // strict: retrans < retransBelowPct qualifies
};

// Thresholds from best to worst; anything failing every row is Poor. Users may recalibrate by
// supplying their own table (e.g. from settings); the default is SPEC §1.
class GradeTable {
public:
    GradeTable(); // SPEC §1: Excellent <50 ms/<0.5 %, Good <100/<1, Fair <200/<3, else Poor
    explicit GradeTable(std::vector<GradeThreshold> rows);

    Grade gradeRtt(double rttMs) const;
    Grade gradeRetrans(double retransPct) const;
    Grade grade(double rttMs, double retransPct) const; // worst of the two
    const std::vector<GradeThreshold> &rows() const { return m_rows; }

private:
    std::vector<GradeThreshold> m_rows;
};

Grade worse(Grade a, Grade b); // Ungraded never wins over a real grade

} // namespace pathlens::core
