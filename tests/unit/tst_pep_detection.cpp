// SPDX-License-Identifier: GPL-3.0-or-later
// TCP-accelerator (PEP) detection at its edges (4.99× vs 5×, 9 vs 10 samples, GEO or not), the shared
// target before the pooled fallback, and the report builder: QUIC samples trip the GEO latch, the
// verdict and its evidence reach report --json.
#include "core/active/pep_detection.h"
#include "core/active/probe_kind.h"
#include "core/active/probe_report.h"
#include "core/report/capture_summary.h"

#include <QJsonObject>
#include <QTest>

using namespace pathlens::core;

namespace {
PepSeries side(const QString &target, double p50, int samples, QStringList addresses = {})
{
    return PepSeries{target, std::move(addresses), p50, samples};
}

// A shared target h (QUIC h:443, TCP h) with these figures.
PepInput shared(double quicP50, int quicN, double tcpP50, int tcpN, bool geo)
{
    PepInput in;
    in.quic = {side(QStringLiteral("10.0.0.2:443"), quicP50, quicN)};
    in.tcp = {side(QStringLiteral("10.0.0.2"), tcpP50, tcpN)};
    in.allQuic = side({}, quicP50, quicN);
    in.allTcp = side({}, tcpP50, tcpN);
    in.geo = geo;
    return in;
}

constexpr TimestampUs kT0 = 1'795'341'600'000'000;

ProbeSample sample(ProbeKind kind, const QString &target, qint64 seq, std::optional<double> rtt, const QString &notes = {})
{
    ProbeSample s;
    s.utcUs = kT0 + seq * 500'000;
    s.probe = probeKindId(kind);
    s.target = target;
    s.seq = seq;
    s.rttMs = rtt;
    s.notes = notes;
    return s;
}
} // namespace

class TestPepDetection : public QObject {
    Q_OBJECT
private slots:
    void ratioEdge()
    {
        // 5× exactly is a PEP (SPEC: "≥ 5×"); 4.99× is not.
        PepVerdict v = detectPep(shared(600.0, 10, 120.0, 10, true));
        QVERIFY(v.detected);
        QCOMPARE(v.evidence->ratio, 5.0);
        v = detectPep(shared(598.8, 10, 120.0, 10, true));
        QVERIFY(!v.detected);
        QVERIFY(qAbs(v.evidence->ratio - 4.99) < 1e-9);
        QVERIFY(v.evidence.has_value()); // the figures are still there to read
    }

    void sampleEdge()
    {
        // At least 10 answered probes of each (SPEC): 9 on either side is not enough.
        QVERIFY(detectPep(shared(3000, 10, 80, 10, true)).detected);
        QVERIFY(!detectPep(shared(3000, 9, 80, 10, true)).detected);
        QVERIFY(!detectPep(shared(3000, 10, 80, 9, true)).detected);
    }

    void onlyOnGeo()
    {
        // A 37× ratio on a terrestrial link is a far QUIC target or throttled QUIC, not a PEP.
        const PepVerdict v = detectPep(shared(3000, 20, 80, 20, false));
        QVERIFY(!v.detected);
        QVERIFY(v.evidence && v.evidence->ratio > 37);
        QVERIFY(pepRatioMet(side({}, 3000, 20), side({}, 80, 20)));
    }

    void sharedTargetWinsOverPooled()
    {
        // The shared target (QUIC h2 by address, TCP h2) shows the PEP; pooled with a far QUIC-only
        // target and a near TCP-only one the numbers would say something else.
        PepInput in;
        in.quic = {side(QStringLiteral("sat.example"), 640, 12, {QStringLiteral("192.0.2.7")}),
                   side(QStringLiteral("other.example"), 900, 12, {QStringLiteral("198.51.100.9")})};
        in.tcp = {side(QStringLiteral("192.0.2.7"), 40, 30), side(QStringLiteral("203.0.113.1"), 700, 30)};
        in.allQuic = side({}, 700, 24);
        in.allTcp = side({}, 300, 60);
        in.geo = true;
        const PepVerdict v = detectPep(in);
        QVERIFY(v.detected);
        QCOMPARE(v.evidence->basis, PepEvidence::Basis::SharedTarget);
        QCOMPARE(v.evidence->target, QStringLiteral("192.0.2.7"));
        QCOMPARE(v.evidence->quicTarget, QStringLiteral("sat.example"));
        QCOMPARE(v.evidence->ratio, 16.0);
        QCOMPARE(v.evidence->quicSamples, 12);
        QCOMPARE(v.evidence->tcpSamples, 30);
    }

    void hostMatchIgnoresThePort()
    {
        PepInput in;
        in.quic = {side(QStringLiteral("[2001:db8::5]:8443"), 600, 10)};
        in.tcp = {side(QStringLiteral("2001:db8::5"), 60, 10)};
        in.geo = true;
        const PepVerdict v = detectPep(in);
        QVERIFY(v.detected);
        QCOMPARE(v.evidence->target, QStringLiteral("2001:db8::5"));
    }

