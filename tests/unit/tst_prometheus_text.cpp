// SPDX-License-Identifier: GPL-3.0-or-later
// The /metrics text of a built snapshot (issue 17 item 4): exact lines, units, escaping, no series
// twice, every family whole with its HELP and TYPE, and the Grafana dashboard's metrics all present.
#include "core/report/prometheus_text.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace pathlens::core;

namespace {

ProbeSeriesSummary probe(const char *kind, const char *target, double p50, double p95, qint64 sent, qint64 lost, bool gateway = false)
{
    ProbeSeriesSummary s;
    s.probe = QString::fromLatin1(kind);
    s.target = QString::fromLatin1(target);
    s.gateway = gateway;
    s.stats.sent = sent;
    s.stats.lost = lost;
    s.stats.lossPct = sent ? 100.0 * double(lost) / double(sent) : 0;
    s.stats.p50Ms = p50;
    s.stats.p95Ms = p95;
    s.stats.jitterMs = 1.5;
    return s;
}

AppSummary app(const QString &name, Grade grade, double rttMs, double retransPct)
{
    AppSummary a;
    a.name = name;
    a.path = QStringLiteral("/usr/bin/") + name;
    a.grade = grade;
    a.sessions = 4;
    a.gradedSessions = grade == Grade::Ungraded ? 0 : 3;
    a.medianRttMs = rttMs;
    a.retransPct = retransPct;
    return a;
}

// Something in every section, so every family has samples.
CaptureSnapshot fullSnapshot()
{
    CaptureSnapshot s;
    s.capture.span = std::pair<TimestampUs, TimestampUs>{1'700'000'000'000'000, 1'700'000'060'500'000};
    s.passive.verdict.grade = Grade::Good;
    s.passive.verdict.sessions = 12;
    s.passive.verdict.gradedSessions = 9;
    s.passive.verdict.medianRttMs = 38;
    s.passive.verdict.retransPct = 0.2;
    s.passive.apps = {app(QStringLiteral("zoom"), Grade::Fair, 120, 1.5), app(QStringLiteral("firefox"), Grade::Excellent, 18, 0),
                      app(QStringLiteral("zoom"), Grade::Good, 40, 0.1), // the same name in another folder
                      app(QStringLiteral("we\"ird\\app\nx"), Grade::Ungraded, 0, 0)};
    s.probes.series = {probe("icmp", "192.0.2.1", 38, 52, 200, 5), probe("icmp", "192.168.1.1", 1.25, 3, 100, 0, true),
                       probe("quic", "example.org", 0, 0, 10, 10)};
    MeshCell up;
    up.latest.src = QStringLiteral("berlin");
    up.latest.dst = QStringLiteral("paris");
    up.latest.sent = up.latest.answered = 20;
    up.latest.rttMs = 12.5;
    up.latest.lossPct = 0;
    up.latest.queueForwardMs = 2;
    up.latest.queueReverseMs = 0.5;
    up.capacityForwardMbps = 940;
    up.capacityReverseMbps = 310.5;
    MeshCell down;
    down.latest.src = QStringLiteral("paris");
    down.latest.dst = QStringLiteral("berlin");
    down.latest.sent = 20;
    down.latest.lossPct = 100;
    s.mesh = {up, down};
    auto capacity = std::make_shared<CapacityPicture>();
    CapacityResult older;
    older.target = QStringLiteral("10.9.0.2");
    older.totalMbps = 50;
    older.availableMbps = 40;
    older.utilisedMbps = 10;
    CapacityResult newer = older;
    newer.totalMbps = 48;
    newer.availableMbps = 30;
    newer.utilisedMbps = 18;
    CapacityResult doubtful;
    doubtful.target = QStringLiteral("10.9.0.3");
    doubtful.doubtful = true;
    doubtful.reason = QStringLiteral("loss in every train");
    capacity->results = {older, newer, doubtful};
    s.capacity = capacity;
    auto load = std::make_shared<LoadPicture>();
    load->downloadMbps = 94.5;
    load->uploadMbps = 21;
    s.load = load;
    auto wifi = std::make_shared<WifiPicture>();
    WifiSample w;
    w.iface = QStringLiteral("wlan0");
    w.connected = true;
    w.rssiDbm = -61;
    wifi->latest = w;
    wifi->rssiP50Dbm = -63.5;
    s.wifi = wifi;
    return s;
}

std::vector<CollectorStatus> collectors()
{
    CollectorStatus probes;
    probes.name = QStringLiteral("probes");
    probes.state = CollectorState::Running;
    CollectorStatus wifi;
    wifi.name = QStringLiteral("wifi");
    wifi.state = CollectorState::Idle;
    wifi.restarts = 2;
    return {probes, wifi};
}

QStringList lines(const QByteArray &text) { return QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts); }

} // namespace

