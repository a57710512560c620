// SPDX-License-Identifier: GPL-3.0-or-later
// Qt WebEngine (Chromium) refuses to start its sandbox as root. The switch that turns the sandbox
// off is the user's decision, so Pathlens checks for it and names it instead of setting it.
#pragma once

#include <QString>
#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace pathlens::report {

inline constexpr char kSandboxSwitch[] = "QTWEBENGINE_DISABLE_SANDBOX";

// True when WebEngine would abort: running as root and the switch not set (Qt reads it as set
// or not, whatever its value).
inline bool webEngineBlockedAsRoot()
{
#if defined(Q_OS_UNIX)
    return ::geteuid() == 0 && !qEnvironmentVariableIsSet(kSandboxSwitch);
#else
    return false;
#endif
}

inline QString sandboxAsRootMessage()
{
    return QStringLiteral("the PDF is rendered by Qt WebEngine, whose sandbox cannot run as root");
}

inline QString sandboxAsRootRemedy()
{
    return QStringLiteral("set QTWEBENGINE_DISABLE_SANDBOX=1 in the environment (e.g. QTWEBENGINE_DISABLE_SANDBOX=1 "
                          "pathlens-agent report FILE --pdf OUT.pdf), or run as a normal user");
}

} // namespace pathlens::report
