// SPDX-License-Identifier: GPL-3.0-or-later
// RAII fixture that brings a lab scenario up around a Qt Test case and runs commands on its hosts.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <vector>

#include <memory>
#include <optional>

namespace pathlens::lab {

struct ExecResult {
    int exitCode = -1;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
    QString error; // could not start (unknown host, missing tool)
    bool ok() const { return error.isEmpty() && !timedOut && exitCode == 0; }
};

enum class Family { IPv4, IPv6 };

// Owned by one test class (create in initTestCase, destroy in cleanupTestCase); the destructor
// always tears the lab down, also when a test failed. If the test process is killed, the lab is
// recorded with this process as its owner and the next fixture or selftest removes it (labctl gc).
// Knows nothing about what is being tested; it only runs commands inside the lab's namespaces.
class LabFixture {
public:
    explicit LabFixture(const QString &scenario, bool logFrames = false);
    ~LabFixture();
    LabFixture(const LabFixture &) = delete;
    LabFixture &operator=(const LabFixture &) = delete;

    // Root and the tools the lab needs; whyNot says what is missing and how to fix it.
    static bool isAvailable(QString *whyNot = nullptr);
    // CI=true: lab tests must fail rather than skip.
    static bool mustRun();
    // For a benchmark's main(): none when the lab can run, else the exit code after printing why
    // (77 "skipped", or 1 where the lab must run).
    static std::optional<int> benchUnavailable();
    // For a benchmark's main(): false after printing why the scenario did not come up.
    bool upOrSay() const;
    // For a benchmark's main(): `--rates 10,50,100` (Mbit/s, 1..1000) or the defaults; empty when
    // the option names no valid rate.
    static QList<int> ratesOption(const QStringList &args, const QList<int> &defaults);

    bool isUp() const { return m_up; }
    QString error() const { return m_error; }
    QString prefix() const { return m_prefix; }
    QString scenario() const { return m_scenario; }
    QJsonObject state() const { return m_state; }
    QStringList hosts() const;

    // Address of a host (first link in name order unless link is given); empty if none.
    QString address(const QString &host, Family family = Family::IPv4,
                    const QString &link = {}) const;

    // Runs argv on host and waits at most timeoutMs (killed after that).
    ExecResult exec(const QString &host, const QStringList &argv, int timeoutMs = 30000) const;

    // Timing-sensitive measurements (packet trains). The forwarder runs SCHED_FIFO and spins after
    // each frame; on a 2-vCPU machine it preempts whatever shares its CPU mid-train (a train then
    // leaves 300 µs apart with a 4 ms hole). pinForwarder() moves it to the last CPU; timed(argv)
    // prefixes a command so it runs on CPU 0 at SCHED_FIFO 20. Both no-ops on one CPU.
    bool pinForwarder() const;
    static QStringList timed(const QStringList &argv);

    // Stops a background process by its PID (`ip netns exec` execs in place: the QProcess's PID is the
    // tool's): SIGTERM, then SIGKILL after 3 s.
    static void stopByPid(QProcess *process);
    // The median of a set of figures; NaN for none (so a missing series never reads as a value).
    static double median(std::vector<double> values);
    // Starts argv on host in the background (servers); the QProcess kills it when destroyed.
    std::unique_ptr<QProcess> spawn(const QString &host, const QStringList &argv) const;

    // Fresh forwarder counters (SIGUSR1), as labctl stats prints them.
    QJsonObject forwarderStats() const;

    // Tears down now (also done by the destructor); idempotent.
    void down();

private:
    QStringList netnsArgs(const QString &host, const QStringList &argv) const;
    ExecResult runLabctl(const QStringList &args, int timeoutMs) const;

    QString m_scenario;
    QString m_prefix;
    QJsonObject m_state;
    QString m_error;
    bool m_up = false;
};

} // namespace pathlens::lab

// In a Qt Test slot (usually initTestCase): skip with the reason when the lab cannot run here,
// but fail under CI, where lab tests must never skip.
#define PATHLENS_LAB_REQUIRE()                                                                    \
    do {                                                                                          \
        QString whyNot_;                                                                          \
        if (!pathlens::lab::LabFixture::isAvailable(&whyNot_)) {                                  \
            if (pathlens::lab::LabFixture::mustRun())                                             \
                QFAIL(qPrintable(QStringLiteral("CI=true but the lab cannot run: ") + whyNot_));  \
            QSKIP(qPrintable(whyNot_));                                                           \
        }                                                                                         \
    } while (false)
