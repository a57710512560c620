// SPDX-License-Identifier: GPL-3.0-or-later
// Human names of collector states.
#include "core/base/collector_status.h"

namespace pathlens::core {

QString collectorStateName(CollectorState state)
{
    switch (state) {
    case CollectorState::Stopped:
        return QStringLiteral("stopped");
    case CollectorState::Starting:
        return QStringLiteral("starting");
    case CollectorState::Running:
        return QStringLiteral("running");
    case CollectorState::Restarting:
        return QStringLiteral("restarting");
    case CollectorState::Unsupported:
        return QStringLiteral("unsupported");
    case CollectorState::Idle:
        return QStringLiteral("idle");
    }
    return QStringLiteral("unknown");
}

} // namespace pathlens::core
