// SPDX-License-Identifier: GPL-3.0-or-later
// Grade look-ups against the threshold table.
#include "core/passive/grading.h"

namespace pathlens::core {

QString gradeName(Grade grade)
{
    switch (grade) {
    case Grade::Excellent: return QStringLiteral("Excellent");
    case Grade::Good: return QStringLiteral("Good");
    case Grade::Fair: return QStringLiteral("Fair");
    case Grade::Poor: return QStringLiteral("Poor");
    case Grade::Ungraded: break;
    }
    return QStringLiteral("Ungraded");
}

std::optional<Grade> gradeFromName(const QString &name)
{
    for (Grade g : {Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor, Grade::Ungraded})
        if (gradeName(g).compare(name, Qt::CaseInsensitive) == 0)
            return g;
    return std::nullopt;
}

int gradeRank(Grade grade)
{
    return grade == Grade::Ungraded ? -1 : int(grade);
}

GradeTable::GradeTable()
    : m_rows{{Grade::Excellent, 50.0, 0.5}, {Grade::Good, 100.0, 1.0}, {Grade::Fair, 200.0, 3.0}}
{
}

GradeTable::GradeTable(std::vector<GradeThreshold> rows) : m_rows(std::move(rows)) {}

Grade GradeTable::gradeRtt(double rttMs) const
{
    for (const GradeThreshold &row : m_rows)
        if (rttMs < row.rttBelowMs)
            return row.grade;
    return Grade::Poor;
}

Grade GradeTable::gradeRetrans(double retransPct) const
{
    for (const GradeThreshold &row : m_rows)
        if (retransPct < row.retransBelowPct)
            return row.grade;
    return Grade::Poor;
}

Grade GradeTable::grade(double rttMs, double retransPct) const
{
    return worse(gradeRtt(rttMs), gradeRetrans(retransPct));
}

Grade worse(Grade a, Grade b)
{
    if (a == Grade::Ungraded)
        return b;
    if (b == Grade::Ungraded)
        return a;
    return int(a) > int(b) ? a : b;
}

} // namespace pathlens::core
