// SPDX-License-Identifier: GPL-3.0-or-later
// /proc readings for benchmarks.
#include "proc_sample.h"

#include <QDir>
#include <QFile>
#include <QList>
#include <QThread>

#include <cstdio>
#include <unistd.h>

namespace pathlens::lab {

ProcSample readProc(qint64 pid)
{
    ProcSample s;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return s;
    const QByteArray line = stat.readAll();
    // Fields after the ")" of comm: state is field 3, utime 14, stime 15 (proc(5)).
    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 13)
        return s;
    const double tick = double(sysconf(_SC_CLK_TCK));
    s.cpuS = (f[11].toDouble() + f[12].toDouble()) / tick;
    s.alive = f[0] != "Z" && f[0] != "X";
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray &l : status.readAll().split('\n')) {
            if (l.startsWith("VmHWM:"))
                s.hwmMb = l.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
            else if (l.startsWith("VmRSS:"))
                s.rssMb = l.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    for (const QString &tid :
         QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile ts(QStringLiteral("/proc/%1/task/%2/status").arg(pid).arg(tid));
        if (!ts.open(QIODevice::ReadOnly))
            continue;
        ++s.threads;
        QString name = tid;
        for (const QByteArray &l : ts.readAll().split('\n')) {
            if (l.startsWith("Name:"))
                name = tid + QLatin1Char(' ') + QString::fromUtf8(l.mid(5).trimmed());
            if (l.startsWith("voluntary_ctxt_switches:") || l.startsWith("nonvoluntary_ctxt_switches:")) {
                const qint64 n = l.mid(l.indexOf(':') + 1).trimmed().toLongLong();
                s.switches += n;
                s.switchesByThread[name] += n;
            }
        }
    }
    s.openFds = int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot).size());
    return s;
}

qint64 agentPid(qint64 spawned)
{
    auto comm = [](qint64 pid) {
        QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
    };
    for (int i = 0; i < 50; ++i) { // up to 5 s for the exec chain
        if (comm(spawned).startsWith("pathlens-agent"))
            return spawned;
        for (const QString &p : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile st(QStringLiteral("/proc/%1/stat").arg(p));
            if (p.toLongLong() <= 0 || !st.open(QIODevice::ReadOnly))
                continue;
            const QByteArray line = st.readAll();
            const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
            if (f.size() > 1 && f[1].toLongLong() == spawned && comm(p.toLongLong()).startsWith("pathlens-agent"))
                return p.toLongLong();
        }
        QThread::msleep(100);
    }
    return 0;
}

qint64 startedAgentPid(QProcess &agent)
{
    if (!agent.waitForStarted(5000)) {
        std::printf("agent did not start: %s\n", qPrintable(agent.errorString()));
        return 0;
    }
    const qint64 pid = agentPid(agent.processId());
    if (!pid)
        std::printf("agent process not found\n");
    return pid;
}

} // namespace pathlens::lab
