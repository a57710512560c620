// SPDX-License-Identifier: GPL-3.0-or-later
// Draws one trace (SPEC §5): end boxes, a circle per TTL slot (solid answered, dashed silent),
// staggered IP/RTT labels with "+N ms" deltas tied to their hops by guide lines.
#pragma once

#include "core/trace/trace_result.h"
#include "core/trace/path_layout.h"

#include <QWidget>

namespace pathlens::views {

using core::PathLayout;
using core::PathLayoutInput;

// Paints only from the TraceResult it is given; all geometry comes from layoutPath().
class PathDiagram : public QWidget {
    Q_OBJECT
public:
    explicit PathDiagram(QWidget *parent = nullptr);

    void setTrace(const core::TraceResult &trace);
    const core::TraceResult &trace() const { return m_trace; }
    const PathLayout &layout() const { return m_layout; }

    // Texts (public for tests): the two-line hop label, the end boxes, and the hover text.
    static QString hopLabel(const core::TraceResult &trace, size_t index);
    static QStringList sourceLines(const core::TraceResult &trace);
    static QStringList destinationLines(const core::TraceResult &trace);
    static QString hopTooltip(const core::TraceResult &trace, size_t index);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    PathLayoutInput layoutInput(double width) const;
    void relayout();

    core::TraceResult m_trace;
    PathLayout m_layout;
};

} // namespace pathlens::views
