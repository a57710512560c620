// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-agent: headless collection and the scripting surface (run, report, import, export).
#include "agent_commands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pathlens-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("pathlens"));
    return pathlens::agent::dispatch(QCoreApplication::arguments());
}
