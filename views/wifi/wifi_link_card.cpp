// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and texts of the Wi-Fi link card.
#include "views/wifi/wifi_link_card.h"

#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "core/wifi/wifi_link_text.h"
#include "views/common/tier_style.h"
#include "views/trains/capacity_text.h"
#include "views/wifi/wifi_text.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
constexpr int kRowsPerColumn = 4; // two columns of four figures: the card stays short on a 768-line screen
}

WifiLinkCard::WifiLinkCard(QWidget *parent)
    : QFrame(parent), m_link(new QLabel(this)), m_pill(new QLabel(this)), m_reason(new QLabel(this)), m_footer(new QLabel(this))
{
    setObjectName(QStringLiteral("wifiLinkCard"));
    setFrameShape(QFrame::StyledPanel);
    QFont big = m_link->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_link->setObjectName(QStringLiteral("wifiLinkLine"));
    m_link->setFont(big);
    m_link->setWordWrap(true);
    m_link->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_link->setToolTip(wifiLinkHelp());

    const std::array<QString, FigureCount> captions{tr("Network"), tr("Access point"), tr("Signal now"),
                                                    tr("Signal, 10-min median"), tr("Noise floor"), tr("SNR"),
                                                    tr("Rate (PHY)"), tr("Ceiling")};
    const std::array<QString, FigureCount> help{wifiNetworkHelp(), wifiNetworkHelp(), wifiSignalHelp(), wifiSignalMedianHelp(),
                                                wifiNoiseHelp(),   wifiSnrHelp(),     wifiRateHelp(),   wifiCeilingHelp()};
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(4);
    for (int f = 0; f < FigureCount; ++f) {
        m_captions[size_t(f)] = new QLabel(captions[size_t(f)], this);
        m_captions[size_t(f)]->setForegroundRole(QPalette::PlaceholderText);
        m_values[size_t(f)] = new QLabel(QStringLiteral("—"), this);
        m_values[size_t(f)]->setObjectName(QStringLiteral("wifiFigure%1").arg(f));
        m_values[size_t(f)]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        for (QLabel *label : {m_captions[size_t(f)], m_values[size_t(f)]})
            label->setToolTip(help[size_t(f)]);
        const int row = f % kRowsPerColumn, column = f / kRowsPerColumn * 3;
        grid->addWidget(m_captions[size_t(f)], row, column);
        if (f == SignalMedian) { // the tier's pill right after the figure it rates
            auto *withPill = new QHBoxLayout;
            withPill->setContentsMargins(0, 0, 0, 0);
            withPill->setSpacing(8);
            withPill->addWidget(m_values[size_t(f)]);
            withPill->addWidget(m_pill);
            withPill->addStretch(1);
            grid->addLayout(withPill, row, column + 1);
        } else {
            grid->addWidget(m_values[size_t(f)], row, column + 1);
        }
    }
    grid->setColumnMinimumWidth(2, 40); // between the two columns of figures
    grid->setColumnStretch(5, 1);       // both packed to the left: on a wide screen the eye need not cross it
    m_pill->setObjectName(QStringLiteral("wifiTier"));
    m_pill->setToolTip(wifiSignalMedianHelp());
    m_reason->setObjectName(QStringLiteral("wifiCeilingReason"));
    m_reason->setWordWrap(true);
    m_reason->setToolTip(wifiCeilingHelp());
    m_footer->setWordWrap(true);
    m_footer->setForegroundRole(QPalette::PlaceholderText);
    m_footer->setToolTip(tr("One reading every 10 s while the Wi-Fi collector runs"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_link);
    layout->addLayout(grid);
    layout->addWidget(m_reason);
    layout->addWidget(m_footer);
    showPicture({});
}

void WifiLinkCard::showPicture(const core::WifiPicture &picture)
{
    const std::optional<core::WifiSample> &latest = picture.latest;
    const bool connected = latest && latest->connected;
    m_link->setText(latest ? core::wifiLinkLine(*latest) : tr("No Wi-Fi reading"));
    auto set = [this](Figure f, const QString &text) { m_values[size_t(f)]->setText(text.isEmpty() ? QStringLiteral("—") : text); };
    set(Network, connected ? latest->ssid : QString());
    set(AccessPoint, connected ? latest->bssid : QString());
    set(SignalNow, connected ? dbmText(latest->rssiDbm) : QString());
    set(SignalMedian, picture.rssiP50Dbm ? core::formatDbm(*picture.rssiP50Dbm) : QString());
    set(Noise, connected ? dbmText(latest->noiseDbm) : QString());
    set(Snr, connected ? dbText(latest->snrDb()) : QString());
    set(Rate, connected && (latest->tx.mbps || latest->rx.mbps)
                  ? tr("TX %1 · RX %2").arg(wifiRateText(latest->tx.mbps), wifiRateText(latest->rx.mbps))
                  : QString());

    m_pill->setVisible(picture.tier.has_value());
    m_pill->setText(picture.tier ? core::tierDisplayName(*picture.tier) : QString());
    m_pill->setStyleSheet(picture.tier ? tierPillStyleSheet(*picture.tier) : QString());

    core::WifiCeiling ceiling;
    if (connected)
        ceiling = core::wifiCeiling(*latest);
    // The figure is the PHY's top rate; the reason says what TCP can expect near it, and why.
    set(Ceiling, ceiling.phyMaxMbps ? tr("%1 (PHY)").arg(wifiRateText(ceiling.phyMaxMbps)) : QString());
    m_reason->setText(ceiling.reason);
    m_reason->setVisible(!ceiling.reason.isEmpty());

    if (!latest)
        m_footer->setText(tr("No Wi-Fi reading in this capture."));
    else
        m_footer->setText(tr("%n readings", nullptr, int(picture.samples.size())) +
                          tr(" · latest %1 · %2").arg(utcDateTimeText(latest->utcUs), latest->iface));
    keepFiguresReadable();
}

void WifiLinkCard::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    keepFiguresReadable();
}

void WifiLinkCard::keepFiguresReadable()
{
    // As the Under load page's card: a layout asks wrapped labels for their height only when it lays
    // them out, so the card claims it as its minimum (it depends on the width alone and settles at once).
    if (layout() && layout()->hasHeightForWidth())
        setMinimumHeight(layout()->totalHeightForWidth(width()));
}

QString WifiLinkCard::linkText() const
{
    return m_link->text();
}

QString WifiLinkCard::figureText(Figure figure) const
{
    return m_values[size_t(figure)]->text();
}

QString WifiLinkCard::pillText() const
{
    return m_pill->isHidden() ? QString() : m_pill->text();
}

QString WifiLinkCard::reasonText() const
{
    return m_reason->isHidden() ? QString() : m_reason->text();
}

QString WifiLinkCard::footerText() const
{
    return m_footer->text();
}

} // namespace pathlens::views
