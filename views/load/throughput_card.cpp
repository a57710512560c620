// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and texts of the throughput card.
#include "views/load/throughput_card.h"

#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "views/common/tier_style.h"
#include "core/load/load_text.h"
#include "views/trains/capacity_text.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace pathlens::views {

ThroughputCard::ThroughputCard(QWidget *parent) : QFrame(parent), m_footer(new QLabel(this))
{
    setObjectName(QStringLiteral("throughputCard"));
    setFrameShape(QFrame::StyledPanel);
    const std::array<QString, FigureCount> captions{tr("Download"), tr("Upload"), tr("Bufferbloat"), tr("Responsiveness")};
    const std::array<QString, FigureCount> help{core::throughputHelp(), core::throughputHelp(), core::bufferbloatHelp(), core::rpmHelp()};
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(6);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    for (int f = 0; f < FigureCount; ++f) {
        m_captions[size_t(f)] = new QLabel(captions[size_t(f)], this);
        m_values[size_t(f)] = new QLabel(QStringLiteral("—"), this);
        m_values[size_t(f)]->setObjectName(QStringLiteral("loadFigure%1").arg(f));
        m_values[size_t(f)]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_pills[size_t(f)] = new QLabel(this);
        m_pills[size_t(f)]->setObjectName(QStringLiteral("loadTier%1").arg(f));
        for (QLabel *label : {m_captions[size_t(f)], m_values[size_t(f)], m_pills[size_t(f)]})
            label->setToolTip(help[size_t(f)]);
        if (f <= Upload)
            m_values[size_t(f)]->setFont(big); // the two figures people quote read first
        grid->addWidget(m_captions[size_t(f)], f, 0);
        grid->addWidget(m_values[size_t(f)], f, 1);
        grid->addWidget(m_pills[size_t(f)], f, 2, Qt::AlignLeft | Qt::AlignVCenter);
    }
    grid->setColumnStretch(3, 1);
    m_footer->setWordWrap(true);
    m_footer->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_footer);
    layout->addStretch(1);
    showPicture({});
}

void ThroughputCard::showPicture(const core::LoadPicture &picture)
{
    auto setPill = [this](Figure f, const std::optional<core::Tier> &tier) {
        QLabel *pill = m_pills[size_t(f)];
        pill->setVisible(tier.has_value());
        pill->setText(tier ? core::tierDisplayName(*tier) : QString());
        pill->setStyleSheet(tier ? tierPillStyleSheet(*tier) : QString());
    };
    m_values[Download]->setText(mbpsText(picture.downloadMbps));
    setPill(Download, picture.downloadTier);
    m_values[Upload]->setText(mbpsText(picture.uploadMbps));
    setPill(Upload, picture.uploadTier);

    // The worse leg's worse rise, and the internet leg's RPM (what applications feel).
    const core::BufferbloatSplit &split = picture.bufferbloat;
    std::optional<double> worst;
    for (const core::LegBufferbloat *leg : {&split.gateway, &split.internet})
        for (const std::optional<double> &d : {leg->downloadDeltaMs, leg->uploadDeltaMs})
            if (d)
                worst = std::max(worst.value_or(*d), *d);
    m_values[Bufferbloat]->setText(worst ? (*worst < 0 ? QString(QChar(0x2212)) : QStringLiteral("+")) + core::formatMs(std::abs(*worst))
                                         : QStringLiteral("—"));
    setPill(Bufferbloat, split.rating);
    m_values[Responsiveness]->setText(split.rpm ? core::rpmText(*split.rpm) : QStringLiteral("—"));
    setPill(Responsiveness, std::nullopt);

    int measured = 0;
    qint64 bytes = 0;
    for (const core::ThroughputResult &r : picture.results) {
        measured += r.mbps && !r.calibration ? 1 : 0;
        bytes += r.bytes;
    }
    if (picture.results.empty())
        m_footer->setText(tr("No throughput test in this capture yet."));
    else
        m_footer->setText(tr("%n tests", nullptr, measured) +
                          tr(" (medians of the last 5 each way) · %1 moved in all · latest %2")
                              .arg(core::formatBytes(bytes), utcDateTimeText(picture.results.back().startUs)));
    keepFiguresReadable();
}

void ThroughputCard::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    keepFiguresReadable();
}

void ThroughputCard::keepFiguresReadable()
{
    // As the Capacity page's card: a layout asks wrapped labels for their height only when it lays
    // them out, so the card claims it as its minimum (it depends on the width alone and settles at once).
    if (layout() && layout()->hasHeightForWidth())
        setMinimumHeight(layout()->totalHeightForWidth(width()));
}

QString ThroughputCard::figureText(Figure figure) const
{
    return m_values[size_t(figure)]->text();
}

QString ThroughputCard::pillText(Figure figure) const
{
    return m_pills[size_t(figure)]->isHidden() ? QString() : m_pills[size_t(figure)]->text();
}

QString ThroughputCard::footerText() const
{
    return m_footer->text();
}

} // namespace pathlens::views
