// SPDX-License-Identifier: GPL-3.0-or-later
// The latest capacity estimate of one path as a card: total, available and utilised capacity,
// latency, data loss and jitter, voice MOS with its codec, voice loss and jitter, and what the
// estimate cost. A doubtful estimate says "Doubtful" and why instead of capacity figures.
#pragma once

#include "core/trains/capacity_result.h"

#include <QFrame>

#include <array>

class QLabel;

namespace pathlens::views {

// GUI thread; owned by the Capacity page. Shows one estimate value; knows nothing of paths.
class EstimateCard : public QFrame {
    Q_OBJECT
public:
    enum Figure { Total, Available, Utilised, Latency, DataLoss, DataJitter, VoiceMos, VoiceLossJitter, Traffic, FigureCount };

    explicit EstimateCard(QWidget *parent = nullptr);

    void showEstimate(const core::CapacityResult *latest); // nullptr: nothing measured yet

    QString figureText(Figure figure) const;
    QString captionText(Figure figure) const;
    QString headerText() const;
    QString doubtfulText() const; // "" unless the estimate is doubtful
    QString noteText() const;     // a non-doubtful estimate's reason, or ""

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void keepFiguresReadable(); // minimum height = what the wrapped texts need at this width

    QLabel *m_header;
    QLabel *m_subheader;
    QLabel *m_doubtful;
    QLabel *m_note;
    std::array<QLabel *, FigureCount> m_captions{};
    std::array<QLabel *, FigureCount> m_values{};
};

} // namespace pathlens::views
