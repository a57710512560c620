// SPDX-License-Identifier: GPL-3.0-or-later
// The current Wi-Fi link as a card: the link line in large type, network and access point, the
// signal now and its 10-minute median with the RSSI tier as a pill, noise, SNR, rates, and the
// ceiling the link's settings imply with the reason.
#pragma once

#include "core/wifi/wifi_picture.h"

#include <QFrame>

#include <array>

class QLabel;

namespace pathlens::views {

// GUI thread; owned by the Wi-Fi page. Shows one Wi-Fi picture; knows nothing of captures.
class WifiLinkCard : public QFrame {
    Q_OBJECT
public:
    enum Figure { Network, AccessPoint, SignalNow, SignalMedian, Noise, Snr, Rate, Ceiling, FigureCount };

    explicit WifiLinkCard(QWidget *parent = nullptr);

    void showPicture(const core::WifiPicture &picture);

    QString linkText() const;
    QString figureText(Figure figure) const;
    QString pillText() const; // the RSSI tier's word, "" when none
    QString reasonText() const;
    QString footerText() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void keepFiguresReadable(); // minimum height = what the wrapped lines need at this width

    QLabel *m_link;
    QLabel *m_pill;
    QLabel *m_reason;
    QLabel *m_footer;
    std::array<QLabel *, FigureCount> m_captions{};
    std::array<QLabel *, FigureCount> m_values{};
};

} // namespace pathlens::views
