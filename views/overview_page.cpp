// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and text of the Overview page.
#include "overview_page.h"

#include "core/units_format.h"
#include "empty_state_page.h"

#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace pathlens::views {

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent), m_capture(new QLabel(this)), m_events(new QListWidget(this)),
      m_verdict(new EmptyStatePage(pageInfo(Page::Overview), this))
{
    m_capture->setTextFormat(Qt::RichText);
    m_capture->setWordWrap(true);
    m_capture->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_capture->setText(tr("Opening capture…"));
    m_events->setObjectName(QStringLiteral("overviewEvents"));
    m_events->setMinimumHeight(80);
    m_events->setMaximumHeight(140);
    m_events->setToolTip(tr("The most recent events recorded in this capture"));

    auto *captureBox = new QGroupBox(tr("Capture"), this);
    auto *captureLayout = new QVBoxLayout(captureBox);
    captureLayout->addWidget(m_capture);
    captureLayout->addWidget(new QLabel(tr("Recent events"), captureBox));
    captureLayout->addWidget(m_events);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict, 1);
    layout->addWidget(captureBox, 0);
}

void OverviewPage::showSummary(const QJsonObject &summary, bool live)
{
    const QJsonObject cap = summary.value(QStringLiteral("capture")).toObject();
    const QJsonObject counts = summary.value(QStringLiteral("counts")).toObject();
    qint64 total = 0;
    QStringList parts;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        const qint64 n = qint64(it.value().toDouble());
        total += n;
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(QLocale().toString(n), it.key());
    }
    auto field = [&](const char *key) { return cap.value(QLatin1String(key)).toString().toHtmlEscaped(); };
    const QString span = cap.value(QStringLiteral("first_sample_utc")).isNull()
                             ? tr("no samples yet")
                             : tr("%1 → %2 UTC (%3)").arg(field("first_sample_utc"), field("last_sample_utc"),
                                                         core::formatDuration(cap.value(QStringLiteral("duration_s")).toDouble()));
    m_capture->setText(tr("<b>%1</b> %2<br>Host <b>%3</b> · %4 · Pathlens %5<br>%6<br>%7 rows%8")
                           .arg(live ? tr("Live, recording to") : tr("Offline review of"), field("path"), field("host"),
                                field("os"), field("app_version"), span, QLocale().toString(total),
                                parts.isEmpty() ? QString() : QStringLiteral(": ") + parts.join(QStringLiteral(", ")).toHtmlEscaped()));
    m_events->clear();
    const QJsonArray events = summary.value(QStringLiteral("events")).toArray();
    for (auto it = events.end(); it != events.begin();) {
        const QJsonObject e = (--it)->toObject();
        m_events->addItem(QStringLiteral("%1  %2  %3").arg(e.value(QStringLiteral("utc")).toString(),
                                                           e.value(QStringLiteral("kind")).toString(),
                                                           e.value(QStringLiteral("message")).toString()));
    }
}

QString OverviewPage::captureText() const
{
    return m_capture->text();
}

} // namespace pathlens::views
