// SPDX-License-Identifier: GPL-3.0-or-later
// Grading policy ⇄ JSON and settings, with validation.
#include "core/passive/grading_policy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

namespace pathlens::core {

bool GradingPolicy::operator==(const GradingPolicy &other) const
{
    if (minSessionSeconds != other.minSessionSeconds || minAppSessions != other.minAppSessions)
        return false;
    const auto &a = grades.rows(), &b = other.grades.rows();
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].grade != b[i].grade || a[i].rttBelowMs != b[i].rttBelowMs || a[i].retransBelowPct != b[i].retransBelowPct)
            return false;
    return true;
}

QJsonObject GradingPolicy::toJson() const
{
    QJsonArray rows;
    for (const GradeThreshold &t : grades.rows())
        rows.append(QJsonObject{{QStringLiteral("grade"), gradeName(t.grade)},
                                {QStringLiteral("rtt_below_ms"), t.rttBelowMs},
                                {QStringLiteral("retrans_below_pct"), t.retransBelowPct}});
    return QJsonObject{{QStringLiteral("grades"), rows},
                       {QStringLiteral("min_session_s"), minSessionSeconds},
                       {QStringLiteral("min_app_sessions"), minAppSessions}};
}

Result<GradingPolicy> GradingPolicy::fromJson(const QJsonObject &json)
{
    auto bad = [](const QString &why) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("grading policy: %1").arg(why),
                         QStringLiteral("fix the thresholds in Preferences (or delete the [grading] settings to restore the defaults)"));
    };
    GradingPolicy p;
    std::vector<GradeThreshold> rows;
    const Grade order[] = {Grade::Excellent, Grade::Good, Grade::Fair};
    const QJsonArray array = json.value(QStringLiteral("grades")).toArray();
    if (array.size() != 3)
        return bad(QStringLiteral("need exactly three rows (Excellent, Good, Fair); anything worse is Poor"));
    for (int i = 0; i < 3; ++i) {
        const QJsonObject o = array.at(i).toObject();
        const auto grade = gradeFromName(o.value(QStringLiteral("grade")).toString());
        const double rtt = o.value(QStringLiteral("rtt_below_ms")).toDouble(-1);
        const double retrans = o.value(QStringLiteral("retrans_below_pct")).toDouble(-1);
        if (grade != order[i])
            return bad(QStringLiteral("row %1 must be %2").arg(i + 1).arg(gradeName(order[i])));
        if (rtt <= 0 || retrans <= 0)
            return bad(QStringLiteral("%1 thresholds must be above zero").arg(gradeName(order[i])));
        if (!rows.empty() && (rtt <= rows.back().rttBelowMs || retrans <= rows.back().retransBelowPct))
            return bad(QStringLiteral("%1 thresholds must be above %2's").arg(gradeName(order[i]), gradeName(order[i - 1])));
        rows.push_back({order[i], rtt, retrans});
    }
    p.grades = GradeTable(std::move(rows));
    p.minSessionSeconds = json.value(QStringLiteral("min_session_s")).toDouble(0.5);
    p.minAppSessions = json.value(QStringLiteral("min_app_sessions")).toInt(3);
    if (p.minSessionSeconds < 0 || p.minAppSessions < 1)
        return bad(QStringLiteral("minimum session length must be ≥ 0 s and minimum sessions per app ≥ 1"));
    return p;
}

GradingPolicy GradingPolicy::fromSettings(QSettings &settings)
{
    const QByteArray text = settings.value(QStringLiteral("grading/policy")).toByteArray();
    if (text.isEmpty())
        return {};
    const auto parsed = fromJson(QJsonDocument::fromJson(text).object());
    return parsed ? *parsed : GradingPolicy{};
}

void GradingPolicy::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("grading/policy"), QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

} // namespace pathlens::core
