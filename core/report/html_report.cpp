// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report of a capture: the templates (core/report/templates, a Qt resource) filled section
// by section from the snapshot's typed data. Every text goes through esc(); figures are formatted
// the way the views format them; charts are inline SVG, drawn here from the same geometry the views use.
#include "core/report/html_report.h"

#include "core/active/probe_banners.h"
#include "core/active/probe_kind.h"
#include "core/base/address_text.h"
#include "core/base/time_utc.h"
#include "core/base/units_format.h"
#include "core/store/capture_store.h"
#include "core/load/load_text.h"
#include "core/report/display_names.h"
#include "core/trace/path_labels.h"
#include "core/trace/path_layout.h"
#include "core/wifi/wifi_link_text.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace pathlens::core {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("pathlens::core::HtmlReport", text); }
QString esc(const QString &text) { return text.toHtmlEscaped(); }

constexpr int kMaxBurstRows = 50;   // a day of beam handovers is thousands: the first ones tell the story
constexpr int kMaxTraces = 12;      // drawings per list (the latest trace per target, newest first)
constexpr int kMaxTimeSeries = 8;   // lines in the latency-over-time chart (the colours stay distinguishable)
constexpr int kMaxWifiEvents = 30;
constexpr double kChartWidth = 680; // SVG user units; scaled to the page by CSS
const char *const kSeriesColours[kMaxTimeSeries] = {"#1f77b4", "#d95f02", "#1b9e77", "#7570b3",
                                                     "#e7298a", "#66a61e", "#a6761d", "#666666"};

QString templateText(const QString &name)
{
    QFile f(QStringLiteral(":/pathlens/report/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("report template %s is missing from the resources", qPrintable(name)); // a build error, not a user's
    return QString::fromUtf8(f.readAll());
}

// {{name}} → its value, in one pass so a value that happens to hold "{{…}}" is left as it is (values
// are HTML already: the callers escape text).
QString fill(const QString &text, std::initializer_list<std::pair<const char *, QString>> values)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([a-z_]+)\\}\\}"));
    QString out;
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        const auto v = std::find_if(values.begin(), values.end(), [&](const auto &p) { return m.capturedView(1) == QLatin1String(p.first); });
        if (v == values.end())
            qFatal("report template placeholder %s has no value", qPrintable(m.captured(1))); // a build error, not a user's
        out += v->second;
    }
    out += QStringView(text).mid(at);
    return out;
}

const QString kNotMeasuredOpen = QStringLiteral("<p class=\"not-measured\">");

QString notMeasured(const QString &what)
{
    return kNotMeasuredOpen + esc(what) + QStringLiteral("</p>\n");
}

// A section of one "not measured" line is marked empty: print starts no page for it.
QString section(const QString &id, const QString &heading, const QString &body)
{
    static const QString tpl = templateText(QStringLiteral("section.html"));
    const bool empty = body.startsWith(kNotMeasuredOpen) && body.count(QStringLiteral("<p")) == 1;
    return fill(tpl, {{"class", empty ? QStringLiteral("section empty") : QStringLiteral("section")},
                      {"id", id},
                      {"heading", esc(heading)},
                      {"body", body}});
}

// "2026-11-22 10:01:05": headers and sentences say UTC once.
QString when(TimestampUs ts)
{
    return QDateTime::fromMSecsSinceEpoch(ts / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString num(double v, int decimals = 1) { return QString::number(v, 'f', decimals); }

QString tierPill(const std::optional<Tier> &tier)
{
    if (!tier)
        return QStringLiteral("<span class=\"pill tier-none\">%1</span>").arg(esc(tr("not measured")));
    return QStringLiteral("<span class=\"pill tier-%1\">%2</span>").arg(tierName(*tier), esc(tierDisplayName(*tier)));
}

QString gradePill(Grade grade)
{
    return QStringLiteral("<span class=\"pill grade-%1\">%2</span>").arg(gradeName(grade).toLower(), esc(gradeDisplayName(grade)));
}

QString mbps(double v) { return formatBitrate(v * 1e6); }
QString mbps(const std::optional<double> &v) { return v ? mbps(*v) : QStringLiteral("—"); }
QString ms(const std::optional<double> &v) { return v ? formatMs(*v) : QStringLiteral("—"); }

QString table(const QStringList &headers, const QList<QStringList> &rows, const QSet<int> &numeric = {})
{
    QString h = QStringLiteral("<table>\n<thead><tr>");
    for (int c = 0; c < headers.size(); ++c)
        h += QStringLiteral("<th%1>%2</th>").arg(numeric.contains(c) ? QStringLiteral(" class=\"num\"") : QString(), esc(headers[c]));
    h += QStringLiteral("</tr></thead>\n<tbody>\n");
    for (const QStringList &row : rows) { // cells are HTML already
        h += QStringLiteral("<tr>");
        for (int c = 0; c < row.size(); ++c)
            h += QStringLiteral("<td%1>%2</td>").arg(numeric.contains(c) ? QStringLiteral(" class=\"num\"") : QString(), row[c]);
        h += QStringLiteral("</tr>\n");
    }
    return h + QStringLiteral("</tbody>\n</table>\n");
}

QString svgOpen(double width, double height, const QString &label)
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %2\" width=\"%1\" height=\"%2\" "
                          "role=\"img\" aria-label=\"%3\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\">\n")
        .arg(num(width, 0), num(height, 0), esc(label));
}