    void fallsBackToEveryTarget()
    {
        PepInput in;
        in.quic = {side(QStringLiteral("www.example"), 650, 15, {QStringLiteral("192.0.2.80")})};
        in.tcp = {side(QStringLiteral("1.1.1.1"), 45, 40)};
        in.allQuic = side({}, 650, 15);
        in.allTcp = side({}, 45, 40);
        in.geo = true;
        PepVerdict v = detectPep(in);
        QVERIFY(v.detected);
        QCOMPARE(v.evidence->basis, PepEvidence::Basis::AllTargets);
        QVERIFY(v.evidence->target.isEmpty());
        in.allQuic.samples = 9;
        QVERIFY(!detectPep(in).detected);
        // Nothing answered on one side: no comparison at all.
        in.allTcp.samples = 0;
        in.tcp[0].samples = 0;
        v = detectPep(in);
        QVERIFY(!v.detected);
        QVERIFY(!v.evidence);
    }

    void builderLatchesGeoOnQuicAndDetects()
    {
        // A GEO path behind a TCP accelerator: TCP connect answered locally in 40 ms, QUIC one real
        // round trip of 610 ms. No ICMP at all: the QUIC median alone trips the GEO latch.
        ProbeReportBuilder b;
        for (qint64 i = 0; i < 10; ++i) {
            b.add(sample(ProbeKind::TcpConnect, QStringLiteral("10.9.0.2"), i, 40.0 + double(i % 3)));
            b.add(sample(ProbeKind::Quic, QStringLiteral("10.9.0.2"), i, 610.0 + double(i % 5),
                         QStringLiteral("mode=udp;version=1;alpn=h3;cert=untrusted;addr=10.9.0.2;rtt_src=kernel")));
        }
        ProbeReport r = b.report();
        QVERIFY(r.geo);
        QVERIFY(r.pep.detected);
        QCOMPARE(r.pep.evidence->basis, PepEvidence::Basis::SharedTarget);
        QCOMPARE(r.pep.evidence->tcpSamples, 10);
        const QJsonObject json = probeReportJson(r);
        QVERIFY(json.value("pep_detected").toBool());
        const QJsonObject pep = json.value("pep").toObject();
        QCOMPARE(pep.value("basis").toString(), QStringLiteral("shared_target"));
        QCOMPARE(pep.value("target").toString(), QStringLiteral("10.9.0.2"));
        QCOMPARE(pep.value("quic_samples").toInt(), 10);
        QCOMPARE(pep.value("tcp_p50_ms").toDouble(), 41.0);
        QCOMPARE(pep.value("quic_p50_ms").toDouble(), 612.0);
        QVERIFY(pep.value("geo").toBool());
        // QUIC's own extras in its probes entry.
        const QJsonObject quic = json.value("probes").toArray().at(0).toObject();
        QCOMPARE(quic.value("type").toString(), QStringLiteral("quic"));
        QCOMPARE(quic.value("version").toString(), QStringLiteral("1"));
        QCOMPARE(quic.value("alpn").toString(), QStringLiteral("h3"));
        QCOMPARE(quic.value("cert").toString(), QStringLiteral("untrusted"));
        QVERIFY(quic.value("last_error").isNull());

        // One TCP sample fewer (9): no verdict, whatever the ratio.
        ProbeReportBuilder nine;
        for (qint64 i = 0; i < 10; ++i) {
            if (i < 9)
                nine.add(sample(ProbeKind::TcpConnect, QStringLiteral("10.9.0.2"), i, 40.0));
            nine.add(sample(ProbeKind::Quic, QStringLiteral("10.9.0.2"), i, 610.0));
        }
        r = nine.report();
        QVERIFY(r.geo);
        QVERIFY(!r.pep.detected);
    }

    void terrestrialQuicNeverFlags()
    {
        // The same 15× ratio with a 390 ms QUIC median: not GEO, so no PEP (and no GEO latch).
        ProbeReportBuilder b;
        for (qint64 i = 0; i < 12; ++i) {
            b.add(sample(ProbeKind::TcpConnect, QStringLiteral("10.9.0.2"), i, 26.0));
            b.add(sample(ProbeKind::Quic, QStringLiteral("10.9.0.2"), i, 390.0));
        }
        const ProbeReport r = b.report();
        QVERIFY(!r.geo);
        QVERIFY(!r.pep.detected);
        QCOMPARE(r.pep.evidence->ratio, 15.0);
    }

    void blockedQuicIsAFailureNotAComparison()
    {
        ProbeReportBuilder b;
        for (qint64 i = 0; i < 12; ++i) {
            b.add(sample(ProbeKind::TcpConnect, QStringLiteral("10.9.0.2"), i, 600.0));
            b.add(sample(ProbeKind::Quic, QStringLiteral("10.9.0.2"), i, std::nullopt,
                         QStringLiteral("mode=udp;error=blocked;datagrams=0;addr=10.9.0.2")));
        }
        const ProbeReport r = b.report();
        QVERIFY(!r.pep.detected);
        QVERIFY(!r.pep.evidence);
        const ProbeSeriesSummary *quic = nullptr;
        for (const auto &s : r.series)
            if (s.probe == QLatin1String("quic"))
                quic = &s;
        QVERIFY(quic && quic->quic);
        QCOMPARE(quic->lastError, QStringLiteral("blocked"));
        QCOMPARE(quic->stats.lost, qint64(12));
    }
};

QTEST_GUILESS_MAIN(TestPepDetection)
#include "tst_pep_detection.moc"
