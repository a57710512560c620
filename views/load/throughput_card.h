// SPDX-License-Identifier: GPL-3.0-or-later
// The link's figures under load as a card: download and upload (each with its tier), the worse
// leg's bufferbloat rating and the responsiveness in RPM, and what the tests moved.
#pragma once

#include "core/load/load_picture.h"

#include <QFrame>

#include <array>

class QLabel;

namespace pathlens::views {

// GUI thread; owned by the Under load page. Shows one load picture; knows nothing of captures.
class ThroughputCard : public QFrame {
    Q_OBJECT
public:
    enum Figure { Download, Upload, Bufferbloat, Responsiveness, FigureCount };

    explicit ThroughputCard(QWidget *parent = nullptr);

    void showPicture(const core::LoadPicture &picture);

    QString figureText(Figure figure) const;
    QString pillText(Figure figure) const; // the tier's word, "" when none
    QString footerText() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void keepFiguresReadable(); // minimum height = what the wrapped footer needs at this width

    QLabel *m_footer;
    std::array<QLabel *, FigureCount> m_captions{};
    std::array<QLabel *, FigureCount> m_values{};
    std::array<QLabel *, FigureCount> m_pills{};
};

} // namespace pathlens::views