// A round figure at or above v for a chart's axis (1, 2, 5 × 10^n).
double niceCeiling(double v)
{
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= v)
            return m * p;
    return 10 * p;
}

// ---- verdict card and tiers ----

QString verdictCard(const CaptureSnapshot &s)
{
    static const QString tpl = templateText(QStringLiteral("verdict.html"));
    const DeviceVerdict &v = s.passive.verdict;
    if (v.gradedSessions > 0)
        return fill(tpl, {{"pill_class", QStringLiteral("grade-") + gradeName(v.grade).toLower()},
                          {"pill", esc(gradeDisplayName(v.grade))},
                          {"kind", esc(tr("This device's connections"))},
                          {"headline", esc(v.headline)},
                          {"why", esc(v.evidence)}});
    // No TCP traffic to grade: the probes' overall tier is the verdict.
    const ProbeReport &p = s.probes;
    if (p.overall) {
        QStringList why;
        if (p.latency)
            why << tr("latency %1").arg(tierDisplayName(*p.latency));
        if (p.loss)
            why << tr("loss %1").arg(tierDisplayName(*p.loss));
        return fill(tpl, {{"pill_class", QStringLiteral("tier-") + tierName(*p.overall)},
                          {"pill", esc(tierDisplayName(*p.overall))},
                          {"kind", esc(tr("Network quality"))},
                          {"headline", esc(tr("The network measured %1 overall").arg(tierDisplayName(*p.overall)))},
                          {"why", esc(why.join(QStringLiteral(" · ")) + tr(" (too little TCP traffic to grade the device's connections)"))}});
    }
    return fill(tpl, {{"pill_class", QStringLiteral("grade-ungraded")},
                      {"pill", esc(tr("not measured"))},
                      {"kind", esc(tr("Verdict"))},
                      {"headline", esc(v.headline)},
                      {"why", esc(tr("The capture holds neither graded TCP sessions nor enough probe results to rate the link."))}});
}

QString tiersSection(const CaptureSnapshot &s)
{
    const std::pair<QString, std::optional<Tier>> tiers[] = {
        {tr("Overall"), s.probes.overall},          {tr("Latency"), s.probes.latency},
        {tr("Loss"), s.probes.loss},                {tr("Download"), s.load->downloadTier},
        {tr("Upload"), s.load->uploadTier},         {tr("Bufferbloat"), s.load->bufferbloat.rating},
        {tr("Wi-Fi signal"), s.wifi->tier}};
    QString body = QStringLiteral("<div class=\"tiers\">\n");
    bool any = false;
    for (const auto &[label, tier] : tiers) {
        any = any || tier.has_value();
        body += QStringLiteral("<div>%1 %2</div>\n").arg(esc(label), tierPill(tier));
    }
    body += QStringLiteral("</div>\n");
    if (!any)
        body = notMeasured(tr("Not measured: the capture has too few probe results to rate the link."));
    else if (s.passive.verdict.gradedSessions > 0) // two sources can disagree; say which is which
        body += QStringLiteral("<p class=\"dim\">%1</p>\n")
                    .arg(esc(tr("These tiers rate the link from Pathlens's own probes and tests; the verdict above grades the apps' TCP sessions.")));
    else if (s.probes.geo)
        body += QStringLiteral("<p class=\"dim\">%1</p>\n")
                    .arg(esc(tr("Satellite (GEO) link: median round trips above 400 ms, so latency is rated on the GEO scale.")));
    return section(QStringLiteral("tiers"), tr("Quality tiers"), body);
}

QString bannersSection(const CaptureSnapshot &s)
{
    QString body;
    const QString proxy = icmpProxyBannerText(s.probes);
    if (!proxy.isEmpty())
        body += QStringLiteral("<div class=\"banner banner-proxy\" id=\"icmp-proxy\">%1</div>\n").arg(esc(proxy));
    const QString pep = pepBannerHtml(s.probes); // rich text; its one free text (the target) is escaped
    if (!pep.isEmpty())
        body += QStringLiteral("<div class=\"banner banner-pep\" id=\"pep\">%1</div>\n").arg(pep);
    return body.isEmpty() ? QString() : section(QStringLiteral("banners"), tr("On this path"), body);
}

// ---- apps ----