class TstPrometheusText : public QObject {
    Q_OBJECT
private slots:
    void exactLinesInBaseUnits()
    {
        const QStringList l = lines(prometheusText(fullSnapshot(), collectors()));
        const QStringList expected = {
            QStringLiteral("# HELP pathlens_device_grade Device grade from its TCP sessions: 4 Excellent, 3 Good, 2 Fair, 1 Poor, 0 Ungraded (label grade)."),
            QStringLiteral("# TYPE pathlens_device_grade gauge"),
            QStringLiteral("pathlens_device_grade{grade=\"Good\"} 3"),
            QStringLiteral("pathlens_device_rtt_median_seconds 0.038"),
            QStringLiteral("pathlens_device_retransmit_ratio 0.002"),
            QStringLiteral("pathlens_capture_last_sample_timestamp_seconds 1700000060.5"),
            QStringLiteral("pathlens_app_grade{app=\"zoom\",grade=\"Fair\"} 2"),
            QStringLiteral("pathlens_app_grade{app=\"firefox\",grade=\"Excellent\"} 4"),
            QStringLiteral("pathlens_app_rtt_median_seconds{app=\"zoom\"} 0.12"),
            QStringLiteral("pathlens_probe_rtt_p50_seconds{kind=\"icmp\",target=\"192.0.2.1\",leg=\"internet\"} 0.038"),
            QStringLiteral("pathlens_probe_rtt_p95_seconds{kind=\"icmp\",target=\"192.168.1.1\",leg=\"gateway\"} 0.003"),
            QStringLiteral("pathlens_probe_loss_ratio{kind=\"icmp\",target=\"192.0.2.1\",leg=\"internet\"} 0.025"),
            QStringLiteral("pathlens_probe_loss_ratio{kind=\"quic\",target=\"example.org\",leg=\"internet\"} 1"),
            QStringLiteral("# TYPE pathlens_probe_sent_total counter"),
            QStringLiteral("pathlens_probe_sent_total{kind=\"icmp\",target=\"192.0.2.1\",leg=\"internet\"} 200"),
            QStringLiteral("pathlens_mesh_rtt_seconds{src=\"berlin\",dst=\"paris\"} 0.0125"),
            QStringLiteral("pathlens_mesh_up{src=\"paris\",dst=\"berlin\"} 0"),
            QStringLiteral("pathlens_mesh_loss_ratio{src=\"paris\",dst=\"berlin\"} 1"),
            QStringLiteral("pathlens_mesh_capacity_bytes_per_second{src=\"berlin\",dst=\"paris\",direction=\"reverse\"} 38812500"),
            QStringLiteral("pathlens_capacity_total_bytes_per_second{target=\"10.9.0.2\",direction=\"round_trip\"} 6000000"),
            QStringLiteral("pathlens_capacity_utilised_bytes_per_second{target=\"10.9.0.2\",direction=\"round_trip\"} 2250000"),
            QStringLiteral("pathlens_capacity_doubtful{target=\"10.9.0.3\",direction=\"round_trip\"} 1"),
            QStringLiteral("pathlens_throughput_bytes_per_second{direction=\"download\"} 11812500"),
            QStringLiteral("pathlens_throughput_bytes_per_second{direction=\"upload\"} 2625000"),
            QStringLiteral("pathlens_wifi_rssi_dbm{iface=\"wlan0\"} -61"),
            QStringLiteral("pathlens_wifi_rssi_median_dbm{iface=\"wlan0\"} -63.5"),
            QStringLiteral("pathlens_collector_state{collector=\"wifi\",state=\"idle\"} 1"),
            QStringLiteral("pathlens_collector_state{collector=\"wifi\",state=\"running\"} 0"),
            QStringLiteral("pathlens_collector_restarts_total{collector=\"wifi\"} 2"),
        };
        for (const QString &line : expected)
            QVERIFY2(l.contains(line), qPrintable(QStringLiteral("missing: ") + line));
        // No figure where there is none: a probe kind nothing answered, a mesh pair that is down, a
        // doubtful estimate.
        for (const QString &line : l) {
            QVERIFY2(!(line.startsWith(QLatin1String("pathlens_probe_rtt")) && line.contains(QLatin1String("example.org"))), qPrintable(line));
            QVERIFY2(!line.startsWith(QLatin1String("pathlens_mesh_rtt_seconds{src=\"paris\"")), qPrintable(line));
            QVERIFY2(!(line.startsWith(QLatin1String("pathlens_capacity_total")) && line.contains(QLatin1String("10.9.0.3"))), qPrintable(line));
        }
    }

    void labelValuesAreEscaped()
    {
        QCOMPARE(prometheusLabelValue(QStringLiteral("a\"b\\c\nd")), QByteArray("a\\\"b\\\\c\\nd"));
        QCOMPARE(prometheusLabelValue(QStringLiteral("Zürich")), QStringLiteral("Zürich").toUtf8());
        const QStringList l = lines(prometheusText(fullSnapshot()));
        QVERIFY(l.contains(QStringLiteral("pathlens_app_grade{app=\"we\\\"ird\\\\app\\nx\",grade=\"Ungraded\"} 0")));
    }

