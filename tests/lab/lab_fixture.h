// SPDX-License-Identifier: GPL-3.0-or-later
// RAII fixture that brings a lab scenario up around a Qt Test case and runs commands on its hosts.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

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