QString appsSection(const CaptureSnapshot &s)
{
    const auto &apps = s.passive.apps;
    if (apps.empty())
        return section(QStringLiteral("apps"), tr("Apps"), notMeasured(tr("Not measured: no TCP sessions in this capture.")));
    QList<QStringList> rows;
    for (const AppSummary &a : apps) {
        const bool graded = a.gradedSessions > 0;
        rows << QStringList{gradePill(a.grade), esc(a.name),
                            a.gradedSessions == a.sessions ? QString::number(a.sessions)
                                                           : esc(tr("%1 (%2 graded)").arg(a.sessions).arg(a.gradedSessions)),
                            graded ? esc(formatMs(a.medianRttMs)) : QStringLiteral("—"), esc(formatPercent(a.retransPct)),
                            graded ? esc(formatMs(a.queueMs)) : QStringLiteral("—"), esc(mbps(a.downMbps)), esc(mbps(a.upMbps))};
    }
    QString body = table({tr("Grade"), tr("App"), tr("Sessions"), tr("Median RTT"), tr("Retransmits"), tr("Queueing"), tr("Down"), tr("Up")},
                         rows, {2, 3, 4, 5, 6, 7});
    if (!s.passive.verdict.lastHiccupText.isEmpty())
        body += QStringLiteral("<p class=\"dim\">%1 %2</p>\n").arg(esc(tr("Last hiccup:")), esc(s.passive.verdict.lastHiccupText));
    return section(QStringLiteral("apps"), tr("Apps"), body);
}

// ---- latency and protocols ----

QString seriesLabel(const ProbeSeriesSummary &p)
{
    return QStringLiteral("%1 → %2%3").arg(probeDisplayName(p.probe), p.target, p.gateway ? tr(" (gateway)") : QString());
}

// Per target: a bar to the median, a thinner one on to the 95th percentile.
QString percentileBars(const std::vector<const ProbeSeriesSummary *> &series)
{
    const double labelW = 250, rowH = 22, top = 24, right = 70;
    double maxMs = 0;
    for (const auto *p : series)
        maxMs = std::max(maxMs, p->stats.p95Ms);
    const double scaleMax = niceCeiling(maxMs);
    const double plotW = kChartWidth - labelW - right;
    const double height = top + rowH * double(series.size()) + 20;
    QString svg = svgOpen(kChartWidth, height, tr("Median and 95th percentile round trip per target"));
    svg += QStringLiteral("<rect x=\"%1\" y=\"4\" width=\"10\" height=\"10\" fill=\"#1f77b4\"/><text x=\"%2\" y=\"13\">%3</text>"
                          "<rect x=\"%4\" y=\"4\" width=\"10\" height=\"10\" fill=\"#9ecae1\"/><text x=\"%5\" y=\"13\">%6</text>\n")
               .arg(num(labelW, 0), num(labelW + 14, 0), esc(tr("median")), num(labelW + 80, 0), num(labelW + 94, 0),
                    esc(tr("95th percentile")));
    for (size_t i = 0; i < series.size(); ++i) {
        const ProbeStats &st = series[i]->stats;
        const double y = top + rowH * double(i);
        const double w50 = plotW * st.p50Ms / scaleMax, w95 = plotW * st.p95Ms / scaleMax;
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"end\">%3</text>\n")
                   .arg(num(labelW - 6, 0), num(y + 14), esc(seriesLabel(*series[i])));
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"8\" fill=\"#9ecae1\"/>\n")
                   .arg(num(labelW, 0), num(y + 7), num(std::max(w95, 1.0)));
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"14\" fill=\"#1f77b4\"/>\n")
                   .arg(num(labelW, 0), num(y + 4), num(std::max(w50, 1.0)));
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\">%3 / %4</text>\n")
                   .arg(num(labelW + std::max(w95, w50) + 4), num(y + 15), esc(formatMs(st.p50Ms)), esc(formatMs(st.p95Ms)));
    }
    const double axisY = top + rowH * double(series.size()) + 2;
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#999\"/>\n").arg(num(labelW, 0), num(axisY), num(labelW + plotW));
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\">0</text><text x=\"%3\" y=\"%2\" text-anchor=\"end\">%4</text>\n")
               .arg(num(labelW, 0), num(axisY + 14), num(labelW + plotW), esc(formatMs(scaleMax)));
    return svg + QStringLiteral("</svg>\n");
}

// Median round trip per probe kind, the gateway leg beside the internet leg (the Latency page's bars).
QString protocolBars(const std::vector<ProtocolComparison> &comparison)
{
    const double labelW = 150, rowH = 34, top = 24, right = 70;
    double maxMs = 0;
    for (const ProtocolComparison &c : comparison)
        maxMs = std::max({maxMs, c.gatewayP50Ms.value_or(0), c.internetP50Ms.value_or(0)});
    const double scaleMax = niceCeiling(maxMs);
    const double plotW = kChartWidth - labelW - right;
    const double height = top + rowH * double(comparison.size()) + 8;
    QString svg = svgOpen(kChartWidth, height, tr("Median round trip per protocol: your router and the internet"));
    svg += QStringLiteral("<rect x=\"%1\" y=\"4\" width=\"10\" height=\"10\" fill=\"#66a61e\"/><text x=\"%2\" y=\"13\">%3</text>"
                          "<rect x=\"%4\" y=\"4\" width=\"10\" height=\"10\" fill=\"#7570b3\"/><text x=\"%5\" y=\"13\">%6</text>\n")
               .arg(num(labelW, 0), num(labelW + 14, 0), esc(legTitle(true)), num(labelW + 190, 0), num(labelW + 204, 0),
                    esc(legTitle(false)));
    for (size_t i = 0; i < comparison.size(); ++i) {
        const ProtocolComparison &c = comparison[i];
        const double y = top + rowH * double(i);
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"end\">%3</text>\n")
                   .arg(num(labelW - 6, 0), num(y + 18), esc(probeDisplayName(c.probe)));
        const std::pair<std::optional<double>, const char *> legs[] = {{c.gatewayP50Ms, "#66a61e"}, {c.internetP50Ms, "#7570b3"}};
        for (int k = 0; k < 2; ++k) {
            const double by = y + 3 + 14 * k;
            if (!legs[k].first) {
                svg += QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"#888\">%3</text>\n").arg(num(labelW + 2, 0), num(by + 11), esc(tr("not measured")));
                continue;
            }
            const double w = std::max(plotW * *legs[k].first / scaleMax, 1.0);
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"12\" fill=\"%4\"/>"
                                  "<text x=\"%5\" y=\"%6\">%7</text>\n")
                       .arg(num(labelW, 0), num(by), num(w), QLatin1String(legs[k].second), num(labelW + w + 4), num(by + 11),
                            esc(formatMs(*legs[k].first)));
        }
    }
    return svg + QStringLiteral("</svg>\n");
}