    void everySeriesOnceAndEveryFamilyWhole()
    {
        const QStringList l = lines(prometheusText(fullSnapshot(), collectors()));
        QSet<QString> series, closedFamilies;
        QString family;
        const QRegularExpression sampleLine(QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? (\\S+)$"));
        for (int i = 0; i < l.size(); ++i) {
            const QString &line = l[i];
            if (line.startsWith(QLatin1String("# HELP "))) {
                const QString name = line.section(QLatin1Char(' '), 2, 2);
                QVERIFY2(!closedFamilies.contains(name), qPrintable(QStringLiteral("family written twice: ") + name));
                if (!family.isEmpty())
                    closedFamilies.insert(family);
                family = name;
                QVERIFY(i + 1 < l.size());
                QVERIFY2(l[i + 1].startsWith(QStringLiteral("# TYPE ") + name + QLatin1Char(' ')), qPrintable(l[i + 1]));
                QVERIFY(name.startsWith(QLatin1String("pathlens_")));
                ++i;
                continue;
            }
            const auto m = sampleLine.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            QCOMPARE(m.captured(1), family); // no summaries or histograms: a sample carries its family's name
            const QString key = line.section(QLatin1Char(' '), 0, -2);
            QVERIFY2(!series.contains(key), qPrintable(QStringLiteral("series twice: ") + key));
            series.insert(key);
        }
        // The zoom app appears once in each app family, with its worst folder's figures.
        QVERIFY(l.contains(QStringLiteral("pathlens_app_rtt_median_seconds{app=\"zoom\"} 0.12")));
        QVERIFY(!l.contains(QStringLiteral("pathlens_app_grade{app=\"zoom\",grade=\"Good\"} 3")));
    }

    void aRepeatedInputStillGivesOneSeries()
    {
        // The analysis never repeats a mesh pair or a probe series; if it ever did, the scrape must
        // still be valid (Prometheus drops a whole scrape with a duplicate series).
        CaptureSnapshot s = fullSnapshot();
        s.mesh.push_back(s.mesh.front());
        s.probes.series.push_back(s.probes.series.front());
        const QStringList l = lines(prometheusText(s));
        QCOMPARE(l.count(QStringLiteral("pathlens_mesh_rtt_seconds{src=\"berlin\",dst=\"paris\"} 0.0125")), 1);
        QCOMPARE(l.count(QStringLiteral("pathlens_probe_sent_total{kind=\"icmp\",target=\"192.0.2.1\",leg=\"internet\"} 200")), 1);
    }

    void anEmptySnapshotStillNamesEveryFamily()
    {
        const QStringList l = lines(prometheusText(CaptureSnapshot{}));
        QVERIFY(l.contains(QStringLiteral("pathlens_device_grade{grade=\"Ungraded\"} 0")));
        QVERIFY(l.contains(QStringLiteral("# TYPE pathlens_probe_rtt_p50_seconds gauge")));
        for (const QString &line : l)
            QVERIFY2(line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1String("pathlens_device_grade")) ||
                         line.startsWith(QLatin1String("pathlens_device_sessions")),
                     qPrintable(line));
    }

    void theGrafanaDashboardQueriesOnlyMetricsThatExist()
    {
        QFile file(QStringLiteral(PATHLENS_TEST_DATA_DIR "/../../installers/grafana/pathlens.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QString text = QString::fromUtf8(prometheusText(fullSnapshot(), collectors()));
        QStringList queried;
        const QRegularExpression metric(QStringLiteral("\\bpathlens_[a-z0-9_]+"));
        std::function<void(const QJsonValue &)> walk = [&](const QJsonValue &v) {
            if (v.isObject()) {
                const QJsonObject o = v.toObject();
                for (auto it = o.begin(); it != o.end(); ++it) {
                    if ((it.key() == QLatin1String("expr") || it.key() == QLatin1String("query")) && it.value().isString())
                        for (auto m = metric.globalMatch(it.value().toString()); m.hasNext();)
                            queried << m.next().captured(0);
                    walk(it.value());
                }
            } else if (v.isArray()) {
                for (const QJsonValue &e : v.toArray())
                    walk(e);
            }
        };
        walk(doc.object());
        QVERIFY(queried.size() >= 10);
        for (const QString &name : queried)
            QVERIFY2(text.contains(QStringLiteral("# TYPE ") + name + QLatin1Char(' ')), qPrintable(QStringLiteral("dashboard queries ") + name));
    }
};

QTEST_GUILESS_MAIN(TstPrometheusText)
#include "tst_prometheus_text.moc"
