// SPDX-License-Identifier: GPL-3.0-or-later
// Status line states: no server, a saved capture shown, between rounds, a test running.
#include "views/load/load_round_status.h"

#include "core/base/units_format.h"
#include "core/load/load_text.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
// Test now pressed: the collector starts it at its next 250 ms tick and reports at once; if nothing
// comes within this long (the collector was restarting), the button is offered again.
constexpr int kRequestTimeoutMs = 10000;

QString scheduleText(const std::optional<core::RoundScheduleMode> &mode)
{
    if (!mode)
        return LoadRoundStatus::tr("tests on demand only");
    const core::RoundSchedule s(*mode, 0);
    if (s.totalRounds() == 0)
        return LoadRoundStatus::tr("continuous schedule: a round every %n min", nullptr, int(s.spacingUs() / 60'000'000));
    return LoadRoundStatus::tr("%1 schedule: %2 rounds over %n min", nullptr, int(s.lengthUs() / 60'000'000))
        .arg(*mode == core::RoundScheduleMode::Quick      ? LoadRoundStatus::tr("quick")
             : *mode == core::RoundScheduleMode::Standard ? LoadRoundStatus::tr("standard")
                                                          : LoadRoundStatus::tr("extended"))
        .arg(s.totalRounds());
}
} // namespace

LoadRoundStatus::LoadRoundStatus(QWidget *parent)
    : QFrame(parent), m_status(new QLabel(this)), m_detail(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_button(new QPushButton(tr("&Test now"), this)), m_banner(new QLabel(this)), m_requestTimeout(new QTimer(this))
{
    setObjectName(QStringLiteral("loadRoundStatus"));
    m_status->setObjectName(QStringLiteral("loadStatusLine"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(260);
    m_progress->setMinimumWidth(140);
    m_button->setObjectName(QStringLiteral("testNow"));
    connect(m_button, &QPushButton::clicked, this, &LoadRoundStatus::requestTest);
    m_banner->setObjectName(QStringLiteral("noServerBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #e8f1fb; color: #0b3a66; border: 1px solid #8db7e3; "
                                           "border-radius: 4px; padding: 6px; }"));
    m_requestTimeout->setSingleShot(true);
    m_requestTimeout->setInterval(kRequestTimeoutMs);
    connect(m_requestTimeout, &QTimer::timeout, this, [this] {
        m_requested = false;
        refresh();
    });

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_status);
    row->addWidget(m_progress);
    row->addWidget(m_detail, 1);
    row->addWidget(m_button);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_banner);
    refresh();
}

void LoadRoundStatus::setSetup(const LoadTestingSetup &setup)
{
    m_setup = setup;
    refresh();
}

void LoadRoundStatus::setLive(bool showingLive, bool liveAvailable)
{
    m_showingLive = showingLive;
    m_liveAvailable = liveAvailable;
    refresh();
}

void LoadRoundStatus::setProgress(const core::LoadProgress &progress)
{
    m_latest = progress;
    m_progressSeen = true;
    if (progress.phase != core::LoadPhase::Idle) {
        m_requested = false; // the asked-for test (or a round) is under way
        m_requestTimeout->stop();
    }
    refresh();
}

bool LoadRoundStatus::running() const
{
    return m_progressSeen && m_latest.phase != core::LoadPhase::Idle;
}

bool LoadRoundStatus::canTestNow() const
{
    return m_showingLive && m_liveAvailable && !m_setup.servers.isEmpty() && !running() && !m_requested;
}

void LoadRoundStatus::requestTest()
{
    if (!canTestNow())
        return;
    m_requested = true;
    m_requestTimeout->start();
    refresh();
    emit testNowRequested();
}

void LoadRoundStatus::refresh()
{
    const bool configured = !m_setup.servers.isEmpty();
    QStringList servers;
    for (const QString &url : m_setup.servers)
        servers << core::throughputServerText(url);
    QString status, detail, tip;
    bool showProgress = false;
    if (!m_liveAvailable) {
        status = tr("Reviewing a saved capture: the tests it recorded");
        tip = tr("Tests run while Pathlens measures live: start it without a file, with --speed-server http://HOST:8080");
    } else if (!m_showingLive) {
        status = tr("Reviewing a saved capture: the tests it recorded");
        tip = tr("Back to live (Ctrl+L) to run a test: its results go to the live capture");
    } else if (!configured) {
        status = tr("Throughput tests are off: no server configured");
        tip = tr("No throughput server: start Pathlens with --speed-server http://HOST:8080 (a machine running "
                 "pathlens-agent serve across the link)");
    } else {
        detail = tr("against %1 · %2").arg(servers.join(QStringLiteral(", ")), scheduleText(m_setup.schedule));
        if (m_requested && !running()) {
            status = tr("Starting a test now…");
            tip = tr("A test is starting");
        } else if (!m_progressSeen) {
            status = tr("Throughput tests starting…");
            tip = tr("The throughput collector is starting");
        } else {
            status = m_latest.message.isEmpty() ? core::describeLoadProgress(m_latest) : m_latest.message;
            if (running()) {
                showProgress = m_latest.phase != core::LoadPhase::Waiting;
                m_progress->setValue(int(std::lround(std::clamp(m_latest.fraction, 0.0, 1.0) * 100)));
                m_progress->setFormat(m_latest.bytesSoFar > 0 ? tr("%p% · %1").arg(core::formatBytes(m_latest.bytesSoFar))
                                                              : tr("%p%"));
                tip = tr("A test is running: wait for it to end");
            } else {
                tip = tr("Run a download and an upload test now (Ctrl+T); the schedule goes on");
            }
        }
    }
    m_status->setText(status);
    m_detail->setText(detail);
    m_detail->setToolTip(m_setup.servers.join(QLatin1Char('\n')));
    m_progress->setVisible(showProgress);
    const bool can = canTestNow();
    m_button->setEnabled(can);
    m_button->setToolTip(tip);
    const bool banner = m_liveAvailable && m_showingLive && !configured;
    m_banner->setVisible(banner);
    m_banner->setText(banner ? tr("<b>How to test throughput.</b> Tests need a server on the far side of the link you want to "
                                  "measure, and Pathlens never picks one by itself. On a machine there, run "
                                  "<code>pathlens-agent serve</code> (port 8080); then start Pathlens with "
                                  "<code>--speed-server http://HOST:8080</code>. Each test moves up to a few hundred MB, "
                                  "at most 900 MB in any 30 minutes.")
                             : QString());
    if (can != m_could) {
        m_could = can;
        emit canTestNowChanged(can);
    }
}

QString LoadRoundStatus::statusText() const
{
    return m_status->text();
}

QString LoadRoundStatus::bannerText() const
{
    if (m_banner->isHidden())
        return {};
    QString plain = m_banner->text();
    plain.replace(QStringLiteral("<code>"), QString()).replace(QStringLiteral("</code>"), QString());
    plain.replace(QStringLiteral("<b>"), QString()).replace(QStringLiteral("</b>"), QString());
    return plain;
}

} // namespace pathlens::views
