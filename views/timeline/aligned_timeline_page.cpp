// SPDX-License-Identifier: GPL-3.0-or-later
// The Timeline page's layout, callout list and dump.
#include "views/timeline/aligned_timeline_page.h"

#include "core/base/time_utc.h"
#include "views/common/time_ticks.h"
#include "views/shell/empty_state_page.h"
#include "views/timeline/aligned_timeline_chart.h"
#include "views/timeline/aligned_timeline_rows.h"
#include "views/timeline/callout_style.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
const char *rowId(TimelineRow row)
{
    switch (row) {
    case TimelineRow::Grades: return "grades";
    case TimelineRow::GatewayRtt: return "gateway_rtt";
    case TimelineRow::InternetRtt: return "internet_rtt";
    case TimelineRow::WifiSignal: return "wifi_signal";
    case TimelineRow::WifiRate: return "wifi_rate";
    case TimelineRow::Events: return "events";
    }
    return "";
}

const char *eventKindId(TimelineEventKind k)
{
    switch (k) {
    case TimelineEventKind::LossBurst: return "loss_burst";
    case TimelineEventKind::RouteChange: return "route_change";
    case TimelineEventKind::Wifi: return "wifi";
    }
    return "";
}
} // namespace

AlignedTimelinePage::AlignedTimelinePage(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_empty(new EmptyStatePage(pageInfo(Page::Timeline), this)),
      m_chart(new AlignedTimelineChart(this)), m_window(new QLabel(this)), m_calloutsTitle(new QLabel(tr("Where the rows coincide"), this)),
      m_callouts(new QListWidget(this))
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    m_window->setObjectName(QStringLiteral("timelineWindow"));
    m_window->setToolTip(tr("The span every row shows"));
    bar->addWidget(m_window, 1);
    auto button = [&](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, m_chart, slot);
        bar->addWidget(b);
        return b;
    };
    button(tr("Zoom in"), tr("Half the span, about the crosshair or the centre (+ or the mouse wheel)"), &AlignedTimelineChart::zoomIn);
    button(tr("Zoom out"), tr("Twice the span (−)"), &AlignedTimelineChart::zoomOut);
    button(tr("Whole capture"), tr("Show the capture from its first to its last measurement (Home)"), &AlignedTimelineChart::showAll);

    QFont bold = m_calloutsTitle->font();
    bold.setBold(true);
    m_calloutsTitle->setFont(bold);
    m_calloutsTitle->setToolTip(tr("Each latency rise, read against the gateway, the Wi-Fi radio and the route over the same "
                                   "minutes. Click one to zoom to it."));
    m_callouts->setObjectName(QStringLiteral("timelineCallouts"));
    m_callouts->setWordWrap(true);
    m_callouts->setSpacing(2);
    m_callouts->setTextElideMode(Qt::ElideNone);
    connect(m_callouts, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_chart->zoomToCallout(size_t(m_callouts->row(item)));
    });
    connect(m_callouts, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        m_chart->zoomToCallout(size_t(m_callouts->row(item)));
    });
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_calloutsTitle);
    sideLayout->addWidget(m_callouts, 1);
    side->setMinimumWidth(220);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_chart);
    split->addWidget(side);
    // The rows are what the page is for: three parts of the width, the callouts one.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(bar);
    contentLayout->addWidget(split, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);
    connect(m_chart, &AlignedTimelineChart::windowChanged, this, &AlignedTimelinePage::updateWindowLabel);
}

