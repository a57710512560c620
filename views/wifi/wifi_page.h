// SPDX-License-Identifier: GPL-3.0-or-later
// Wi-Fi page (SPEC §3; issue 15): the current link card with its ceiling, the signal / noise / SNR
// and rate strips on one time axis with the events marked on it, and the events as a table.
#pragma once

#include "core/wifi/wifi_picture.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;
class QTableView;

namespace pathlens::views {

class EmptyStatePage;
class WifiEventTableModel;
class WifiLinkCard;
class WifiStripChart;

// GUI thread; owned by the main window, which hands it each snapshot's Wi-Fi picture (live and
// offline alike). Views receive data: it never reads a capture and knows no collector.
class WifiPage : public QWidget {
    Q_OBJECT
public:
    explicit WifiPage(QWidget *parent = nullptr);

    // `newCapture`: another capture is shown, so the table starts over (otherwise it diffs).
    void showWifi(std::shared_ptr<const core::WifiPicture> picture, bool newCapture);

    // What the page displays, for --dump-views: {readings, link, ssid, bssid, signal_dbm,
    // rssi_p50_dbm, tier, noise_dbm, snr_db, tx_mbps, rx_mbps, ceiling {phy_max_mbps,
    // usable_mbps, reason}, events [{utc, kind, what, change}]} (newest first; kind as core names it, "wifi_roam", …).
    QJsonObject dump() const;

    // For tests.
    WifiLinkCard *card() const { return m_card; }
    WifiStripChart *strips() const { return m_strips; }
    WifiEventTableModel *eventModel() const { return m_eventModel; }
    QTableView *eventView() const { return m_eventView; }
    EmptyStatePage *emptyState() const { return m_empty; }
    QString eventsTitle() const;
    bool showsContent() const;

private:
    std::shared_ptr<const core::WifiPicture> m_picture = std::make_shared<const core::WifiPicture>();
    QStackedWidget *m_stack;
    EmptyStatePage *m_empty;
    WifiLinkCard *m_card;
    WifiStripChart *m_strips;
    QLabel *m_eventsTitle;
    WifiEventTableModel *m_eventModel;
    QTableView *m_eventView;
};

} // namespace pathlens::views
