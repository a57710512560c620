// SPDX-License-Identifier: GPL-3.0-or-later
// The report's HTTP HEAD and system-DNS extras: phase medians over the probes that had the phase,
// new vs reused connections, the latest headers and errors (by send time, not row order).
#include "core/store/probe_rows.h"
#include "core/report/capture_summary.h"
#include "core/active/probe_report.h"
#include "core/active/probe_sample.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;

namespace {
ProbeSample probeSample(const char *probe, const char *target, qint64 seq, std::optional<double> rtt, const char *notes)
{
    ProbeSample s;
    s.utcUs = 1'700'000'000'000'000 + seq * 5'000'000;
    s.probe = QString::fromLatin1(probe);
    s.target = QString::fromLatin1(target);
    s.seq = seq;
    s.rttMs = rtt;
    s.notes = QString::fromLatin1(notes);
    return s;
}
} // namespace

class TestProbeReportHttp : public QObject {
    Q_OBJECT
private slots:
    void phaseMediansHeadersAndErrors()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("h.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        const char *url = "https://cdn.example/";
        // Rows out of send order on purpose: "last" means the latest send time.
        std::vector<ProbeSample> samples = {
            probeSample("http_head", url, 3, 21.0,
                        "mode=https;conn=1;reused=1;first_byte_ms=21.000;status=200;via=1.1 new"),
            probeSample("http_head", url, 0, 24.0,
                        "mode=https;conn=1;reused=0;dns_ms=5.000;connect_ms=20.000;tls_ms=41.000;first_byte_ms=24.000;"
                        "status=200;via=1.1 old;x-cache=MISS;server=edge"),
            probeSample("http_head", url, 1, 22.0,
                        "mode=https;conn=1;reused=1;first_byte_ms=22.000;status=200;via=1.1 mid"),
            probeSample(
                "http_head", url, 2, std::nullopt,
                "mode=https;conn=2;reused=0;connect_ms=30.000;first_byte_ms=23.000;status=503;error=http 503 Busy"),
            probeSample("dns_system", "name.test", 0, 12.5, "mode=getaddrinfo;addresses=2"),
            probeSample("dns_system", "name.test", 1, std::nullopt, "mode=getaddrinfo;error=Name or service not known"),
        };
        std::vector<Row> rows;
        for (const auto &s : samples)
            rows.push_back(probeSampleToRow(s));
        QVERIFY((*store)->insertBatch(rows));

        const QJsonObject json = *summarizeCapture(**store);
        QJsonObject http, dns;
        for (const auto &p : json.value("probes").toArray()) {
            const QJsonObject o = p.toObject();
            (o.value("type").toString() == "http_head" ? http : dns) = o;
        }
        QCOMPARE(http.value("sent").toDouble(), 4.0);
        QCOMPARE(http.value("lost").toDouble(), 1.0);
        QCOMPARE(http.value("rtt_p50_ms").toDouble(), 22.0);    // the answered probes' first bytes
        QCOMPARE(http.value("first_byte_ms").toDouble(), 22.5); // every probe that saw a first byte
        QCOMPARE(http.value("connect_ms").toDouble(), 25.0);    // the two new connections
        QCOMPARE(http.value("dns_ms").toDouble(), 5.0);
        QCOMPARE(http.value("tls_ms").toDouble(), 41.0);
        QCOMPARE(http.value("connections").toDouble(), 2.0);
        QCOMPARE(http.value("reused").toDouble(), 2.0);
        QCOMPARE(http.value("mode").toString(), QString("https"));
        const QJsonObject headers = http.value("headers").toObject();
        QCOMPARE(headers.value("via").toString(), QString("1.1 new")); // seq 3 was sent last
        QCOMPARE(headers.value("status").toString(), QString("200"));
        QVERIFY(!headers.contains("x-cache")); // the latest answer had none: not mixed with older ones
        QCOMPARE(http.value("last_error").toString(), QString("http 503 Busy"));
        QCOMPARE(dns.value("rtt_p50_ms").toDouble(), 12.5);
        QCOMPARE(dns.value("last_error").toString(), QString("Name or service not known"));
        QVERIFY(!dns.contains("connect_ms"));
        QVERIFY(!json.value("icmp_proxied").toBool());
    }
};

QTEST_GUILESS_MAIN(TestProbeReportHttp)
#include "tst_probe_report_http.moc"
