// SPDX-License-Identifier: GPL-3.0-or-later
// RAII fixture that brings a lab scenario up around a Qt Test case and runs commands on its hosts.
#include "lab_fixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>

#include <unistd.h>

namespace pathlens::lab {

namespace {
constexpr int kUpTimeoutMs = 60000;   // chain-6 comes up in ~0.5 s; 60 s is "something is stuck"
constexpr int kDownTimeoutMs = 30000; // down waits at most 2 s per process it stops
constexpr int kKillWaitMs = 3000;     // after kill(), wait this long for the process to go

QString labctlPath()
{
    const QString env = qEnvironmentVariable("PATHLENS_LABCTL");
    return env.isEmpty() ? QStringLiteral(PATHLENS_LABCTL) : env;
}

QString impairPath()
{
    const QString env = qEnvironmentVariable("PATHLENS_IMPAIR");
    return env.isEmpty() ? QStringLiteral(PATHLENS_IMPAIR_BIN) : env;
}

ExecResult runProcess(const QString &program, const QStringList &args, int timeoutMs,
                      const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    ExecResult r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted(kKillWaitMs)) {
        r.error = QStringLiteral("cannot start %1: %2").arg(program, p.errorString());
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(kKillWaitMs);
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = (p.exitStatus() == QProcess::NormalExit && !r.timedOut) ? p.exitCode() : -1;
    return r;
}
} // namespace

bool LabFixture::isAvailable(QString *whyNot)
{
    auto fail = [whyNot](const QString &why) {
        if (whyNot)
            *whyNot = why;
        return false;
    };
    if (::geteuid() != 0)
        return fail(QStringLiteral("lab tests need root (network namespaces): run ctest -L lab "
                                   "as root, e.g. sudo ctest --test-dir build -L lab"));
    for (const char *tool : {"ip", "tc", "iptables", "ip6tables", "python3"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()
            && QStandardPaths::findExecutable(QString::fromLatin1(tool),
                                              {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")})
                   .isEmpty())
            return fail(QStringLiteral("%1 not found: apt-get install iproute2 iptables python3")
                            .arg(QString::fromLatin1(tool)));
    }
    if (!QFileInfo(labctlPath()).isExecutable())
        return fail(QStringLiteral("labctl not found at %1").arg(labctlPath()));
    if (!QFileInfo(impairPath()).isExecutable())
        return fail(QStringLiteral("pathlens-impair not built at %1").arg(impairPath()));
    return true;
}

bool LabFixture::mustRun()
{
    const QString ci = qEnvironmentVariable("CI").toLower();
    return !ci.isEmpty() && ci != QLatin1String("0") && ci != QLatin1String("false");
}

std::optional<int> LabFixture::benchUnavailable()
{
    QString whyNot;
    if (isAvailable(&whyNot))
        return std::nullopt;
    std::printf("skipped: %s\n", qPrintable(whyNot));
    return mustRun() ? 1 : 77;
}

QList<int> LabFixture::ratesOption(const QStringList &args, const QList<int> &defaults)
{
    const qsizetype i = args.indexOf(QStringLiteral("--rates"));
    if (i < 0)
        return defaults;
    QList<int> rates;
    for (const QString &r : args.value(i + 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (r.toInt() > 0 && r.toInt() <= 1000)
            rates << r.toInt();
    return rates;
}

bool LabFixture::upOrSay() const
{
    if (!m_up)
        std::printf("lab failed: %s\n", qPrintable(m_error));
    return m_up;
}

LabFixture::LabFixture(const QString &scenario, bool logFrames) : m_scenario(scenario)
{
    // Own prefix per fixture: parallel test executables never share namespaces.
    m_prefix = QStringLiteral("pl%1").arg(QRandomGenerator::system()->bounded(0x1000000), 6, 16,
                                          QLatin1Char('0'));
    QStringList args{QStringLiteral("--prefix"), m_prefix, QStringLiteral("up"), scenario,
                     QStringLiteral("--json"), QStringLiteral("--owner-pid"),
                     QString::number(QCoreApplication::applicationPid()),
                     QStringLiteral("--impair"), impairPath()};
    if (logFrames)
        args << QStringLiteral("--log");
    const ExecResult r = runLabctl(args, kUpTimeoutMs);
    if (!r.ok()) {
        m_error = QStringLiteral("labctl up %1 failed: %2%3").arg(scenario, r.error,
                                                                  QString::fromUtf8(r.err));
        down();
        return;
    }
    QJsonParseError pe{};
    m_state = QJsonDocument::fromJson(r.out, &pe).object();
    if (pe.error != QJsonParseError::NoError || !m_state.value(QLatin1String("complete")).toBool()) {
        m_error = QStringLiteral("labctl up printed no usable state: ") + pe.errorString();
        down();
        return;
    }
    m_up = true;
}

LabFixture::~LabFixture()
{
    down();
}

void LabFixture::down()
{
    if (m_prefix.isEmpty())
        return;
    runLabctl({QStringLiteral("--prefix"), m_prefix, QStringLiteral("down")}, kDownTimeoutMs);
    m_up = false;
    m_prefix.clear();
}

ExecResult LabFixture::runLabctl(const QStringList &args, int timeoutMs) const
{
    return runProcess(labctlPath(), args, timeoutMs);
}

QStringList LabFixture::hosts() const
{
    return m_state.value(QLatin1String("nodes")).toObject().keys();
}

QString LabFixture::address(const QString &host, Family family, const QString &link) const
{
    const QJsonObject ifs = m_state.value(QLatin1String("nodes")).toObject().value(host).toObject()
                                .value(QLatin1String("interfaces")).toObject();
    const QString key = family == Family::IPv4 ? QStringLiteral("ipv4") : QStringLiteral("ipv6");
    const QStringList names = link.isEmpty() ? ifs.keys() : QStringList{link}; // keys() is sorted
    for (const QString &name : names) {
        const QString a = ifs.value(name).toObject().value(key).toString();
        if (!a.isEmpty())
            return a;
    }
    return {};
}

QStringList LabFixture::netnsArgs(const QString &host, const QStringList &argv) const
{
    const QString ns = m_state.value(QLatin1String("nodes")).toObject().value(host).toObject()
                           .value(QLatin1String("netns")).toString();
    if (ns.isEmpty())
        return {};
    return QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + argv;
}

ExecResult LabFixture::exec(const QString &host, const QStringList &argv, int timeoutMs) const
{
    const QStringList args = netnsArgs(host, argv);
    if (!m_up || args.isEmpty() || argv.isEmpty()) {
        ExecResult r;
        r.error = !m_up ? QStringLiteral("lab is not up")
                        : QStringLiteral("no host '%1' in %2 (hosts: %3)")
                              .arg(host, m_scenario, hosts().join(QLatin1String(", ")));
        return r;
    }
    return runProcess(QStringLiteral("ip"), args, timeoutMs);
}

std::unique_ptr<QProcess> LabFixture::spawn(const QString &host, const QStringList &argv) const
{
    const QStringList args = netnsArgs(host, argv);
    if (!m_up || args.isEmpty() || argv.isEmpty())
        return nullptr;
    auto p = std::make_unique<QProcess>();
    p->start(QStringLiteral("ip"), args);
    if (!p->waitForStarted(kKillWaitMs))
        return nullptr;
    return p;
}

QJsonObject LabFixture::forwarderStats() const
{
    const ExecResult r = runLabctl({QStringLiteral("--prefix"), m_prefix, QStringLiteral("stats")},
                                   kDownTimeoutMs);
    return QJsonDocument::fromJson(r.out).object();
}

bool LabFixture::pinForwarder() const
{
    const int cpus = QThread::idealThreadCount();
    if (cpus < 2)
        return true;
    const QString pid = QString::number(m_state.value(QStringLiteral("forwarder")).toObject().value(QStringLiteral("pid")).toInteger());
    return exec(hosts().value(0), {QStringLiteral("taskset"), QStringLiteral("-a"), QStringLiteral("-p"), QStringLiteral("-c"),
                                   QString::number(cpus - 1), pid})
        .ok();
}

QStringList LabFixture::timed(const QStringList &argv)
{
    QStringList prefix;
    if (QThread::idealThreadCount() >= 2)
        prefix << QStringLiteral("taskset") << QStringLiteral("-c") << QStringLiteral("0");
    return prefix + QStringList{QStringLiteral("chrt"), QStringLiteral("-f"), QStringLiteral("20")} + argv;
}

void LabFixture::stopByPid(QProcess *p)
{
    if (!p || p->state() == QProcess::NotRunning)
        return;
    const auto pid = pid_t(p->processId());
    ::kill(pid, SIGTERM);
    if (!p->waitForFinished(3000)) {
        ::kill(pid, SIGKILL);
        p->waitForFinished(3000);
    }
}

double LabFixture::median(std::vector<double> v)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace pathlens::lab
