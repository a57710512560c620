// SPDX-License-Identifier: GPL-3.0-or-later
// The Debian package as a user gets it (issue 17 item 1): `cpack -G DEB` from the build, lintian
// with no error or warning, `dpkg -i` on this machine, cap_net_raw on pathlens-helper and on no
// other file, the installed agent runs, user nobody probes 127.0.0.1 by ICMP through the installed
// helper, and `dpkg --purge` leaves none of the package's files behind.
// It installs into the running system, so it needs root: it skips without (fails under CI=true), and
// it leaves a pathlens package that is already installed alone. Loopback only.
#include "../common/program_run.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

using Run = pathlens::test::ProgramRun;

// dpkg and lintian non-interactive and in plain English, whatever the machine's locale.
Run run(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return pathlens::test::runProgram(program, args, env, timeoutMs);
}

QString describe(const Run &r, const QString &what)
{
    return QStringLiteral("%1: exit %2\n%3%4").arg(what).arg(r.code).arg(r.out, r.err);
}

bool packageInstalled()
{
    const Run r = run(QStringLiteral("dpkg-query"), {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), QStringLiteral("pathlens")});
    return r.code == 0 && r.out.contains(QLatin1String("installed")) && !r.out.contains(QLatin1String("not-installed"));
}

const QString kHelper = QStringLiteral("/usr/bin/pathlens-helper");
const QString kAgent = QStringLiteral("/usr/bin/pathlens-agent");

} // namespace

