// SPDX-License-Identifier: GPL-3.0-or-later
// Running a program to its end from a test: bounded in time, its output kept, stopped by its pid.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace pathlens::test {

struct ProgramRun {
    int code = -1; // -1: did not start or timed out (err says which); -2: crashed
    QString out, err;
};

inline ProgramRun runProgram(const QString &program, const QStringList &args,
                             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(), int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {-1, {}, QStringLiteral("could not start %1").arg(program)};
    if (!p.waitForFinished(timeoutMs)) {
        p.kill(); // by its pid, this child only
        p.waitForFinished(5000);
        return {-1, {}, QStringLiteral("%1 timed out").arg(program)};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace pathlens::test
