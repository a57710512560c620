// SPDX-License-Identifier: GPL-3.0-or-later
// `cmake --install` into a temporary prefix: every file lands where the desktop, AppStream,
// shared-mime-info, systemd and man conventions want it, and each passes its own validator
// (desktop-file-validate, appstreamcli, update-mime-database, systemd-analyze verify, man).
// The man pages must also name every command-line option the sources define.
#include "../common/program_run.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

namespace {

using Run = pathlens::test::ProgramRun;

Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
        int timeoutMs = 120000)
{
    return pathlens::test::runProgram(program, args, env, timeoutMs);
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Key → values of a systemd unit's [Service] section (a key may repeat).
std::multimap<QString, QString> serviceKeys(const QString &unitText)
{
    std::multimap<QString, QString> keys;
    bool inService = false;
    for (const QString &raw : unitText.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1Char('[')))
            inService = line == QLatin1String("[Service]");
        else if (inService && !line.isEmpty() && !line.startsWith(QLatin1Char('#')) && line.contains(QLatin1Char('=')))
            keys.emplace(line.section(QLatin1Char('='), 0, 0), line.section(QLatin1Char('='), 1));
    }
    return keys;
}

// The long names of every QCommandLineOption a source file defines and shows in --help.
QStringList optionNames(const QString &source)
{
    QStringList names;
    QStringList hidden;
    static const QRegularExpression hiddenRe(QStringLiteral("(\\w+)\\.setFlags\\(QCommandLineOption::HiddenFromHelp\\)"));
    for (auto it = hiddenRe.globalMatch(source); it.hasNext();)
        hidden << it.next().captured(1);
    // `QCommandLineOption var(QStringLiteral("name")` and member initialisers `var(QStringLiteral("name"),`.
    static const QRegularExpression declRe(QStringLiteral("QCommandLineOption\\s+(\\w+)\\(\\s*QStringLiteral\\(\"([^\"]+)\"\\)"));
    static const QRegularExpression memberRe(QStringLiteral("^\\s*:?\\s*(\\w+)\\(QStringLiteral\\(\"([a-z0-9][a-z0-9-]*)\"\\),\\s*$"),
                                             QRegularExpression::MultilineOption);
    static const QRegularExpression memberInlineRe(
        QStringLiteral("^\\s*:?\\s*(\\w+)\\(QStringLiteral\\(\"([a-z0-9][a-z0-9-]*)\"\\),\\s*QStringLiteral\\(\"[^\"]*\"\\)"),
        QRegularExpression::MultilineOption);
    for (const QRegularExpression *re : {&declRe, &memberRe, &memberInlineRe})
        for (auto it = re->globalMatch(source); it.hasNext();) {
            const auto m = it.next();
            if (!hidden.contains(m.captured(1)) && !names.contains(m.captured(2)))
                names << m.captured(2);
        }
    return names;
}

// How roff writes an option: every '-' as '\-' (so it renders as a real hyphen-minus).
QString roffOption(const QString &name)
{
    QString text = (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    return text.replace(QLatin1Char('-'), QStringLiteral("\\-"));
}

} // namespace

