// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/live_capture_settings.h"

#include <QSettings>

#include <algorithm>

namespace pathlens::core {

LiveCaptureSettings LiveCaptureSettings::load()
{
    const QSettings settings;
    LiveCaptureSettings s;
    s.daily = settings.value(QStringLiteral("captures/daily"), s.daily).toBool();
    s.keepDays = std::max(0, settings.value(QStringLiteral("captures/keepDays"), s.keepDays).toInt());
    s.keepGb = std::max(0.0, settings.value(QStringLiteral("captures/keepGb"), s.keepGb).toDouble());
    return s;
}

void LiveCaptureSettings::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("captures/daily"), daily);
    settings.setValue(QStringLiteral("captures/keepDays"), keepDays);
    settings.setValue(QStringLiteral("captures/keepGb"), keepGb);
}

} // namespace pathlens::core
