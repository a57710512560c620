// SPDX-License-Identifier: GPL-3.0-or-later
// Wi-Fi page layout, and what it dumps.
#include "views/wifi/wifi_page.h"

#include "core/base/json_value.h"
#include "core/base/time_utc.h"
#include "core/wifi/wifi_link_text.h"
#include "views/shell/empty_state_page.h"
#include "views/wifi/wifi_event_table_model.h"
#include "views/wifi/wifi_link_card.h"
#include "views/wifi/wifi_strip_chart.h"
#include "views/wifi/wifi_text.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace pathlens::views {

WifiPage::WifiPage(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_empty(new EmptyStatePage(pageInfo(Page::WiFi), this)),
      m_card(new WifiLinkCard(this)), m_strips(new WifiStripChart(this)), m_eventsTitle(new QLabel(this)),
      m_eventModel(new WifiEventTableModel(this)), m_eventView(new QTableView(this))
{
    m_eventView->setObjectName(QStringLiteral("wifiEvents"));
    m_eventView->setModel(m_eventModel);
    m_eventView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_eventView->setAlternatingRowColors(true);
    m_eventView->setWordWrap(false);
    m_eventView->verticalHeader()->hide();
    m_eventView->verticalHeader()->setDefaultSectionSize(m_eventView->fontMetrics().height() + 8);
    m_eventView->horizontalHeader()->setHighlightSections(false);
    m_eventView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_eventView->horizontalHeader()->setStretchLastSection(true);
    m_eventView->setMinimumHeight(m_eventView->verticalHeader()->defaultSectionSize() * 4 + 4); // header, three rows, frame
    QFont bold = m_eventsTitle->font();
    bold.setBold(true);
    m_eventsTitle->setFont(bold);
    m_eventsTitle->setToolTip(tr("Read from consecutive readings: a new access point, an older Wi-Fi generation, a "
                                 "narrower channel or fewer streams (held for two readings), a disconnect and a reconnect"));
    auto *eventsBox = new QWidget(this);
    auto *eventsLayout = new QVBoxLayout(eventsBox);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    eventsLayout->addWidget(m_eventsTitle);
    eventsLayout->addWidget(m_eventView, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_strips);
    split->addWidget(eventsBox);
    // The strips are what the page is for: of the room left they take three parts, the table one
    // (a capture holds a handful of events, not hundreds).
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_card);
    contentLayout->addWidget(split, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack, 1);
    showWifi(m_picture, true);
}

void WifiPage::showWifi(std::shared_ptr<const core::WifiPicture> picture, bool newCapture)
{
    if (!picture)
        picture = std::make_shared<const core::WifiPicture>();
    if (picture == m_picture && !newCapture)
        return; // the same readings: keep selection and scroll as they are
    m_picture = std::move(picture);
    const core::WifiPicture &p = *m_picture;
    m_stack->setCurrentIndex(p.empty() ? 0 : 1);
    m_card->showPicture(p);
    m_strips->setPicture(p);
    const std::vector<core::WifiEvent> newestFirst(p.events.rbegin(), p.events.rend());
    if (newCapture)
        m_eventModel->reset(newestFirst);
    else
        m_eventModel->setRows(newestFirst);
    // Rows that arrive while the page hides behind its empty state leave the header's automatic
    // sizing at the empty table's widths (seen: "2026-12-…" cut in the Time column): size them now.
    // The last column keeps stretching to the edge.
    m_eventView->resizeColumnToContents(WifiEventTableModel::Time);
    m_eventView->resizeColumnToContents(WifiEventTableModel::What);
    m_eventsTitle->setText(m_eventModel->rowCount() ? tr("Events (%1)").arg(m_eventModel->rowCount())
                                                    : tr("Events: none (no roam, drop or disconnect in these readings)"));
}

QString WifiPage::eventsTitle() const
{
    return m_eventsTitle->text();
}

bool WifiPage::showsContent() const
{
    return m_stack->currentIndex() == 1;
}

QJsonObject WifiPage::dump() const
{
    const core::WifiPicture &p = *m_picture;
    QJsonArray events;
    for (int row = 0; row < m_eventModel->rowCount(); ++row) {
        const core::WifiEvent &e = *m_eventModel->rowAt(row);
        events.append(QJsonObject{{QStringLiteral("utc"), core::formatUtcMs(e.utcUs)},
                                  {QStringLiteral("kind"), core::wifiEventKindId(e.kind)},
                                  {QStringLiteral("what"), m_eventModel->index(row, WifiEventTableModel::What).data().toString()},
                                  {QStringLiteral("change"), m_eventModel->index(row, WifiEventTableModel::Change).data().toString()}});
    }
    // A disconnected reading says only that: no link figures (as report --json).
    const core::WifiSample link = p.latest && p.latest->connected ? *p.latest : core::WifiSample{};
    const core::WifiCeiling ceiling = link.connected ? core::wifiCeiling(link) : core::WifiCeiling{};
    auto textOrNull = [](const QString &t) { return t.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t); };
    return QJsonObject{
        {QStringLiteral("readings"), double(p.samples.size())},
        {QStringLiteral("link"), m_card->linkText()},
        {QStringLiteral("ssid"), textOrNull(link.ssid)},
        {QStringLiteral("bssid"), textOrNull(link.bssid)},
        {QStringLiteral("signal_dbm"), core::jsonOrNull(link.rssiDbm)},
        {QStringLiteral("rssi_p50_dbm"), core::jsonOrNull(p.rssiP50Dbm)},
        {QStringLiteral("tier"), p.tier ? QJsonValue(core::tierName(*p.tier)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("noise_dbm"), core::jsonOrNull(link.noiseDbm)},
        {QStringLiteral("snr_db"), core::jsonOrNull(link.snrDb())},
        {QStringLiteral("tx_mbps"), core::jsonOrNull(link.tx.mbps)},
        {QStringLiteral("rx_mbps"), core::jsonOrNull(link.rx.mbps)},
        {QStringLiteral("ceiling"), QJsonObject{{QStringLiteral("phy_max_mbps"), core::jsonOrNull(ceiling.phyMaxMbps)},
                                                {QStringLiteral("usable_mbps"), core::jsonOrNull(ceiling.usableMbps)},
                                                {QStringLiteral("reason"), m_card->reasonText()}}},
        {QStringLiteral("events"), events}};
}

} // namespace pathlens::views
