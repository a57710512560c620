// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of small pure pieces: probe target overrides, unit formatting, link diffs, helper lines.
#include "collectors/os/link_monitor.h"
#include "collectors/wire/helper_protocol.h"
#include "core/active/probe_targets.h"
#include "core/base/address_text.h"
#include "core/base/units_format.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

class TestSmallUnits : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void loopbackOverrideRemovesEveryPublicTarget()
    {
        const core::ProbeTargets t = core::applyTargetOverride(core::embeddedTargets(), "loopback");
        QCOMPARE(t.gateway, QString("off"));
        QCOMPARE(t.all(), (QStringList{"127.0.0.1", "localhost"}));
        QVERIFY(t.source.contains("PATHLENS_TARGETS"));
        const core::ProbeTargets lab = core::applyTargetOverride(core::embeddedTargets(), "10.9.0.2, 10.9.0.3");
        QCOMPARE(lab.internet, (QStringList{"10.9.0.2", "10.9.0.3"}));
        QCOMPARE(lab.traceTarget, QString("10.9.0.2"));
        QCOMPARE(core::applyTargetOverride(core::embeddedTargets(), "").internet, core::embeddedTargets().internet);
    }

    void suiteRunsWithTheSwitchSet()
    {
        // CTest sets PATHLENS_TARGETS for every test: no test may reach the public defaults.
        const core::ProbeTargets t = core::targetsFromEnvironment();
        for (const QString &host : core::embeddedTargets().all())
            QVERIFY2(!t.all().contains(host), qPrintable(host));
    }

    void ciWithoutTheSwitchGetsLoopbackOnly()
    {
        const QByteArray saved = qgetenv(core::kTargetsEnvVar);
        const bool hadCi = qEnvironmentVariableIsSet("CI");
        const QByteArray savedCi = qgetenv("CI");
        qunsetenv(core::kTargetsEnvVar);
        qputenv("CI", "true");
        const core::ProbeTargets t = core::targetsFromEnvironment();
        QCOMPARE(t.all(), (QStringList{"127.0.0.1", "localhost"}));
        QCOMPARE(t.gateway, QString("off"));
        QVERIFY(t.source.contains("CI is set"));
        qunsetenv("CI");
        QCOMPARE(core::targetsFromEnvironment().internet, core::embeddedTargets().internet); // a user's machine
        qputenv(core::kTargetsEnvVar, saved);
        if (hadCi)
            qputenv("CI", savedCi);
    }

    void configFileOverridesAndRejectsBadTypes()
    {
        QTemporaryDir dir;
        QFile good(dir.filePath("good.json"));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write(R"({"gateway": "off", "internet": ["10.1.0.1"], "trace_target": "10.1.0.9"})");
        good.close();
        auto t = core::loadTargetsConfig(good.fileName());
        QVERIFY(t);
        QCOMPARE(t->internet, QStringList{"10.1.0.1"});
        QCOMPARE(t->resolvers, core::embeddedTargets().resolvers); // absent keys keep the base
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"internet": "10.1.0.1"})");
        bad.close();
        auto b = core::loadTargetsConfig(bad.fileName());
        QVERIFY(!b);
        QVERIFY(b.error().message.contains("'internet' must be a list"));
        QVERIFY(!core::loadTargetsConfig(dir.filePath("missing.json")));
    }

    void unitsFormat()
    {
        QCOMPARE(core::formatMs(0.423), QString("0.42 ms"));
        QCOMPARE(core::formatMs(38.2), QString("38 ms"));
        QCOMPARE(core::formatMs(1500), QString("1.50 s"));
        QCOMPARE(core::formatPercent(0.2), QString("0.2%"));
        QCOMPARE(core::formatBitrate(94.3e6), QString("94 Mbit/s"));
        QCOMPARE(core::formatBitrate(850e3), QString("850 kbit/s"));
        QCOMPARE(core::formatBytes(1500000), QString("1.5 MB"));
        QCOMPARE(core::formatDbm(-67), QString(QChar(0x2212)) + "67 dBm");
        QCOMPARE(core::formatDuration(185), QString("3 min 5 s"));
    }

    void addressesInTheirShortForm()
    {
        QCOMPARE(core::compactAddress("2001:0db8:85a3:0000:0000:8a2e:0370:7334"), QString("2001:db8:85a3::8a2e:370:7334"));
        QCOMPARE(core::compactAddress("2001:0db8:0000:0000:0000:0000:0000:0001"), QString("2001:db8::1"));
        QCOMPARE(core::compactAddress("2001:db8:0:1:0:0:0:1"), QString("2001:db8:0:1::1")); // the longest zero run
        QCOMPARE(core::compactAddress("2001:db8:0:0:1:0:0:1"), QString("2001:db8::1:0:0:1")); // the first of equals
        QCOMPARE(core::compactAddress("2001:db8:1:2:3:4:5:0"), QString("2001:db8:1:2:3:4:5:0")); // one zero stays
        QCOMPARE(core::compactAddress("0000:0000:0000:0000:0000:0000:0000:0000"), QString("::"));
        QCOMPARE(core::compactAddress("FD00:0:0:0:0:0:0:1"), QString("fd00::1"));
        QCOMPARE(core::compactAddress("fd00:60:a::1"), QString("fd00:60:a::1"));
        for (const char *same : {"192.0.2.1", "cdn.lab", "::ffff:192.0.2.1", "fe80::1%eth0", "1:2:3", "1::2::3", "12345::1", "g::1", ""})
            QCOMPARE(core::compactAddress(same), QString(same));
    }

    void linkDiffReportsEveryChange()
    {
        using LM = collect::LinkMonitor;
        LM::Snapshot before{{"eth0", {true, {"192.0.2.2/24"}}}, {"wlan0", {true, {}}}};
        LM::Snapshot after{{"eth0", {false, {"192.0.2.3/24"}}}, {"tun0", {true, {"10.8.0.2/24"}}}};
        const auto rows = LM::diff(before, after, 42);
        QStringList kinds;
        for (const core::Row &r : rows) {
            kinds << r.get("kind").toString();
            QCOMPARE(r.get("ts_us").toLongLong(), 42);
            QCOMPARE(r.get("source").toString(), QString("link"));
        }
        QCOMPARE(kinds, (QStringList{"link_down", "address_change", "interface_added", "interface_removed"}));
        QVERIFY(LM::diff(before, before, 1).empty());
    }

    void helperProtocolLines()
    {
        collect::wire::Message m{"error", {{"id", "7"}, {"message", "no such = thing 100%"}}};
        QString error;
        auto parsed = collect::wire::parseLine(m.toLine().toUtf8(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->verb, QString("error"));
        QCOMPARE(parsed->args, m.args);
        QVERIFY(!collect::wire::parseLine("ping junk", &error));
        QVERIFY(error.contains("not key=value"));
        QVERIFY(!collect::wire::parseLine(QByteArray(5000, 'a'), &error));
        QVERIFY(!collect::wire::parseLine("   ", &error));
    }
};

QTEST_GUILESS_MAIN(TestSmallUnits)
#include "tst_small_units.moc"
