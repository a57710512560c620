// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and text of the Overview page.
#include "views/passive/overview_page.h"

#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "views/fleet/fleet_page.h"
#include "views/shell/empty_state_page.h"
#include "views/passive/timeline_strip.h"
#include "views/passive/verdict_card.h"

#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pathlens::views {

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent), m_fleetBand(new QLabel(this)), m_capture(new QLabel(this)), m_events(new QListWidget(this)),
      m_verdictStack(new QStackedWidget(this)), m_card(new VerdictCard(this)), m_timeline(new TimelineStrip(this))
{
    auto *verdict = new QWidget(this);
    auto *verdictLayout = new QVBoxLayout(verdict);
    verdictLayout->addWidget(m_card);
    verdictLayout->addSpacing(12);
    verdictLayout->addWidget(new QLabel(tr("Last 24 hours (UTC), 5-minute buckets — hover for details"), verdict));
    verdictLayout->addWidget(m_timeline);
    m_verdictStack->addWidget(new EmptyStatePage(pageInfo(Page::Overview), this));
    m_verdictStack->addWidget(verdict);

    m_capture->setTextFormat(Qt::RichText);
    m_capture->setWordWrap(true);
    m_capture->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_capture->setText(tr("Opening capture…"));
    m_events->setObjectName(QStringLiteral("overviewEvents"));
    m_events->setMinimumHeight(80);
    m_events->setWordWrap(true); // long messages (collector status, path changes) stay readable
    m_events->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_events->setToolTip(tr("The most recent events recorded in this capture"));

    auto *captureBox = new QGroupBox(tr("Capture"), this);
    auto *captureLayout = new QVBoxLayout(captureBox);
    captureLayout->addWidget(m_capture);
    captureLayout->addWidget(new QLabel(tr("Recent events"), captureBox));
    captureLayout->addWidget(m_events);

    // With a fleet bus, the fleet's band tops the page (SPEC §1); hidden otherwise.
    m_fleetBand->setObjectName(QStringLiteral("overviewFleetBand"));
    m_fleetBand->setTextFormat(Qt::RichText);
    m_fleetBand->setToolTip(tr("The fleet's devices by their own verdicts; details on the Fleet page (Ctrl+7)"));
    QFont bandFont = m_fleetBand->font();
    bandFont.setBold(true);
    bandFont.setPointSizeF(bandFont.pointSizeF() * 1.2);
    m_fleetBand->setFont(bandFont);
    m_fleetBand->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_fleetBand, 0);
    layout->addWidget(m_verdictStack, 0);
    layout->addWidget(captureBox, 1); // the event list takes the room the verdict does not need
}

void OverviewPage::showSnapshot(const core::CaptureSnapshot &snapshot)
{
    const core::CaptureInfo &cap = snapshot.capture;
    qint64 total = 0;
    QStringList parts;
    for (const auto &[table, n] : cap.counts) {
        total += n;
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(QLocale().toString(n), core::tableDisplayName(table));
    }
    auto field = [&](const char *key) { return cap.meta.value(QLatin1String(key)).toHtmlEscaped(); };
    const QString span = !cap.span ? tr("no samples yet")
                                   : tr("%1 → %2 UTC (%3)").arg(core::formatUtcMs(cap.span->first), core::formatUtcMs(cap.span->second),
                                                               core::formatDuration(double(cap.span->second - cap.span->first) / 1e6));
    QStringList origin;
    if (!field("host").isEmpty())
        origin << tr("Host <b>%1</b>").arg(field("host"));
    if (!field("os").isEmpty())
        origin << field("os");
    if (!field("app_version").isEmpty())
        origin << tr("Pathlens %1").arg(field("app_version"));
    const QString state = snapshot.live ? (cap.closed() ? tr("Live capture, now closed:") : tr("Live, recording to"))
                                        : tr("Offline review of");
    m_capture->setText(tr("<b>%1</b> %2<br>%3<br>%4<br>%5 rows%6")
                           .arg(state, cap.path.toHtmlEscaped(),
                                origin.isEmpty() ? tr("Origin unknown") : origin.join(QStringLiteral(" · ")), span,
                                QLocale().toString(total),
                                parts.isEmpty() ? QString() : QStringLiteral(": ") + parts.join(QStringLiteral(", ")).toHtmlEscaped()));
    m_events->clear();
    for (auto it = snapshot.events.rbegin(); it != snapshot.events.rend(); ++it) // newest on top
        m_events->addItem(QStringLiteral("%1  %2  %3").arg(core::formatUtcMs(it->utcUs), core::eventKindDisplayName(it->kind), it->message));
    m_card->setVerdict(snapshot.passive.verdict);
    m_timeline->setBuckets(snapshot.passive.timeline);
    m_verdictStack->setCurrentIndex(snapshot.passive.sessions.empty() ? 0 : 1);
    m_fleetBand->setVisible(!snapshot.fleet.empty());
    if (!snapshot.fleet.empty())
        m_fleetBand->setText(fleetBandHtml(snapshot.fleet));
}

QString OverviewPage::fleetBandText() const
{
    return m_fleetBand->isHidden() ? QString() : m_fleetBand->text();
}

bool OverviewPage::showsVerdict() const
{
    return m_verdictStack->currentIndex() == 1;
}

QString OverviewPage::captureText() const
{
    return m_capture->text();
}

} // namespace pathlens::views
