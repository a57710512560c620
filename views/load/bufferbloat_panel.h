// SPDX-License-Identifier: GPL-3.0-or-later
// The Under-load panel (SPEC §2 "Bufferbloat split"): for the gateway and for the internet, the
// median ping idle, while downloading and while uploading (a whisker to the 95th percentile), with
// the bufferbloat rating as a pill and the responsiveness in RPM. Each part explains itself on hover.
#pragma once

#include "core/load/bufferbloat_split.h"
#include "views/load/bufferbloat_panel_layout.h"

#include <QWidget>

namespace pathlens::views {

// GUI thread; owned by the Under load page, which hands it each snapshot's split. Knows nothing of
// captures or snapshots.
class BufferbloatPanel : public QWidget {
    Q_OBJECT
public:
    explicit BufferbloatPanel(QWidget *parent = nullptr);

    void setSplit(const core::BufferbloatSplit &split);

    // For tests: the layout at the current size, its input, and what a hover at a point would say.
    const BufferbloatPanelLayout &panelLayout() const;
    const BufferbloatPanelInput &panelInput() const { return m_input; }
    QString toolTipAt(QPointF at) const;
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout() const;
    const core::LegBufferbloat &leg(size_t index) const;

    core::BufferbloatSplit m_split;
    BufferbloatPanelInput m_input;
    mutable BufferbloatPanelLayout m_layout;
    mutable bool m_stale = true;
};

// Okabe–Ito blue and vermilion for the two directions (also the throughput chart's), grey for idle.
QColor loadClassColor(core::LoadClass loadClass);

} // namespace pathlens::views