// Latency over the capture: each series' per-column mid value (min…max band for a single series).
QString latencyOverTime(const LatencyData &data)
{
    std::vector<const LatencySeries *> series;
    for (const LatencySeries &ls : data.series)
        if (!ls.pyramid.times().empty() && int(series.size()) < kMaxTimeSeries)
            series.push_back(&ls);
    if (series.empty())
        return {};
    const TimestampUs from = data.firstTime(), to = std::max(data.lastTime(), data.firstTime() + 1);
    const int columns = 160;
    const double left = 56, top = 10, plotW = kChartWidth - left - 10, plotH = 180;
    std::vector<std::vector<MinMaxPyramid::Column>> cols;
    double maxMs = 0;
    for (const LatencySeries *ls : series) {
        cols.push_back(ls->pyramid.query(from, to + 1, columns));
        for (const auto &c : cols.back())
            if (c.count > 0)
                maxMs = std::max(maxMs, double(c.max));
    }
    const double scaleMax = niceCeiling(maxMs);
    QString svg = svgOpen(kChartWidth, top + plotH + 34, tr("Round trip over the capture, per target"));
    for (int g = 0; g <= 4; ++g) { // grid lines at quarters of the scale
        const double y = top + plotH * (1 - g / 4.0);
        svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#e0e0e0\"/>"
                              "<text x=\"%4\" y=\"%5\" text-anchor=\"end\">%6</text>\n")
                   .arg(num(left, 0), num(y), num(left + plotW), num(left - 4, 0), num(y + 4), g == 0 ? QStringLiteral("0") : esc(formatMs(scaleMax * g / 4.0)));
    }
    const auto xAt = [&](int i) { return left + plotW * (double(i) + 0.5) / columns; };
    const auto yAt = [&](double v) { return top + plotH * (1 - v / scaleMax); };
    for (size_t k = 0; k < series.size(); ++k) {
        const QString colour = QLatin1String(kSeriesColours[k]);
        QString points;
        auto flush = [&] {
            if (!points.isEmpty())
                svg += QStringLiteral("<polyline fill=\"none\" stroke=\"%1\" stroke-width=\"1.5\" points=\"%2\"/>\n").arg(colour, points.trimmed());
            points.clear();
        };
        for (int i = 0; i < columns; ++i) {
            const auto &c = cols[k][size_t(i)];
            if (c.count == 0) { // a gap in the data breaks the line
                flush();
                continue;
            }
            if (series.size() == 1)
                svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\" stroke=\"%4\" stroke-opacity=\"0.3\" stroke-width=\"3\"/>\n")
                           .arg(num(xAt(i)), num(yAt(c.min)), num(yAt(c.max)), colour);
            points += QStringLiteral("%1,%2 ").arg(num(xAt(i)), num(yAt((c.min + c.max) / 2.0)));
        }
        flush();
    }
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#999\"/>\n").arg(num(left, 0), num(top + plotH), num(left + plotW));
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\">%3</text><text x=\"%4\" y=\"%2\" text-anchor=\"end\">%5</text>\n")
               .arg(num(left, 0), num(top + plotH + 16), esc(when(from) + tr(" UTC")), num(left + plotW), esc(when(to) + tr(" UTC")));
    svg += QStringLiteral("</svg>\n<p class=\"legend\">");
    for (size_t k = 0; k < series.size(); ++k)
        svg += QStringLiteral("<span><span class=\"swatch\" style=\"background:%1\"></span>%2</span>")
                   .arg(QLatin1String(kSeriesColours[k]), esc(series[k]->label()));
    return svg + QStringLiteral("</p>\n");
}

