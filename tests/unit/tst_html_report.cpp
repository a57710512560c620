// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report (issue 16): a capture built from the test fixtures (probes, TCP sessions, traces,
// Wi-Fi) plus under-load, capacity and mesh figures set in code renders exactly the golden page
// tests/data/report/fixture.html (PATHLENS_UPDATE_GOLDEN=1 rewrites it). And, whatever the golden
// says: nothing is fetched, every app and tier is named, every SVG is well-formed XML, text is escaped.
#include "core/active/quality_tiers.h"
#include "core/interchange/csv_interchange.h"
#include "core/report/capture_summary.h"
#include "core/report/html_report.h"
#include "core/store/capture_store.h"
#include "tests/common/scratch_captures.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace pathlens::core;

namespace {

const QString kGolden = QStringLiteral(PATHLENS_TEST_DATA_DIR "/report/fixture.html");
const QString kMethodUrl = QStringLiteral("https://pathlens.example/docs/methodology");
const QString kHostileApp = QStringLiteral("<script>alert(\"x\")</script>");

std::shared_ptr<const LoadPicture> loadFixture()
{
    auto l = std::make_shared<LoadPicture>();
    ThroughputResult down;
    down.startUs = 1'795'860'000'000'000;
    down.endUs = down.startUs + 10'000'000;
    down.mbps = 94.3;
    down.streams = 4;
    l->results.push_back(down);
    l->downloadMbps = 94.3;
    l->uploadMbps = 18.2;
    l->downloadTier = downloadTier(94.3);
    l->uploadTier = uploadTier(18.2);
    BufferbloatSplit &b = l->bufferbloat;
    b.gateway.idle = {20, 1.1, 2.0};
    b.gateway.download = {12, 1.4, 3.0};
    b.gateway.upload = {12, 1.6, 3.5};
    b.gateway.downloadDeltaMs = 0.3;
    b.gateway.uploadDeltaMs = 0.5;
    b.gateway.rating = bufferbloatTier(0.5);
    b.gateway.rpm = responsivenessRpm(1.6);
    b.internet.idle = {20, 21.0, 25.0};
    b.internet.download = {12, 61.0, 90.0};
    b.internet.upload = {12, 140.0, 180.0};
    b.internet.downloadDeltaMs = 40.0;
    b.internet.uploadDeltaMs = 119.0;
    b.internet.rating = bufferbloatTier(119.0);
    b.internet.rpm = responsivenessRpm(140.0);
    b.rpm = b.internet.rpm;
    b.rating = worseTier(*b.gateway.rating, *b.internet.rating);
    return l;
}

std::shared_ptr<const CapacityPicture> capacityFixture()
{
    auto c = std::make_shared<CapacityPicture>();
    CapacityResult r;
    r.utcUs = 1'795'860'100'000'000;
    r.target = QStringLiteral("198.51.100.1");
    r.address = r.target;
    r.totalMbps = 100.0;
    r.availableMbps = 62.5;
    r.utilisedMbps = 37.5;
    c->results.push_back(r);
    CapacityResult doubtful = r; // never shown as a figure
    doubtful.utcUs += 60'000'000;
    doubtful.doubtful = true;
    doubtful.totalMbps.reset();
    c->results.push_back(doubtful);
    return c;
}

std::vector<MeshCell> meshFixture()
{
    MeshCell ab;
    ab.latest.utcUs = 1'795'860'200'000'000;
    ab.latest.src = QStringLiteral("office");
    ab.latest.dst = QStringLiteral("branch & lab");
    ab.latest.sent = 20;
    ab.latest.answered = 20;
    ab.latest.rttMs = 12.5;
    ab.rttEwmaMs = 12.8;
    ab.capacityForwardMbps = 48.0;
    ab.cycles = 6;
    ab.state = MeshState::Within;
    MeshCell ba = ab;
    std::swap(ba.latest.src, ba.latest.dst);
    ba.latest.answered = 0;
    ba.latest.lossPct = 100;
    ba.capacityForwardMbps.reset();
    ba.state = MeshState::Down;
    return {ab, ba};
}

// The fixtures through the same analysis as a real capture, then what CSV cannot carry; the path
// and the build's version normalised so the page is the same on every machine.
CaptureSnapshot fixtureSnapshot()
{
    pathlens::test::ScratchCaptures scratch;
    auto store = scratch.fresh();
    for (const char *file : {"/probes.csv", "/tcp_sessions.csv", "/traces.csv", "/timeline_roam.csv"})
        if (!importCsvFile(QStringLiteral(PATHLENS_TEST_DATA_DIR) + QLatin1String(file), *store))
            qFatal("fixture %s did not import", file);
    auto analysed = analyseCapture(*store, GradingPolicy{});
    if (!analysed)
        qFatal("%s", qPrintable(analysed.error().toString()));
    CaptureSnapshot s = **analysed;
    s.capture.path = QStringLiteral("fixture.plcap");
    s.capture.meta[QString::fromLatin1(meta::kAppVersion)] = QStringLiteral("0.0-test");
    AppSummary hostile;
    hostile.name = kHostileApp;
    hostile.sessions = 1;
    s.passive.apps.push_back(hostile);
    s.load = loadFixture();
    s.capacity = capacityFixture();
    s.mesh = meshFixture();
    TraceResult fromAgent = s.traces.back(); // a mesh agent's trace to its peer, drawn in the mesh section
    fromAgent.tracedBy = QStringLiteral("office");
    s.meshTraces = {fromAgent};
    return s;
}

QStringList svgBlocks(const QString &html)
{
    QStringList out;
    static const QRegularExpression svg(QStringLiteral("<svg[\\s\\S]*?</svg>"));
    for (auto it = svg.globalMatch(html); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

QString sectionOf(const QString &html, const QString &id)
{
    const qsizetype at = html.indexOf(QStringLiteral("id=\"%1\"").arg(id));
    if (at < 0)
        return {};
    return html.mid(at, html.indexOf(QStringLiteral("</section>"), at) - at);
}

} // namespace

class TestHtmlReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c()); // figures read the same whatever the machine's locale
        m_snapshot = fixtureSnapshot();
        m_html = renderReportHtml(m_snapshot, {kMethodUrl});
    }

    void matchesTheGolden()
    {
        if (qEnvironmentVariableIntValue("PATHLENS_UPDATE_GOLDEN") == 1) {
            QFile out(kGolden);
            QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(out.errorString()));
            out.write(m_html.toUtf8());
            qInfo("rewrote %s", qPrintable(kGolden));
            return;
        }
        QFile in(kGolden);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(kGolden + QStringLiteral(": ") + in.errorString() +
                                                          QStringLiteral(" (PATHLENS_UPDATE_GOLDEN=1 writes it)")));
        const QStringList expected = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'));
        const QStringList actual = m_html.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < std::max(expected.size(), actual.size()); ++i) {
            const QString e = expected.value(i, QStringLiteral("<end of file>")), a = actual.value(i, QStringLiteral("<end of file>"));
            if (e != a)
                QFAIL(qPrintable(QStringLiteral("first difference at line %1 of %2\n  expected: %3\n  actual:   %4\n"
                                                "(if the change is intended: PATHLENS_UPDATE_GOLDEN=1 and review the diff)")
                                     .arg(i + 1)
                                     .arg(kGolden, e, a)));
        }
    }

    // Self-contained: no scripts, styles or images from elsewhere; the only address is the method's
    // (and SVG's namespace name, which is never fetched).
    void fetchesNothing()
    {
        for (const char *loads : {"<script", "<link", "<img", "<iframe", "@import", "url(", " src="})
            QVERIFY2(!m_html.contains(QLatin1String(loads), Qt::CaseInsensitive), loads);
        static const QRegularExpression address(QStringLiteral("https?://[^\"'<>\\s]*"));
        int method = 0;
        for (auto it = address.globalMatch(m_html); it.hasNext();) {
            const QString url = it.next().captured(0);
            if (url == kMethodUrl)
                ++method;
            else
                QCOMPARE(url, QStringLiteral("http://www.w3.org/2000/svg"));
        }
        QVERIFY(method >= 1);
        QVERIFY(!renderReportHtml(m_snapshot).contains(QLatin1String("https://"))); // no URL given: none written
    }

    void namesEveryAppAndTier()
    {
        QVERIFY(m_snapshot.passive.apps.size() >= 3);
        const QString apps = sectionOf(m_html, QStringLiteral("apps"));
        for (const AppSummary &a : m_snapshot.passive.apps)
            QVERIFY2(apps.contains(QStringLiteral("<td>%1</td>").arg(a.name.toHtmlEscaped())), qPrintable(a.name));
        const QString tiers = sectionOf(m_html, QStringLiteral("tiers"));
        const std::pair<const char *, std::optional<Tier>> expected[] = {
            {"Overall", m_snapshot.probes.overall},   {"Latency", m_snapshot.probes.latency}, {"Loss", m_snapshot.probes.loss},
            {"Download", m_snapshot.load->downloadTier}, {"Upload", m_snapshot.load->uploadTier},
            {"Bufferbloat", m_snapshot.load->bufferbloat.rating}, {"Wi-Fi signal", m_snapshot.wifi->tier}};
        int rated = 0;
        for (const auto &[label, tier] : expected) {
            const QString pill = tier ? QStringLiteral("<span class=\"pill tier-%1\">%1</span>").arg(tierName(*tier))
                                      : QStringLiteral("<span class=\"pill tier-none\">not measured</span>");
            QVERIFY2(tiers.contains(QStringLiteral("<div>%1 %2</div>").arg(QLatin1String(label), pill)), label);
            rated += tier ? 1 : 0;
        }
        QVERIFY(rated >= 5); // the fixture rates nearly everything
        QVERIFY(m_html.contains(QStringLiteral("Path to 10.20.7.2"))); // the trace's drawing
        QVERIFY(sectionOf(m_html, QStringLiteral("mesh")).contains(QStringLiteral("branch &amp; lab")));
        QVERIFY(sectionOf(m_html, QStringLiteral("mesh")).contains(QStringLiteral("within its best"))); // the heat-map's words
        QVERIFY(sectionOf(m_html, QStringLiteral("mesh")).contains(QStringLiteral("Path from office to ")));
        QVERIFY(!m_html.contains(QLatin1String("{{"))); // every placeholder filled
    }

    void svgIsWellFormedXml()
    {
        const QStringList blocks = svgBlocks(m_html);
        QVERIFY(blocks.size() >= 5); // per-target bars, protocols, over time, a trace, a mesh agent's trace
        for (const QString &svg : blocks) {
            QXmlStreamReader xml(svg);
            int elements = 0;
            while (!xml.atEnd())
                if (xml.readNext() == QXmlStreamReader::StartElement)
                    ++elements;
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString() + QStringLiteral(" in ") + svg.left(200)));
            QVERIFY(elements > 3);
        }
    }

    void textIsEscaped()
    {
        QVERIFY(!m_html.contains(kHostileApp));
        QVERIFY(!m_html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
        QVERIFY(m_html.contains(kHostileApp.toHtmlEscaped()));
    }

    // A capture with nothing in it still renders every section, each saying "not measured".
    void emptyCaptureSaysNotMeasured()
    {
        CaptureSnapshot empty;
        empty.latency = std::make_shared<LatencyData>();
        empty.capture.path = QStringLiteral("empty.plcap");
        const QString html = renderReportHtml(empty);
        for (const char *id : {"tiers", "apps", "latency", "load", "bursts", "capacity", "traces", "wifi", "mesh"}) {
            const QString s = sectionOf(html, QLatin1String(id));
            QVERIFY2(s.contains(QLatin1String("Not measured")), id);
            QVERIFY2(s.startsWith(QLatin1String("id=")) && html.contains(QStringLiteral("class=\"section empty\" id=\"%1\"").arg(QLatin1String(id))), id);
        }
        QVERIFY(html.contains(QLatin1String("docs/methodology.md")));
        QVERIFY(svgBlocks(html).isEmpty());
    }

private:
    CaptureSnapshot m_snapshot;
    QString m_html;
};

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "tst_html_report.moc"
