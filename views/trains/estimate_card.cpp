// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and texts of the latest-estimate card.
#include "views/trains/estimate_card.h"

#include "core/base/units_format.h"
#include "core/trains/hop_diagnosis.h"
#include "views/trains/capacity_text.h"

#include <QGridLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace pathlens::views {

EstimateCard::EstimateCard(QWidget *parent)
    : QFrame(parent), m_header(new QLabel(this)), m_subheader(new QLabel(this)), m_doubtful(new QLabel(this)),
      m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("estimateCard"));
    setFrameShape(QFrame::StyledPanel);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_header->setWordWrap(true);
    m_subheader->setWordWrap(true);
    m_subheader->setForegroundRole(QPalette::PlaceholderText);
    m_doubtful->setObjectName(QStringLiteral("doubtfulBanner"));
    m_doubtful->setWordWrap(true);
    m_doubtful->setTextFormat(Qt::RichText);
    m_doubtful->setToolTip(doubtfulHelp());
    m_doubtful->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; border: 1px solid #e6ab02; "
                                             "border-radius: 4px; padding: 4px; }"));
    m_doubtful->hide();
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();

    const std::array<QString, FigureCount> captions{tr("Total capacity"), tr("Available"), tr("Utilised"),
                                                    tr("Latency"),       tr("Data loss"), tr("Data jitter"),
                                                    tr("Voice MOS"),     tr("Voice loss · jitter"), tr("Test traffic")};
    const std::array<QString, FigureCount> help{totalCapacityHelp(), availableCapacityHelp(), utilisedCapacityHelp(),
                                                trainLatencyHelp(),  dataLossHelp(),          dataJitterHelp(),
                                                voiceMosHelp(),      voiceLossJitterHelp(),   testTrafficHelp()};
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(3);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    for (int f = 0; f < FigureCount; ++f) {
        m_captions[size_t(f)] = new QLabel(captions[size_t(f)], this);
        m_values[size_t(f)] = new QLabel(QStringLiteral("—"), this);
        m_values[size_t(f)]->setObjectName(QStringLiteral("figure%1").arg(f));
        m_values[size_t(f)]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        for (QLabel *label : {m_captions[size_t(f)], m_values[size_t(f)]})
            label->setToolTip(help[size_t(f)]);
        if (f <= Utilised)
            m_values[size_t(f)]->setFont(big); // the three capacity figures read first
        grid->addWidget(m_captions[size_t(f)], f, 0);
        grid->addWidget(m_values[size_t(f)], f, 1);
    }
    grid->setColumnStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_subheader);
    layout->addWidget(m_doubtful);
    layout->addLayout(grid);
    layout->addWidget(m_note);
    layout->addStretch(1);
    showEstimate(nullptr);
}

void EstimateCard::showEstimate(const core::CapacityResult *latest)
{
    if (!latest) {
        m_header->setText(tr("No estimate of this path yet"));
        m_subheader->clear();
        m_doubtful->hide();
        m_note->hide();
        for (QLabel *value : m_values)
            value->setText(QStringLiteral("—"));
        keepFiguresReadable();
        return;
    }
    const core::CapacityResult &r = *latest;
    m_header->setText(tr("Latest estimate, %1").arg(capacityPhaseText(r.phase)));
    m_subheader->setText(tr("%1\n%2 · DSCP %3").arg(utcDateTimeText(r.utcUs), capacityModeText(r.mode), core::dscpName(r.dscp)));

    const QString doubtful = tr("Doubtful");
    m_values[Total]->setText(r.doubtful ? doubtful : mbpsText(r.totalMbps));
    m_values[Available]->setText(r.doubtful ? doubtful : mbpsText(r.availableMbps));
    m_values[Utilised]->setText(r.doubtful ? doubtful : mbpsText(r.utilisedMbps));
    for (Figure f : {Total, Available, Utilised})
        m_values[f]->setForegroundRole(r.doubtful ? QPalette::PlaceholderText : QPalette::WindowText);
    m_doubtful->setVisible(r.doubtful);
    m_doubtful->setText(r.doubtful ? tr("<b>Doubtful</b> — %1").arg(r.reason.toHtmlEscaped()) : QString());
    m_note->setVisible(!r.doubtful && !r.reason.isEmpty());
    m_note->setText(!r.doubtful && !r.reason.isEmpty() ? tr("Note: %1").arg(r.reason) : QString());

    m_values[Latency]->setText(msText(r.latencyMs));
    m_values[DataLoss]->setText(core::formatPercent(r.lossPct));
    m_values[DataJitter]->setText(msText(r.jitterMs));
    if (r.voiceMos)
        m_values[VoiceMos]->setText(r.codec.isEmpty() ? mosText(*r.voiceMos) : tr("%1 (%2)").arg(mosText(*r.voiceMos), r.codec));
    else
        m_values[VoiceMos]->setText(r.codec.isEmpty() ? tr("— (no voice train)") : QStringLiteral("—"));
    m_values[VoiceLossJitter]->setText(r.voiceLossPct || r.voiceJitterMs
                                           ? QStringLiteral("%1 · %2").arg(percentText(r.voiceLossPct), msText(r.voiceJitterMs))
                                           : QStringLiteral("—"));
    m_values[Traffic]->setText(tr("%n packets", nullptr, r.packets) + QStringLiteral(" · ") + core::formatBytes(r.bytes));
    keepFiguresReadable();
}

void EstimateCard::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    keepFiguresReadable();
}

void EstimateCard::keepFiguresReadable()
{
    // A layout asks wrapped labels for their height only when it lays them out; the splitter above
    // would squeeze the card below that, so the card claims it as its minimum (it depends on the
    // width alone, so this settles at once).
    if (layout() && layout()->hasHeightForWidth())
        setMinimumHeight(layout()->totalHeightForWidth(width()));
}

QString EstimateCard::figureText(Figure figure) const
{
    return m_values[size_t(figure)]->text();
}

QString EstimateCard::captionText(Figure figure) const
{
    return m_captions[size_t(figure)]->text();
}

QString EstimateCard::headerText() const
{
    return m_header->text() + QLatin1Char('\n') + m_subheader->text();
}

QString EstimateCard::doubtfulText() const
{
    if (m_doubtful->isHidden())
        return {};
    QString plain = m_doubtful->text();
    return plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
}

QString EstimateCard::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

} // namespace pathlens::views