QString latencySection(const CaptureSnapshot &s)
{
    std::vector<const ProbeSeriesSummary *> answered;
    for (const ProbeSeriesSummary &p : s.probes.series)
        if (p.stats.received() > 0)
            answered.push_back(&p);
    if (answered.empty() && s.probes.comparison.empty())
        return section(QStringLiteral("latency"), tr("Latency and protocols"),
                       notMeasured(tr("Not measured: no probe answered in this capture.")));
    QString body;
    if (!answered.empty()) {
        body += QStringLiteral("<h3>%1</h3>\n").arg(esc(tr("Round trip per target")));
        body += percentileBars(answered);
    }
    if (!s.probes.comparison.empty()) {
        body += QStringLiteral("<h3>%1</h3>\n").arg(esc(tr("Protocols compared")));
        body += protocolBars(s.probes.comparison);
    }
    const QString overTime = latencyOverTime(*s.latency);
    if (!overTime.isEmpty())
        body += QStringLiteral("<h3>%1</h3>\n").arg(esc(tr("Round trip over time"))) + overTime;
    QList<QStringList> rows;
    for (const ProbeSeriesSummary &p : s.probes.series) {
        const bool any = p.stats.received() > 0;
        rows << QStringList{esc(probeDisplayName(p.probe)), esc(p.target + (p.gateway ? tr(" (gateway)") : QString())),
                            QString::number(p.stats.sent), esc(formatPercent(p.stats.lossPct)),
                            any ? esc(formatMs(p.stats.p50Ms)) : QStringLiteral("—"), any ? esc(formatMs(p.stats.p95Ms)) : QStringLiteral("—"),
                            any ? esc(formatMs(p.stats.jitterMs)) : QStringLiteral("—"), any ? num(p.stats.mos) : QStringLiteral("—")};
    }
    body += table({tr("Probe"), tr("Target"), tr("Sent"), tr("Loss"), tr("Median"), tr("95th percentile"), tr("Jitter"), tr("MOS")}, rows,
                  {2, 3, 4, 5, 6, 7});
    return section(QStringLiteral("latency"), tr("Latency and protocols"), body);
}

// ---- under load ----

QString loadSection(const CaptureSnapshot &s)
{
    const LoadPicture &l = *s.load;
    const BufferbloatSplit &b = l.bufferbloat;
    if (l.empty() && !b.gateway.hasData() && !b.internet.hasData())
        return section(QStringLiteral("load"), tr("Under load"), notMeasured(tr("Not measured: no throughput test ran during this capture.")));
    QString body;
    body += table({tr("Direction"), tr("Throughput"), tr("Tier")},
                  {{esc(transferDirectionText(TransferDirection::Download)), esc(mbps(l.downloadMbps)), tierPill(l.downloadTier)},
                   {esc(transferDirectionText(TransferDirection::Upload)), esc(mbps(l.uploadMbps)), tierPill(l.uploadTier)}},
                  {1});
    QList<QStringList> rows;
    for (bool gateway : {true, false}) {
        const LegBufferbloat &leg = gateway ? b.gateway : b.internet;
        if (!leg.hasData() && leg.idle.count == 0)
            continue;
        rows << QStringList{esc(legTitle(gateway)), esc(ms(leg.idle.p50Ms)), esc(ms(leg.download.p50Ms)), esc(ms(leg.upload.p50Ms)),
                            esc(bloatDeltaText(leg)), leg.rpm ? esc(rpmText(*leg.rpm)) : QStringLiteral("—"),
                            leg.rating ? tierPill(leg.rating) : QStringLiteral("—")};
    }
    if (!rows.isEmpty()) {
        body += QStringLiteral("<h3>%1</h3>\n").arg(esc(tr("Bufferbloat")));
        body += table({tr("Pings to"), loadClassText(LoadClass::Idle), loadClassText(LoadClass::Download), loadClassText(LoadClass::Upload),
                       tr("Rise under load"), tr("Responsiveness"), tr("Rating")},
                      rows, {1, 2, 3, 5});
        body += QStringLiteral("<p>%1 %2</p>\n").arg(esc(queuePlaceText(b)),
                                                       b.rating ? esc(tr("Overall bufferbloat rating: %1.").arg(tierDisplayName(*b.rating))) : QString());
    }
    return section(QStringLiteral("load"), tr("Under load"), body);
}

// ---- loss bursts ----

QString burstsSection(const CaptureSnapshot &s)
{
    const auto &bursts = s.probes.bursts;
    if (bursts.empty())
        return section(QStringLiteral("bursts"), tr("Loss bursts"),
                       notMeasured(s.probes.series.empty() ? tr("Not measured: no probes in this capture.")
                                                           : tr("None: no run of %1 or more lost probes.").arg(kMinLossBurst)));
    QList<QStringList> rows;
    for (size_t i = 0; i < bursts.size() && int(i) < kMaxBurstRows; ++i) {
        const BurstRecord &r = bursts[i];
        rows << QStringList{esc(when(r.burst.startUtcUs)), esc(probeDisplayName(r.probe)), esc(r.target),
                            QString::number(r.burst.length),
                            esc(r.ongoing ? tr("%1 so far").arg(formatMs(r.burst.durationMs)) : formatMs(r.burst.durationMs)),
                            esc(formatMs(r.burst.cycleOffsetMs))};
    }
    QString body = QStringLiteral("<p>%1</p>\n").arg(esc((bursts.size() == 1 ? tr("1 burst of %2 or more consecutive lost probes.") : tr("%1 bursts of %2 or more consecutive lost probes.").arg(bursts.size())).arg(kMinLossBurst)));
    body += table({tr("Start (UTC)"), tr("Probe"), tr("Target"), tr("Probes lost"), tr("Duration"), tr("Into the 15 s cycle")}, rows, {3, 4, 5});
    if (int(bursts.size()) > kMaxBurstRows)
        body += QStringLiteral("<p class=\"dim\">%1</p>\n").arg(esc(tr("… and %1 more.").arg(bursts.size() - kMaxBurstRows)));
    return section(QStringLiteral("bursts"), tr("Loss bursts"), body);
}