class TestInstallLayout : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_prefix;
    QString m_installLog;

    QString installed(const QString &relative) const { return m_prefix.path() + QLatin1Char('/') + relative; }

    static void requireTool(const QString &tool, const QString &package)
    {
        if (QStandardPaths::findExecutable(tool).isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 is missing: apt-get install %2 (quickstart.sh installs it)").arg(tool, package)));
    }

    // The validators' verdict: exit 0 and nothing said (a warning printed with exit 0 still fails).
    static void expectClean(const Run &r, const QString &what)
    {
        QVERIFY2(r.code == 0 && r.err.trimmed().isEmpty(),
                 qPrintable(QStringLiteral("%1: exit %2\n%3%4").arg(what).arg(r.code).arg(r.out, r.err)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_prefix.isValid());
        const Run r = run(QStringLiteral(PATHLENS_CMAKE_COMMAND),
                          {QStringLiteral("--install"), QStringLiteral(PATHLENS_BINARY_DIR), QStringLiteral("--prefix"), m_prefix.path()});
        m_installLog = r.out + r.err;
        QVERIFY2(r.code == 0, qPrintable(QStringLiteral("cmake --install failed:\n") + m_installLog));
    }

    void filesAreWhereTheConventionsWantThem()
    {
        QStringList programs{QStringLiteral("bin/pathlens-agent"), QStringLiteral("bin/pathlens-helper"),
                             QStringLiteral("share/pathlens/setcap-helper.sh")};
        if (PATHLENS_HAS_GUI)
            programs << QStringLiteral("bin/pathlens");
        for (const QString &p : programs) {
            const QFileInfo fi(installed(p));
            QVERIFY2(fi.isFile() && fi.isExecutable(), qPrintable(p + QStringLiteral(" is not an installed program")));
        }
        QStringList files{QStringLiteral("share/applications/io.github.pathlens.Pathlens.desktop"),
                          QStringLiteral("share/metainfo/io.github.pathlens.Pathlens.metainfo.xml"),
                          QStringLiteral("share/mime/packages/pathlens.xml"),
                          QStringLiteral("share/icons/hicolor/scalable/apps/pathlens.svg"),
                          QStringLiteral("share/man/man1/pathlens.1.gz"),
                          QStringLiteral("share/man/man1/pathlens-agent.1.gz"),
                          QStringLiteral("share/man/man1/pathlens-helper.1.gz"),
                          QStringLiteral("share/man/man1/pathlens-report-pdf.1.gz"),
                          QStringLiteral("share/doc/pathlens/copyright"),
                          QStringLiteral("share/doc/pathlens/changelog.Debian.gz"),
                          QStringLiteral("share/doc/pathlens/changelog.gz"),
                          QStringLiteral("lib/systemd/system/pathlens-agent.service"),
                          QStringLiteral("lib/systemd/user/pathlens-agent.service")};
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
            files << QStringLiteral("share/icons/hicolor/%1x%1/apps/pathlens.png").arg(size);
        for (const QString &f : files)
            QVERIFY2(QFileInfo(installed(f)).isFile() && QFileInfo(installed(f)).size() > 0, qPrintable(f + QStringLiteral(" was not installed")));
    }

    void pngIconsHaveTheSizeOfTheirFolder()
    {
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
            QFile f(installed(QStringLiteral("share/icons/hicolor/%1x%1/apps/pathlens.png").arg(size)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray head = f.read(24); // signature (8), IHDR length and type (8), width, height
            QVERIFY2(head.startsWith("\x89PNG\r\n\x1a\n") && head.mid(12, 4) == "IHDR", qPrintable(f.fileName()));
            const auto be32 = [&](int at) {
                return (uchar(head[at]) << 24) | (uchar(head[at + 1]) << 16) | (uchar(head[at + 2]) << 8) | uchar(head[at + 3]);
            };
            QCOMPARE(be32(16), size);
            QCOMPARE(be32(20), size);
        }
    }

    void desktopFileValidates()
    {
        requireTool(QStringLiteral("desktop-file-validate"), QStringLiteral("desktop-file-utils"));
        const QString path = installed(QStringLiteral("share/applications/io.github.pathlens.Pathlens.desktop"));
        expectClean(run(QStringLiteral("desktop-file-validate"), {path}), QStringLiteral("desktop-file-validate"));
        const QString text = readText(path);
        // The GUI takes one FILE; %f hands it one. It opens captures and packet captures.
        QVERIFY(text.contains(QLatin1String("\nExec=pathlens %f\n")));
        for (const char *type : {"application/x-pathlens-capture;", "application/vnd.tcpdump.pcap;", "application/x-pcapng;"})
            QVERIFY2(text.contains(QLatin1String(type)), type);
        QVERIFY(text.contains(QLatin1String("\nCategories=Network;Monitor;")));
    }

    void metainfoValidates()
    {
        requireTool(QStringLiteral("appstreamcli"), QStringLiteral("appstream"));
        const QString path = installed(QStringLiteral("share/metainfo/io.github.pathlens.Pathlens.metainfo.xml"));
        const Run r = run(QStringLiteral("appstreamcli"), {QStringLiteral("validate"), QStringLiteral("--no-net"), path});
        expectClean(r, QStringLiteral("appstreamcli validate --no-net"));
        // Stricter than its exit code: infos (a dot after the summary, a missing rating) fail too;
        // only pedantic remarks pass (P:, the capital in the reverse-DNS id, as Flathub's ids have).
        static const QRegularExpression remark(QStringLiteral("^[IWE]: "), QRegularExpression::MultilineOption);
        QVERIFY2(!r.out.contains(remark), qPrintable(r.out));
        const QString text = readText(path);
        QVERIFY(text.contains(QLatin1String("<launchable type=\"desktop-id\">io.github.pathlens.Pathlens.desktop</launchable>")));
        QVERIFY(text.contains(QLatin1String("<content_rating type=\"oars-1.1\"")));
        QVERIFY(text.contains(QLatin1String("<release version=\"" PATHLENS_VERSION "\"")));
    }

    void mimeDatabaseLearnsPlcapAndPcapng()
    {
        requireTool(QStringLiteral("update-mime-database"), QStringLiteral("shared-mime-info"));
        QTemporaryDir data; // a data dir of its own, named in XDG_DATA_DIRS (else the tool complains)
        const QString mime = data.path() + QStringLiteral("/mime");
        QVERIFY(QDir().mkpath(mime + QStringLiteral("/packages")));
        QVERIFY(QFile::copy(installed(QStringLiteral("share/mime/packages/pathlens.xml")), mime + QStringLiteral("/packages/pathlens.xml")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_DIRS"), data.path());
        expectClean(run(QStringLiteral("update-mime-database"), {mime}, env), QStringLiteral("update-mime-database"));
        const QString globs = readText(mime + QStringLiteral("/globs2"));
        QVERIFY2(globs.contains(QLatin1String("application/x-pathlens-capture:*.plcap")), qPrintable(globs));
        QVERIFY2(globs.contains(QLatin1String("application/x-pcapng:*.pcapng")), qPrintable(globs));
        const QString subclasses = readText(mime + QStringLiteral("/subclasses"));
        QVERIFY2(subclasses.contains(QLatin1String("application/x-pathlens-capture application/vnd.sqlite3")), qPrintable(subclasses));
    }

    void agentUnitsVerify_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<bool>("user");
        QTest::newRow("system") << QStringLiteral("lib/systemd/system/pathlens-agent.service") << false;
        QTest::newRow("user") << QStringLiteral("lib/systemd/user/pathlens-agent.service") << true;
    }
    void agentUnitsVerify()
    {
        QFETCH(QString, unit);
        QFETCH(bool, user);
        if (QStandardPaths::findExecutable(QStringLiteral("systemd-analyze")).isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("systemd-analyze is missing: apt-get install systemd (CI must verify the units)");
            QSKIP("systemd-analyze is missing (apt-get install systemd); the units were not verified");
        }
        // Offline: it needs no running systemd. It checks every key, that ExecStart's program exists
        // and is executable, and (through man) that Documentation=man:pathlens-agent(1) resolves.
        QTemporaryDir runtime;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MANPATH"), installed(QStringLiteral("share/man")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path()); // the user manager's lookup needs one
        QStringList args;
        if (user)
            args << QStringLiteral("--user");
        args << QStringLiteral("verify") << installed(unit);
        expectClean(run(QStringLiteral("systemd-analyze"), args, env), QStringLiteral("systemd-analyze ") + args.join(QLatin1Char(' ')));
    }

    void agentUnitsAreSandboxed_data() { agentUnitsVerify_data(); }
    void agentUnitsAreSandboxed()
    {
        QFETCH(QString, unit);
        QFETCH(bool, user);
        const auto keys = serviceKeys(readText(installed(unit)));
        const auto value = [&](const char *key) {
            const auto it = keys.find(QLatin1String(key));
            return it == keys.end() ? QStringLiteral("<unset>") : it->second;
        };
        // A capture per UTC day with retention (issue 17 item 6); a later --keep-* in the options file wins.
        QCOMPARE(value("ExecStart").section(QLatin1Char(' '), 0, 9),
                 installed(QStringLiteral("bin/pathlens-agent"))
                     + QStringLiteral(" run --capture-dir %S/pathlens/captures --rollover daily --keep-days 30 --keep-gb 2"));
        QCOMPARE(value("NoNewPrivileges"), QStringLiteral("yes"));
        QCOMPARE(value("CapabilityBoundingSet"), QString()); // empty: no capability can ever be gained
        QCOMPARE(value("AmbientCapabilities"), QString());
        QCOMPARE(value("ProtectSystem"), QStringLiteral("strict"));
        QCOMPARE(value("ProtectHome"), user ? QStringLiteral("read-only") : QStringLiteral("yes"));
        QCOMPARE(value("PrivateTmp"), QStringLiteral("yes"));
        QCOMPARE(value("StateDirectory"), QStringLiteral("pathlens")); // %S/pathlens, where the capture goes
        QCOMPARE(value("RestrictAddressFamilies"), QStringLiteral("AF_INET AF_INET6 AF_NETLINK AF_UNIX"));
        QCOMPARE(value("RestartPreventExitStatus"), QStringLiteral("2 3"));
        if (!user)
            QCOMPARE(value("DynamicUser"), QStringLiteral("yes"));
    }

    void manPagesRenderWithoutWarnings_data()
    {
        QTest::addColumn<QString>("page");
        QTest::newRow("pathlens") << QStringLiteral("share/man/man1/pathlens.1.gz");
        QTest::newRow("pathlens-agent") << QStringLiteral("share/man/man1/pathlens-agent.1.gz");
        QTest::newRow("pathlens-helper") << QStringLiteral("share/man/man1/pathlens-helper.1.gz");
        QTest::newRow("pathlens-report-pdf") << QStringLiteral("share/man/man1/pathlens-report-pdf.1.gz");
    }
    void manPagesRenderWithoutWarnings()
    {
        QFETCH(QString, page);
        requireTool(QStringLiteral("man"), QStringLiteral("man-db"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("80"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        const Run r = run(QStringLiteral("man"), {QStringLiteral("--warnings"), QStringLiteral("-l"), installed(page)}, env);
        expectClean(r, QStringLiteral("man --warnings -l ") + page);
        QVERIFY(r.out.contains(QLatin1String("NAME")) && r.out.contains(QLatin1String("SYNOPSIS")));
    }

    // A new option must reach its man page: each one the parsers show in --help, and each agent command.
    void manPagesNameEveryOption_data()
    {
        QTest::addColumn<QString>("manPage");
        QTest::addColumn<QStringList>("sources");
        const QString src = QStringLiteral(PATHLENS_SOURCE_DIR);
        QTest::newRow("pathlens") << src + QStringLiteral("/docs/man/pathlens.1") << QStringList{src + QStringLiteral("/app/gui/gui_options.cpp")};
        QStringList agent;
        for (QDirIterator it(src + QStringLiteral("/app/agent"), {QStringLiteral("*.cpp")}); it.hasNext();)
            agent << it.next();
        QTest::newRow("pathlens-agent") << src + QStringLiteral("/docs/man/pathlens-agent.1") << agent;
    }
    void manPagesNameEveryOption()
    {
        QFETCH(QString, manPage);
        QFETCH(QStringList, sources);
        const QString man = readText(manPage);
        QVERIFY(!man.isEmpty());
        // The header names the version the page describes: bump it with project(VERSION).
        QVERIFY2(man.contains(QLatin1String("\"Pathlens " PATHLENS_VERSION "\" \"User Commands\"")),
                 "the .TH line must say \"Pathlens " PATHLENS_VERSION "\"");
        QStringList missing;
        int found = 0;
        for (const QString &source : sources) {
            const QString text = readText(source);
            for (const QString &name : optionNames(text)) {
                ++found;
                if (!man.contains(roffOption(name)))
                    missing << QStringLiteral("%1 (%2)").arg(roffOption(name), QFileInfo(source).fileName());
            }
            static const QRegularExpression commandRe(QStringLiteral("command == QLatin1String\\(\"([a-z]+)\"\\)"));
            for (auto it = commandRe.globalMatch(text); it.hasNext();) {
                const QString command = it.next().captured(1);
                if (command == QLatin1String("help"))
                    continue; // a spelling of --help
                ++found;
                if (!man.contains(QStringLiteral("\n.B ") + command + QLatin1Char('\n')))
                    missing << QStringLiteral("command %1 in the SYNOPSIS").arg(command);
            }
        }
        QVERIFY2(found > 10, "the option scan found almost nothing: has the parsing code changed shape?");
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 does not mention: %2").arg(QFileInfo(manPage).fileName(), missing.join(QStringLiteral(", ")))));
    }
};

QTEST_GUILESS_MAIN(TestInstallLayout)
#include "tst_install_layout.moc"
