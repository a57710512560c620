// SPDX-License-Identifier: GPL-3.0-or-later
// The Wi-Fi readings over time as two strips on one time axis — signal and noise floor (dBm) with the
// SNR shaded between them, and the TX and RX PHY rates (Mbit/s) — with the events as labelled markers
// and their lines across both strips. Painted from the readings (a day at one per 10 s is 8,640:
// kept whole, decimated per pixel column when drawn); every mark explains itself on hover.
#pragma once

#include "core/wifi/wifi_picture.h"
#include "views/wifi/wifi_strip_layout.h"

#include <QWidget>

namespace pathlens::views {

// GUI thread; owned by the Wi-Fi page, which hands it a picture's readings and events. Knows
// nothing of captures or snapshots.
class WifiStripChart : public QWidget {
    Q_OBJECT
public:
    explicit WifiStripChart(QWidget *parent = nullptr);

    void setPicture(const core::WifiPicture &picture);

    // For tests: the layout at the current size, and what a hover at a point would say.
    const WifiStripLayout &stripLayout() const;
    const WifiStripInput &stripInput() const { return m_input; }
    QString toolTipAt(QPointF at) const;
    static std::array<QStringList, kWifiStripCount> legendTexts();
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout() const;

    std::vector<core::WifiSample> m_samples;
    std::vector<core::WifiEvent> m_events;
    WifiStripInput m_input;
    mutable WifiStripLayout m_layout;
    mutable bool m_stale = true;
};

QColor wifiSeriesColor(WifiSeries series);
QColor wifiEventColor(core::WifiEventKind kind);

} // namespace pathlens::views