// ---- capacity ----

QString capacitySection(const CaptureSnapshot &s)
{
    // The latest estimate with a figure, per target and direction.
    std::vector<const CapacityResult *> latest;
    for (auto it = s.capacity->results.rbegin(); it != s.capacity->results.rend(); ++it) {
        if (it->doubtful || !it->totalMbps)
            continue;
        const bool seen = std::any_of(latest.begin(), latest.end(), [&](const CapacityResult *r) {
            return r->target == it->target && r->direction == it->direction;
        });
        if (!seen)
            latest.push_back(&*it);
    }
    if (latest.empty())
        return section(QStringLiteral("capacity"), tr("Capacity"),
                       notMeasured(s.capacity->results.empty() ? tr("Not measured: no packet-train estimate in this capture.")
                                                               : tr("Not measured: every estimate was doubtful (too much cross traffic or loss).")));
    std::sort(latest.begin(), latest.end(), [](auto *a, auto *b) { return std::tie(a->target, a->direction) < std::tie(b->target, b->direction); });
    QList<QStringList> rows;
    for (const CapacityResult *r : latest) {
        const QString way = r->direction == CapacityDirection::Forward   ? tr("towards it")
                            : r->direction == CapacityDirection::Reverse ? tr("from it")
                                                                         : tr("round trip");
        rows << QStringList{esc(r->target), esc(way), esc(mbps(r->totalMbps)), esc(mbps(r->availableMbps)), esc(mbps(r->utilisedMbps)),
                            esc(when(r->utcUs))};
    }
    QString body = table({tr("Target"), tr("Direction"), tr("Total"), tr("Available"), tr("Utilised"), tr("Measured (UTC)")}, rows, {2, 3, 4});
    body += QStringLiteral("<p class=\"dim\">%1</p>\n")
                .arg(esc(tr("Total is the narrow link's capacity; utilised is what other traffic was using at the time; available is the difference.")));
    return section(QStringLiteral("capacity"), tr("Capacity"), body);
}

// ---- traces ----

// The staggered-label drawing, from the same layout and texts as the Path view. Text is measured
// for an 11 px sans font at about 6.6 px a character (an SVG cannot measure; the bound is generous).
QString traceSvg(const TraceResult &t)
{
    constexpr double kCharW = 6.6, kBoldW = 7.4, kLineH = 14, kPad = 5; // end boxes' first line is bold
    const auto blockSize = [&](const QStringList &lines, bool boldTitle) {
        double w = 0;
        for (int k = 0; k < lines.size(); ++k)
            w = std::max(w, double(lines[k].size()) * (boldTitle && k == 0 ? kBoldW : kCharW));
        return QSizeF(w + 2 * kPad, double(lines.size()) * kLineH + 2 * kPad);
    };
    PathLayoutInput in;
    in.width = kChartWidth;
    const QStringList source = traceSourceLines(t), destination = traceDestinationLines(t);
    in.sourceBox = blockSize(source, true);
    in.destinationBox = blockSize(destination, true);
    for (size_t i = 0; i < t.hops.size(); ++i)
        in.labelSizes.push_back(t.hops[i].silent() ? QSizeF() : blockSize(traceHopLabel(t, i).split(QLatin1Char('\n')), false));
    const PathLayout l = layoutPath(in);

    QString svg = svgOpen(kChartWidth, std::ceil(l.height), tr("Path to %1").arg(compactAddress(t.target)));
    const auto block = [&](const QRectF &r, const QStringList &lines, bool box) {
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"4\" fill=\"%5\" stroke=\"%6\"/>\n")
                   .arg(num(r.x()), num(r.y()), num(r.width()), num(r.height()), box ? QStringLiteral("#eef3f8") : QStringLiteral("#ffffff"),
                        box ? QStringLiteral("#6b8fb3") : QStringLiteral("#cccccc"));
        for (int k = 0; k < lines.size(); ++k)
            svg += QStringLiteral("<text x=\"%1\" y=\"%2\"%3>%4</text>\n")
                       .arg(num(r.x() + kPad), num(r.y() + kPad + kLineH * (k + 1) - 3),
                            box && k == 0 ? QStringLiteral(" font-weight=\"bold\"") : QString(), esc(lines[k]));
    };
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke=\"#555\" stroke-width=\"2\"/>\n")
               .arg(num(l.routeLine.x1()), num(l.routeLine.y1()), num(l.routeLine.x2()), num(l.routeLine.y2()));
    block(l.sourceBox, source, true);
    block(l.destinationBox, destination, true);
    for (size_t i = 0; i < t.hops.size(); ++i)
        if (l.labels[i])
            svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke=\"#999\"/>\n")
                       .arg(num(l.guides[i].x1()), num(l.guides[i].y1()), num(l.guides[i].x2()), num(l.guides[i].y2()));
    for (size_t i = 0; i < t.hops.size(); ++i) {
        const QPointF c = l.circles[i];
        const bool silent = t.hops[i].silent();
        svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"%3\" fill=\"%4\" stroke=\"#555\"%5/>\n")
                   .arg(num(c.x()), num(c.y()), num(l.radius), silent ? QStringLiteral("#ffffff") : QStringLiteral("#deebf7"),
                        silent ? QStringLiteral(" stroke-dasharray=\"3 2\"") : QString());
        if (l.radius >= 8)
            svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" font-size=\"9\">%3</text>\n")
                       .arg(num(c.x()), num(c.y() + 3), QString::number(t.hops[i].ttl));
        if (l.labels[i])
            block(*l.labels[i], traceHopLabel(t, i).split(QLatin1Char('\n')), false);
    }
    return svg + QStringLiteral("</svg>\n");
}

