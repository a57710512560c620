// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity page (SPEC §2 "Packet trains"): a path selector, the selected path's latest estimate,
// its capacity over time with doubtful estimates and deep diagnoses marked, and the diagnoses
// with their hops (plus the path's estimates as a table).
#pragma once

#include "core/pipeline/capture_snapshot.h"
#include "views/trains/capacity_paths.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QStackedLayout;
class QTableView;
class QTabWidget;

namespace pathlens::views {

class CapacityChart;
class DiagnosisTableModel;
class EstimateCard;
class EstimateTableModel;
class HopTableModel;

// GUI thread; owned by the main window, which hands it each snapshot's capacity picture. Views
// receive data: it never reads a capture and knows no collector.
class CapacityPage : public QWidget {
    Q_OBJECT
public:
    explicit CapacityPage(QWidget *parent = nullptr);

    // `newCapture`: another capture is shown, so models start over (otherwise they diff).
    void showCapacity(std::shared_ptr<const core::CapacityPicture> picture, bool newCapture);
    void selectPath(int index);
    void selectDiagnosis(int row);

    // What the page displays, for --dump-views: {paths: [{target, direction, latest {…}, estimates}],
    // diagnoses: [{utc, verdict, culprit_ttl, dscp_note}]}.
    QJsonObject dump() const;

    // For tests.
    QComboBox *pathSelector() const { return m_paths; }
    EstimateCard *card() const { return m_card; }
    CapacityChart *chart() const { return m_chart; }
    EstimateTableModel *estimateModel() const { return m_estimateModel; }
    DiagnosisTableModel *diagnosisModel() const { return m_diagnosisModel; }
    HopTableModel *hopModel() const { return m_hopModel; }
    QTableView *diagnosisView() const { return m_diagnosisView; }
    QTabWidget *tabs() const { return m_tabs; }
    QString summaryText() const;
    QString diagnosisText() const;
    bool showsContent() const;
    const std::vector<CapacityPath> &paths() const { return m_pathList; }

private:
    void showPath(bool restart);
    void showDiagnosis(bool restart);
    void refreshTabs(); // titles with counts, and the diagnoses list's height

    std::shared_ptr<const core::CapacityPicture> m_picture;
    std::vector<CapacityPath> m_pathList;
    std::optional<CapacityPathKey> m_shownPath; // what the estimate model and chart hold
    QString m_shownDiagnosis;                   // key of the diagnosis the hop model holds
    std::vector<QString> m_chartDiagnoses;      // keys of the diagnoses flagged on the chart
    QStackedLayout *m_stack;
    QComboBox *m_paths;
    QLabel *m_summary;
    EstimateCard *m_card;
    CapacityChart *m_chart;
    QTabWidget *m_tabs;
    DiagnosisTableModel *m_diagnosisModel;
    QTableView *m_diagnosisView;
    QLabel *m_diagnosisDetail;
    HopTableModel *m_hopModel;
    QTableView *m_hopView;
    EstimateTableModel *m_estimateModel;
    QTableView *m_estimateView;
};

} // namespace pathlens::views
