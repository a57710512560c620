// SPDX-License-Identifier: GPL-3.0-or-later
// Collector chips: green running, amber starting/restarting, grey stopped/unsupported/idle.
#include "views/shell/collector_status_bar.h"

#include "core/report/display_names.h"

#include <QHBoxLayout>
#include <QLabel>

namespace pathlens::views {

CollectorStatusBar::CollectorStatusBar(QWidget *parent) : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(12);
}

void CollectorStatusBar::setStatus(const core::CollectorStatus &status)
{
    QLabel *chip = m_chips.value(status.name);
    if (!chip) {
        chip = new QLabel(this);
        chip->setObjectName(QStringLiteral("collector_%1").arg(status.name));
        m_layout->addWidget(chip);
        m_chips.insert(status.name, chip);
    }
    QString colour;
    switch (status.state) {
    case core::CollectorState::Running:
        colour = QStringLiteral("#2e7d32");
        break;
    case core::CollectorState::Starting:
    case core::CollectorState::Restarting:
        colour = QStringLiteral("#ef6c00");
        break;
    case core::CollectorState::Stopped:
    case core::CollectorState::Unsupported:
    case core::CollectorState::Idle: // nothing to measure here: not a problem, but nothing measured
        colour = QStringLiteral("#757575");
        break;
    }
    const QString name = core::collectorDisplayName(status.name);
    // Idle says what the collector found ("Wi-Fi: no Wi-Fi interface"), not a bare state word.
    const QString state = status.state == core::CollectorState::Idle && !status.note.isEmpty()
        ? status.note : core::collectorStateName(status.state);
    chip->setText(QStringLiteral("<span style='color:%1'>●</span> %2: %3").arg(colour, name.toHtmlEscaped(), state.toHtmlEscaped()));
    QString tip = tr("%1: started %2 time(s), restarted %3 time(s) after a failure").arg(name).arg(status.runId).arg(status.restarts);
    if (!status.message.isEmpty())
        tip += QStringLiteral("\n") + status.message;
    chip->setToolTip(tip);
}

void CollectorStatusBar::clear()
{
    qDeleteAll(m_chips);
    m_chips.clear();
}

QString CollectorStatusBar::chipText(const QString &collector) const
{
    const QLabel *chip = m_chips.value(collector);
    return chip ? chip->text() : QString();
}

} // namespace pathlens::views