// The latest trace of each target (of each mesh agent and peer), newest first, each drawn.
QString traceDrawings(const std::vector<TraceResult> &newestFirst)
{
    QString body;
    QSet<QString> seen;
    int shown = 0;
    for (const TraceResult &t : newestFirst) {
        const QString key = t.tracedBy + QLatin1Char('|') + t.target;
        if (seen.contains(key) || shown >= kMaxTraces)
            continue;
        seen.insert(key);
        ++shown;
        int silent = 0;
        for (const TraceHop &h : t.hops)
            silent += h.silent() ? 1 : 0;
        const QString title = t.tracedBy.isEmpty() ? tr("Path to %1").arg(compactAddress(t.target)) : tr("Path from %1 to %2").arg(t.tracedBy, compactAddress(t.target));
        const QString hops = t.hops.size() == 1 ? tr("1 hop") : tr("%1 hops").arg(t.hops.size());
        body += QStringLiteral("<div class=\"trace\">\n<h3>%1</h3>\n<p class=\"dim\">%2</p>\n")
                    .arg(esc(title), esc(tr("%1 UTC · %2, %3 silent · %4")
                                             .arg(when(t.startedUtcUs), hops)
                                             .arg(silent)
                                             .arg(t.reached ? tr("reached") : tr("not reached"))));
        body += traceSvg(t) + QStringLiteral("</div>\n");
    }
    return body;
}

QString tracesSection(const CaptureSnapshot &s)
{
    if (s.traces.empty())
        return section(QStringLiteral("traces"), tr("Paths"), notMeasured(tr("Not measured: no trace in this capture.")));
    QString body = traceDrawings(s.traces);
    if (!s.routeChanges.empty())
        body += QStringLiteral("<p>%1</p>\n").arg(esc(tr("Route changes during the capture: %1.").arg(s.routeChanges.size())));
    return section(QStringLiteral("traces"), tr("Paths"), body);
}

// ---- Wi-Fi ----

QString wifiSection(const CaptureSnapshot &s)
{
    const WifiPicture &w = *s.wifi;
    if (w.empty())
        return section(QStringLiteral("wifi"), tr("Wi-Fi"), notMeasured(tr("Not measured: no Wi-Fi readings (a wired link, or the reader was off).")));
    QString body = QStringLiteral("<dl class=\"meta\">\n");
    const auto row = [&](const QString &k, const QString &v) { body += QStringLiteral("<dt>%1</dt><dd>%2</dd>\n").arg(esc(k), v); };
    if (w.latest) {
        row(tr("Interface"), esc(w.latest->iface));
        if (w.latest->connected && !w.latest->ssid.isEmpty())
            row(tr("Network"), esc(w.latest->ssid));
        row(tr("Link"), esc(wifiLinkLine(*w.latest)));
    }
    row(tr("Signal (median, last 10 minutes)"), w.rssiP50Dbm ? esc(formatDbm(*w.rssiP50Dbm)) + QLatin1Char(' ') + tierPill(w.tier) : esc(tr("not measured")));
    row(tr("Readings"), QString::number(w.samples.size()));
    body += QStringLiteral("</dl>\n");
    if (!w.events.empty()) {
        QList<QStringList> rows;
        for (size_t i = 0; i < w.events.size() && int(i) < kMaxWifiEvents; ++i)
            rows << QStringList{esc(when(w.events[i].utcUs)), esc(wifiEventMessage(w.events[i]))};
        body += table({tr("When (UTC)"), tr("Event")}, rows);
        if (int(w.events.size()) > kMaxWifiEvents)
            body += QStringLiteral("<p class=\"dim\">%1</p>\n").arg(esc(tr("… and %1 more.").arg(w.events.size() - kMaxWifiEvents)));
    }
    return section(QStringLiteral("wifi"), tr("Wi-Fi"), body);
}

// ---- mesh ----

