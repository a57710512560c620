// SPDX-License-Identifier: GPL-3.0-or-later
// Progress phases and their sentences.
#include "core/load/load_progress.h"

#include <QCoreApplication>

namespace pathlens::core {

QString loadPhaseId(LoadPhase phase)
{
    switch (phase) {
    case LoadPhase::Idle: return QStringLiteral("idle");
    case LoadPhase::Calibrating: return QStringLiteral("calibrating");
    case LoadPhase::Download: return QStringLiteral("download");
    case LoadPhase::Upload: return QStringLiteral("upload");
    case LoadPhase::Waiting: return QStringLiteral("waiting");
    }
    return {};
}

QString describeLoadProgress(const LoadProgress &p, const QString &detail)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("LoadProgress", s); };
    QString round;
    if (p.round > 0)
        round = p.totalRounds > 0 ? tr("Round %1 of %2").arg(p.round).arg(p.totalRounds)
                                  : tr("Round %1").arg(p.round);
    else
        round = tr("Test now");
    QString what;
    switch (p.phase) {
    case LoadPhase::Idle:
        return p.nextRoundUtcUs > 0 ? tr("Next throughput round at %1").arg(formatUtcMs(p.nextRoundUtcUs).mid(11, 5) + QStringLiteral(" UTC"))
                                    : tr("No throughput test scheduled");
    case LoadPhase::Calibrating: what = tr("calibrating"); break;
    case LoadPhase::Download: what = tr("testing download…"); break;
    case LoadPhase::Upload: what = tr("testing upload…"); break;
    case LoadPhase::Waiting: what = tr("waiting"); break;
    }
    QString s = round + QStringLiteral(": ") + what;
    if (!detail.isEmpty())
        s += QStringLiteral(" ") + detail;
    return s;
}

} // namespace pathlens::core