void AlignedTimelinePage::showSnapshot(const core::CaptureSnapshot &snapshot)
{
    AlignedTimelineData data = alignedTimelineData(snapshot);
    m_stack->setCurrentIndex(data.empty() ? 0 : 1);
    // The list is rebuilt only when the callouts changed, so a live update keeps the selection.
    QStringList shown;
    for (const core::TimelineCallout &c : data.callouts)
        shown << QStringLiteral("%1 — %2").arg(core::calloutCauseName(c.cause), c.text) + QChar(0) + c.evidence;
    if (shown != m_shownCallouts || m_callouts->count() == 0) {
        m_shownCallouts = shown;
        m_callouts->clear();
        for (const core::TimelineCallout &c : data.callouts) {
            auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(core::calloutCauseName(c.cause), c.text), m_callouts);
            item->setForeground(calloutColor(c.cause));
            item->setToolTip(c.evidence.isEmpty() ? c.text : c.text + QStringLiteral("\n") + c.evidence);
        }
        if (data.callouts.empty()) {
            auto *item = new QListWidgetItem(tr("Nothing coincides: latency stayed near its baseline."), m_callouts);
            item->setFlags(Qt::NoItemFlags);
        }
    }
    // Another capture (a file opened, back to live) starts on its whole span, not the last one's zoom.
    const bool otherCapture = snapshot.sourceId != m_sourceId;
    m_sourceId = snapshot.sourceId;
    m_chart->setData(std::move(data));
    if (otherCapture)
        m_chart->showAll();
}

void AlignedTimelinePage::updateWindowLabel()
{
    const TimelineViewport &v = m_chart->viewport();
    if (m_chart->data().empty()) {
        m_window->clear();
        return;
    }
    m_window->setText(tr("%1 – %2 UTC%3")
                          .arg(timeOfDay(v.from()), timeOfDay(v.to()),
                               v.showsAll() ? tr(" · the whole capture") : tr(" · zoomed: Home shows all")));
}

QJsonObject AlignedTimelinePage::dump() const
{
    const AlignedTimelineData &d = m_chart->data();
    const TimelineViewport &v = m_chart->viewport();
    QJsonObject out;
    out[QStringLiteral("from")] = d.empty() ? QString() : core::formatUtcMs(v.from());
    out[QStringLiteral("to")] = d.empty() ? QString() : core::formatUtcMs(v.to());
    QJsonArray lanes;
    for (const TimelineGradeLane &lane : d.lanes) {
        int graded = 0;
        for (const core::TimelineBucket &b : lane.buckets)
            graded += b.grade != core::Grade::Ungraded;
        lanes.append(QJsonObject{{QStringLiteral("name"), lane.name}, {QStringLiteral("graded_buckets"), graded}});
    }
    out[QStringLiteral("lanes")] = lanes;
    out[QStringLiteral("gateway")] = d.gateway() ? d.gateway()->label() : QString();
    out[QStringLiteral("internet")] = d.internet() ? d.internet()->label() : QString();
    out[QStringLiteral("wifi_readings")] = qint64(d.wifi->samples.size());
    QJsonArray rows;
    const AlignedTimelineInput in = alignedTimelineInput(d, v.from(), v.to(), QSizeF(m_chart->size()));
    for (const TimelineRowSpec &r : in.rows)
        rows.append(QJsonObject{{QStringLiteral("row"), QString::fromLatin1(rowId(r.row))},
                                {QStringLiteral("has_data"), r.hasData},
                                {QStringLiteral("empty_text"), r.hasData ? QString() : r.emptyText}});
    out[QStringLiteral("rows")] = rows;
    QJsonArray events;
    for (const TimelineEvent &e : d.events)
        events.append(QJsonObject{{QStringLiteral("utc"), core::formatUtcMs(e.utcUs)},
                                  {QStringLiteral("kind"), QString::fromLatin1(eventKindId(e.kind))},
                                  {QStringLiteral("label"), e.label}});
    out[QStringLiteral("events")] = events;
    QJsonArray callouts;
    for (const core::TimelineCallout &c : d.callouts)
        callouts.append(QJsonObject{{QStringLiteral("start"), core::formatUtcMs(c.startUtcUs)},
                                    {QStringLiteral("end"), core::formatUtcMs(c.endUtcUs)},
                                    {QStringLiteral("cause"), core::calloutCauseName(c.cause)},
                                    {QStringLiteral("text"), c.text}});
    out[QStringLiteral("callouts")] = callouts;
    return out;
}

} // namespace pathlens::views
