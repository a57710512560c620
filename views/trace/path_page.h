// SPDX-License-Identifier: GPL-3.0-or-later
// Path page: the chosen trace drawn hop by hop, a legend, and the history of route changes.
#pragma once

#include "core/trace/trace_history.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedLayout;

namespace pathlens::views {

class PathDiagram;

class PathPage : public QWidget {
    Q_OBJECT
public:
    explicit PathPage(QWidget *parent = nullptr);

    // Traces newest first; the newest is shown unless the user picked an older one, which stays.
    void showTraces(const std::vector<core::TraceResult> &newestFirst, const std::vector<core::PathChange> &changes);
    const std::vector<core::TraceResult> &traces() const { return m_traces; }
    const std::vector<core::PathChange> &changes() const { return m_changes; }

    PathDiagram *diagram() const { return m_diagram; }
    QComboBox *picker() const { return m_picker; }
    QListWidget *history() const { return m_history; }
    QString headerText() const;

private:
    void showIndex(int index);

    std::vector<core::TraceResult> m_traces;
    std::vector<core::PathChange> m_changes;
    PathDiagram *m_diagram;
    QComboBox *m_picker;
    QLabel *m_header;
    QListWidget *m_history;
    QStackedLayout *m_stack;
};

} // namespace pathlens::views