class TestDebPackage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_work;
    QString m_deb;
    QStringList m_files; // dpkg -L while installed
    bool m_installedByUs = false;
    QStringList m_madeDirs; // parents of the service's state that this test had to create

    static void requireTool(const QString &tool, const QString &package)
    {
        if (QStandardPaths::findExecutable(tool).isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 is missing: apt-get install %2 (quickstart.sh installs it)").arg(tool, package)));
    }

    void purge()
    {
        const Run r = run(QStringLiteral("dpkg"), {QStringLiteral("--purge"), QStringLiteral("pathlens")});
        m_installedByUs = false;
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("dpkg --purge pathlens"))));
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("tst_deb_package must run as root under CI: it installs and purges the .deb");
            QSKIP("needs root: it installs the .deb with dpkg -i and purges it (run as root, or in CI)");
        }
        requireTool(QStringLiteral("dpkg-deb"), QStringLiteral("dpkg"));
        requireTool(QStringLiteral("dpkg-shlibdeps"), QStringLiteral("dpkg-dev"));
        requireTool(QStringLiteral("lintian"), QStringLiteral("lintian"));
        requireTool(QStringLiteral("getcap"), QStringLiteral("libcap2-bin"));
        requireTool(QStringLiteral("setpriv"), QStringLiteral("util-linux"));
        requireTool(QStringLiteral("unshare"), QStringLiteral("util-linux"));
        requireTool(QStringLiteral("ip"), QStringLiteral("iproute2"));
        requireTool(QStringLiteral("sqlite3"), QStringLiteral("sqlite3"));
        if (packageInstalled())
            QSKIP("a pathlens package is installed on this machine; this test installs and purges its own "
                  "build, so it leaves yours alone (dpkg --purge pathlens to run it)");
        QVERIFY(m_work.isValid());

        // cpack reads the build as it is (it builds nothing): the targets this test depends on.
        QElapsedTimer t;
        t.start();
        const Run r = run(QStringLiteral(PATHLENS_CPACK_COMMAND),
                          {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                           QStringLiteral(PATHLENS_BINARY_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), m_work.path()},
                          300000);
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("cpack -G DEB"))));
        const QStringList debs = QDir(m_work.path()).entryList({QStringLiteral("pathlens_*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = m_work.filePath(debs.first());
        qInfo("cpack -G DEB: %s, %.1f MB, in %.1f s", qPrintable(debs.first()), QFileInfo(m_deb).size() / 1e6,
              t.elapsed() / 1000.0);
    }

    void lintianIsClean()
    {
        // Every error and warning fails; the few overrides are in installers/debian/lintian-overrides,
        // each with its reason. (As root lintian says so on stderr: not a finding.)
        const Run r = run(QStringLiteral("lintian"), {QStringLiteral("--tag-display-limit"), QStringLiteral("0"), m_deb}, 300000);
        QStringList findings;
        for (const QString &line : r.out.split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("E: ")) || line.startsWith(QLatin1String("W: ")))
                findings << line;
        QVERIFY2(findings.isEmpty(), qPrintable(QStringLiteral("lintian:\n") + findings.join(QLatin1Char('\n'))));
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("lintian"))));
    }

    void controlFields()
    {
        const Run r = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb});
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("dpkg-deb -f"))));
        QVERIFY2(r.out.contains(QLatin1String("\nVersion: " PATHLENS_VERSION "-")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("\nSection: net\n")) && r.out.contains(QLatin1String("\nPriority: optional\n")),
                 qPrintable(r.out));
        // From dpkg-shlibdeps (the Qt and C++ runtimes), and setcap for postinst.
        for (const char *dep : {"libqt6core6", "libstdc++6", "libcap2-bin"})
            QVERIFY2(r.out.contains(QLatin1String(dep)), dep);
    }

    void installs()
    {
        const Run r = run(QStringLiteral("dpkg"), {QStringLiteral("-i"), m_deb}, 300000);
        m_installedByUs = true;
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("dpkg -i"))));
        const Run list = run(QStringLiteral("dpkg"), {QStringLiteral("-L"), QStringLiteral("pathlens")});
        QVERIFY2(list.code == 0, qPrintable(describe(list, QStringLiteral("dpkg -L pathlens"))));
        m_files = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const char *path : {"/usr/share/doc/pathlens/copyright", "/usr/share/doc/pathlens/changelog.Debian.gz",
                                 "/usr/share/man/man1/pathlens-helper.1.gz", "/usr/share/man/man1/pathlens-agent.1.gz"})
            QVERIFY2(m_files.contains(QLatin1String(path)), path);
        for (const QString &path : m_files) // cpack strips what the build holds: never an empty program
            if (path.startsWith(QLatin1String("/usr/bin/")))
                QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path + QStringLiteral(" is empty")));
    }

    void onlyTheHelperHoldsACapability()
    {
        QVERIFY(m_installedByUs);
        int programs = 0;
        for (const QString &path : m_files) {
            const QFileInfo fi(path);
            if (!fi.isFile() || fi.isSymLink())
                continue;
            if (fi.isExecutable())
                ++programs;
            const Run r = run(QStringLiteral("getcap"), {path});
            QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("getcap ") + path)));
            if (path == kHelper)
                QCOMPARE(r.out.trimmed(), kHelper + QStringLiteral(" cap_net_raw=ep"));
            else
                QVERIFY2(r.out.trimmed().isEmpty(), qPrintable(QStringLiteral("unexpected capability: ") + r.out));
        }
        QVERIFY(programs >= 3); // helper, agent, setcap-helper.sh (and the GUI, report-pdf when built)
    }

    void installedAgentRuns()
    {
        QVERIFY(m_installedByUs);
        const Run r = run(kAgent, {QStringLiteral("--version")});
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("pathlens-agent --version"))));
        QCOMPARE(r.out.trimmed(), QStringLiteral("pathlens-agent " PATHLENS_VERSION));
    }

    // User nobody, with no capability and no group, in a private network namespace whose ping
    // sockets are closed to everyone: an ICMP probe to 127.0.0.1 has only the installed helper's
    // raw socket (the agent finds the helper beside itself in /usr/bin).
    void unprivilegedProbeThroughInstalledHelper()
    {
        QVERIFY(m_installedByUs);
        QTemporaryDir out;
        QVERIFY(out.isValid());
        QVERIFY(QFile::setPermissions(out.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                                      QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                                                      QFile::WriteOther | QFile::ExeOther));
        const QString capture = out.filePath(QStringLiteral("probe.plcap"));
        const QStringList agent{QStringLiteral("setpriv"), QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                                QStringLiteral("--clear-groups"), QStringLiteral("--inh-caps=-all"), QStringLiteral("env"),
                                QStringLiteral("HOME=") + out.path(), QStringLiteral("PATHLENS_TARGETS=loopback"), kAgent,
                                QStringLiteral("run"), QStringLiteral("--collectors"), QStringLiteral("probes"),
                                QStringLiteral("--probes"), QStringLiteral("icmp"), QStringLiteral("--target"),
                                QStringLiteral("127.0.0.1"), QStringLiteral("--gateway"), QStringLiteral("off"),
                                QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("--capture"), capture};
        QString script = QStringLiteral("ip link set lo up && sysctl -q -w net.ipv4.ping_group_range='1 0' && exec");
        for (const QString &a : agent)
            script += QStringLiteral(" '") + a + QLatin1Char('\'');
        const Run r = run(QStringLiteral("unshare"), {QStringLiteral("--net"), QStringLiteral("sh"), QStringLiteral("-c"), script}, 60000);
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("pathlens-agent run as nobody"))));
        const Run q = run(QStringLiteral("sqlite3"),
                          {QStringLiteral("-readonly"), capture,
                           QStringLiteral("SELECT count(*), sum(lost = 0), sum(notes LIKE '%mode=helper%') FROM probe_samples "
                                          "WHERE probe = 'icmp' AND target = '127.0.0.1'")});
        QVERIFY2(q.code == 0, qPrintable(describe(q, QStringLiteral("sqlite3 ") + capture)));
        const QStringList n = q.out.trimmed().split(QLatin1Char('|'));
        QCOMPARE(n.size(), 3);
        QVERIFY2(n[0].toInt() >= 3, qPrintable(q.out + r.err)); // 2 s at 5 per second
        QVERIFY2(n[1] == n[0], qPrintable(QStringLiteral("replies lost on loopback: ") + q.out));
        QVERIFY2(n[2] == n[0], qPrintable(QStringLiteral("not every probe went through the helper: ") + q.out));
    }

    void purgeLeavesNothing()
    {
        QVERIFY(m_installedByUs);
        QVERIFY(!m_files.isEmpty());
        // What the system service writes when it has run (DynamicUser: below /var/*/private):
        // dpkg -r keeps it, dpkg --purge deletes it (postrm).
        const QStringList state{QStringLiteral("/var/lib/private/pathlens/agent.plcap"),
                                QStringLiteral("/var/log/private/pathlens/pathlens-agent.log")};
        for (const QString &f : state) {
            const QString dir = QFileInfo(f).path();
            QVERIFY2(!QFileInfo::exists(dir), qPrintable(dir + QStringLiteral(" exists already")));
            const QString parent = QFileInfo(dir).path(); // systemd's private folder, made 0700 as systemd does
            if (!QFileInfo::exists(parent)) {
                QVERIFY(QDir().mkdir(parent));
                QVERIFY(QFile::setPermissions(parent, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
                m_madeDirs << parent;
            }
            QVERIFY(QDir().mkpath(dir));
            QFile file(f);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write("state") == 5);
        }
        const Run r = run(QStringLiteral("dpkg"), {QStringLiteral("-r"), QStringLiteral("pathlens")});
        QVERIFY2(r.code == 0, qPrintable(describe(r, QStringLiteral("dpkg -r pathlens"))));
        QVERIFY(!QFileInfo::exists(kHelper) && !QFileInfo::exists(kAgent));
        for (const QString &f : state)
            QVERIFY2(QFileInfo::exists(f), qPrintable(f + QStringLiteral(" went with dpkg -r; only a purge may delete it")));
        purge();
        QVERIFY(!packageInstalled());
        // What remains of the list may only be directories: shared ones that hold other files
        // (/usr/bin), or empty ones another package ships (hicolor's size folders). Anything else is
        // the package's leftover.
        QStringList left;
        for (const QString &path : m_files) {
            const QFileInfo fi(path);
            if (!fi.exists() && !fi.isSymLink())
                continue;
            if (!fi.isDir() || fi.isSymLink())
                left << path;
            else if (QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System) &&
                     run(QStringLiteral("dpkg-query"), {QStringLiteral("-S"), path}).code != 0)
                left << path;
        }
        for (const char *dir : {"/usr/share/pathlens", "/usr/share/doc/pathlens", "/var/lib/pathlens", "/var/lib/private/pathlens",
                                "/var/log/pathlens", "/var/log/private/pathlens"})
            if (QFileInfo::exists(QLatin1String(dir)))
                left << QLatin1String(dir);
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("left behind: ") + left.join(QStringLiteral(", "))));
    }

    void cleanupTestCase()
    {
        if (m_installedByUs) // a failure half-way: the machine gets its state back
            purge();
        for (const QString &dir : m_madeDirs)
            QDir().rmdir(dir); // only if empty
    }
};

QTEST_GUILESS_MAIN(TestDebPackage)
#include "tst_deb_package.moc"
