// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput round's status line: "Round 3 of 8: testing download…" with a progress bar while a
// test runs, the next round's time between rounds, and the Test now button — or, when no throughput
// server is configured, what to do to get one.
#pragma once

#include "core/load/load_progress.h"
#include "core/load/round_schedule.h"

#include <QFrame>
#include <QStringList>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace pathlens::views {

// What the composition root configured: the throughput servers (none: no tests, ever — the app
// never picks a public server by itself) and the round schedule.
struct LoadTestingSetup {
    QStringList servers;
    std::optional<core::RoundScheduleMode> schedule; // none: tests only on demand
};

// GUI thread; owned by the Under load page. Holds live state only (the collector's latest progress),
// never results: those come from the capture like everything else.
class LoadRoundStatus : public QFrame {
    Q_OBJECT
public:
    explicit LoadRoundStatus(QWidget *parent = nullptr);

    void setSetup(const LoadTestingSetup &setup);
    // `showingLive`: the live capture is shown (a test's results land there); `liveAvailable`: this
    // window measures live at all (false when it was started on a file).
    void setLive(bool showingLive, bool liveAvailable);
    void setProgress(const core::LoadProgress &progress);

    bool canTestNow() const;
    void requestTest(); // what the button and Ctrl+T do: nothing when canTestNow() is false

    // For tests.
    QString statusText() const;
    QString bannerText() const; // "" unless shown
    QPushButton *testNowButton() const { return m_button; }
    QProgressBar *progressBar() const { return m_progress; }

signals:
    void testNowRequested();
    void canTestNowChanged(bool can);

private:
    void refresh();
    bool running() const;

    LoadTestingSetup m_setup;
    core::LoadProgress m_latest;
    bool m_progressSeen = false; // the collector has reported since it started
    bool m_requested = false;    // Test now pressed, the collector not yet started on it
    bool m_showingLive = false, m_liveAvailable = false;
    bool m_could = false;
    QLabel *m_status;
    QLabel *m_detail;
    QProgressBar *m_progress;
    QPushButton *m_button;
    QLabel *m_banner;
    QTimer *m_requestTimeout;
};

} // namespace pathlens::views