QString meshSection(const CaptureSnapshot &s)
{
    if (s.mesh.empty())
        return section(QStringLiteral("mesh"), tr("Mesh"), notMeasured(tr("Not measured: no mesh agents in this capture.")));
    QList<QStringList> rows;
    for (const MeshCell &c : s.mesh) {
        const MeshResult &m = c.latest;
        rows << QStringList{esc(m.src), esc(m.dst), m.down() ? QStringLiteral("—") : esc(formatMs(c.rttEwmaMs > 0 ? c.rttEwmaMs : m.rttMs)),
                            esc(formatPercent(m.lossPct)), esc(mbps(c.capacityForwardMbps)), esc(meshStateDisplayName(c.state)),
                            QString::number(c.cycles)};
    }
    QString body = table({tr("From"), tr("To"), tr("Round trip (smoothed)"), tr("Loss"), tr("Capacity towards it"), tr("Against its best"), tr("Cycles")},
                               rows, {2, 3, 4, 6});
    if (!s.meshTraces.empty())
        body += QStringLiteral("<h3>%1</h3>\n").arg(esc(tr("Paths between agents"))) + traceDrawings(s.meshTraces);
    return section(QStringLiteral("mesh"), tr("Mesh"), body);
}

// ---- the capture ----

QString captureSection(const CaptureSnapshot &s)
{
    const CaptureInfo &c = s.capture;
    QString body = QStringLiteral("<dl class=\"meta\">\n");
    const auto row = [&](const QString &k, const QString &v) {
        if (!v.isEmpty())
            body += QStringLiteral("<dt>%1</dt><dd>%2</dd>\n").arg(esc(k), esc(v));
    };
    const auto metaValue = [&](const char *key) { return c.meta.value(QString::fromLatin1(key)); };
    row(tr("File"), c.path);
    row(tr("Capture ID"), metaValue(meta::kCaptureId));
    row(tr("Host"), metaValue(meta::kHost));
    row(tr("Operating system"), metaValue(meta::kOs));
    row(tr("Kernel"), metaValue(meta::kKernel));
    QStringList interfaces;
    for (const QJsonValue &v : QJsonDocument::fromJson(metaValue(meta::kInterfaces).toUtf8()).array())
        interfaces << (v.isObject() ? v.toObject().value(QStringLiteral("name")).toString() : v.toString());
    interfaces.removeAll(QString());
    row(tr("Interfaces"), interfaces.join(QStringLiteral(", ")));
    row(tr("Recorded by"), metaValue(meta::kAppVersion).isEmpty() ? QString() : tr("Pathlens %1").arg(metaValue(meta::kAppVersion)));
    const auto utc = [&](const char *key) { // as stored when it does not parse
        const QString text = metaValue(key);
        const auto ts = parseUtc(text);
        return ts ? when(*ts) : text;
    };
    row(tr("Started (UTC)"), utc(meta::kStartedUtc));
    row(tr("Ended (UTC)"), c.closed() ? utc(meta::kEndedUtc) : tr("still recording when this report was made"));
    if (c.span) {
        row(tr("First sample (UTC)"), when(c.span->first));
        row(tr("Last sample (UTC)"), when(c.span->second));
        row(tr("Duration"), formatDuration(double(c.span->second - c.span->first) / 1e6));
    }
    body += QStringLiteral("</dl>\n");
    QList<QStringList> rows;
    for (const auto &[table, n] : c.counts)
        if (n > 0)
            rows << QStringList{esc(tableDisplayName(table)), QString::number(n)};
    if (!rows.isEmpty())
        body += table({tr("Recorded"), tr("Rows")}, rows, {1});
    return section(QStringLiteral("capture"), tr("The capture"), body);
}

QString methodLine(const HtmlReportOptions &options)
{
    if (options.methodUrl.isEmpty())
        return esc(tr("How Pathlens measures and grades: see docs/methodology.md in the Pathlens documentation."));
    return esc(tr("How Pathlens measures and grades:")) + QStringLiteral(" <a href=\"%1\">%2</a>").arg(esc(options.methodUrl), esc(options.methodUrl));
}

} // namespace

QString renderReportHtml(const CaptureSnapshot &snapshot, const HtmlReportOptions &options)
{
    const CaptureSnapshot &s = snapshot;
    const QString host = s.capture.meta.value(QString::fromLatin1(meta::kHost));
    QString subtitle = host.isEmpty() ? QFileInfo(s.capture.path).fileName() : tr("%1 · %2").arg(host, QFileInfo(s.capture.path).fileName());
    if (s.capture.span)
        subtitle += tr(" · %1 to %2 UTC").arg(when(s.capture.span->first), when(s.capture.span->second));
    const QString sections = tiersSection(s) + bannersSection(s) + appsSection(s) + latencySection(s) + loadSection(s) + burstsSection(s) +
                             capacitySection(s) + tracesSection(s) + wifiSection(s) + meshSection(s) + captureSection(s);
    static const QString page = templateText(QStringLiteral("report.html"));
    static const QString style = templateText(QStringLiteral("report.css"));
    return fill(page, {{"title", esc(tr("Pathlens report"))},
                       {"style", style},
                       {"subtitle", esc(subtitle)},
                       {"verdict", verdictCard(s)},
                       {"sections", sections},
                       {"method", methodLine(options)}});
}

} // namespace pathlens::core
