// SPDX-License-Identifier: GPL-3.0-or-later
// Under load page (SPEC §2 "Throughput test", "Bufferbloat split"; issue 14): the round's status
// line with Test now, download and upload with their tiers, the Under-load panel (gateway and
// internet pings idle, downloading and uploading, with the bufferbloat rating and RPM) and where
// the queue sits, every test as a table, and throughput over time.
#pragma once

#include "core/pipeline/capture_snapshot.h"
#include "views/load/load_round_status.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;
class QTableView;

namespace pathlens::views {

class BufferbloatPanel;
class LoadTestTableModel;
class ThroughputCard;
class ThroughputChart;

// GUI thread; owned by the main window, which hands it each snapshot's load picture (results: from
// the capture, live and offline alike) and, live only, the collector's progress. Views receive data:
// it never reads a capture and knows no collector — Test now is a signal the composition root wires.
class LoadPage : public QWidget {
    Q_OBJECT
public:
    explicit LoadPage(QWidget *parent = nullptr);

    // `newCapture`: another capture is shown, so the table starts over (otherwise it diffs).
    void showLoad(std::shared_ptr<const core::LoadPicture> picture, bool newCapture);
    void setSetup(const LoadTestingSetup &setup);
    void setLive(bool showingLive, bool liveAvailable);
    void setProgress(const core::LoadProgress &progress);
    bool canTestNow() const;
    void requestTest();

    // What the page displays, for --dump-views: {download_mbps, upload_mbps, download_tier,
    // upload_tier, bufferbloat {gateway {…}, internet {…}, rating, rpm, where}, tests [{…}]}.
    // Results only: the live status line is not in the capture, so not in the dump.
    QJsonObject dump() const;

    // For tests.
    LoadRoundStatus *roundStatus() const { return m_status; }
    ThroughputCard *card() const { return m_card; }
    BufferbloatPanel *panel() const { return m_panel; }
    ThroughputChart *chart() const { return m_chart; }
    LoadTestTableModel *testModel() const { return m_testModel; }
    QTableView *testView() const { return m_testView; }
    QString whereText() const;
    bool showsContent() const;

signals:
    void testNowRequested();
    void canTestNowChanged(bool can);

private:
    std::shared_ptr<const core::LoadPicture> m_picture = std::make_shared<const core::LoadPicture>();
    LoadRoundStatus *m_status;
    QStackedWidget *m_stack;
    ThroughputCard *m_card;
    BufferbloatPanel *m_panel;
    QLabel *m_where;
    QLabel *m_testsTitle;
    LoadTestTableModel *m_testModel;
    QTableView *m_testView;
    ThroughputChart *m_chart;
};

} // namespace pathlens::views
