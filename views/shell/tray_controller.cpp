// SPDX-License-Identifier: GPL-3.0-or-later
// The icon is drawn from the app icon with the lens filled in the grade colour, so the tray shows
// the same shape as the launcher and the colour reads even at 16 px.
#include "views/shell/tray_controller.h"

#include "core/pipeline/capture_snapshot.h"
#include "core/report/display_names.h"
#include "views/common/grade_style.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSettings>
#include <QSvgRenderer>
#include <QSystemTrayIcon>

namespace pathlens::views {

namespace {

bool isWorse(core::Grade a, core::Grade b) { return int(a) > int(b); } // Excellent < Good < Fair < Poor

QByteArray tintedSvg(const QColor &color)
{
    QFile file(QStringLiteral(":/pathlens/resources/icons/pathlens.svg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    // The lens's glass and its centre dot become one disc in the grade colour.
    svg.replace("fill=\"#ffffff\" fill-opacity=\"0.14\"", "fill=\"" + color.name().toLatin1() + "\"");
    svg.replace("<circle cx=\"70\" cy=\"76\" r=\"10\" fill=\"#d94801\"/>", "");
    return svg;
}

} // namespace

TrayController::TrayController(QObject *parent)
    : QObject(parent), m_menu(new QMenu), m_open(new QAction(tr("Open Pathlens"), this)),
      m_pause(new QAction(this)), m_testNow(new QAction(tr("Run a throughput test now"), this)),
      m_quit(new QAction(tr("Quit"), this))
{
    m_menu->addAction(m_open);
    m_menu->addSeparator();
    m_menu->addAction(m_pause);
    m_menu->addAction(m_testNow);
    m_menu->addSeparator();
    m_menu->addAction(m_quit);
    m_testNow->setEnabled(false);
    connect(m_open, &QAction::triggered, this, &TrayController::openRequested);
    connect(m_pause, &QAction::triggered, this, [this] { emit pauseRequested(!m_paused); });
    connect(m_quit, &QAction::triggered, this, &TrayController::quitRequested);
    refresh();
}

TrayController::~TrayController()
{
    delete m_tray;
    delete m_menu; // a top-level menu has no parent widget
}

void TrayController::showSnapshot(const core::CaptureSnapshot &snapshot)
{
    const core::DeviceVerdict &verdict = snapshot.passive.verdict;
    m_grade = verdict.grade;
    m_headline = verdict.headline;
    if (verdict.grade != core::Grade::Ungraded) {
        const bool dropped = m_lastGraded != core::Grade::Ungraded && isWorse(verdict.grade, m_lastGraded) &&
                             isWorse(verdict.grade, core::Grade::Good);
        m_lastGraded = verdict.grade;
        if (dropped && snapshot.live)
            emit notificationRequested(tr("Network: %1").arg(core::gradeDisplayName(verdict.grade)),
                                       verdict.headline + (verdict.evidence.isEmpty() ? QString() : QLatin1Char('\n') + verdict.evidence));
    }
    refresh();
}

QColor TrayController::color() const
{
    return gradeColor(m_grade);
}

QString TrayController::toolTip() const
{
    QString tip = QStringLiteral("Pathlens");
    if (!m_headline.isEmpty())
        tip += QStringLiteral(": ") + m_headline;
    else if (m_grade == core::Grade::Ungraded)
        tip += QStringLiteral(": ") + tr("no graded sessions yet");
    if (m_paused)
        tip += QLatin1Char('\n') + tr("Measuring paused");
    return tip;
}

QIcon TrayController::iconFor(core::Grade grade)
{
    QSvgRenderer renderer(tintedSvg(gradeColor(grade)));
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon TrayController::icon() const
{
    return iconFor(m_grade);
}

void TrayController::setPaused(bool paused)
{
    m_paused = paused;
    refresh();
}

void TrayController::setCanPause(bool can)
{
    m_pause->setEnabled(can);
    m_pause->setVisible(can);
}

void TrayController::setTestNowAction(QAction *action)
{
    m_testNow->setEnabled(action->isEnabled());
    m_testNow->setToolTip(action->toolTip());
    connect(action, &QAction::changed, m_testNow, [this, action] { m_testNow->setEnabled(action->isEnabled()); });
    connect(m_testNow, &QAction::triggered, action, &QAction::trigger);
}

bool TrayController::keepRunningSetting()
{
    return QSettings().value(QStringLiteral("tray/keepRunning"), false).toBool();
}

void TrayController::setKeepRunningSetting(bool keep)
{
    QSettings().setValue(QStringLiteral("tray/keepRunning"), keep);
}

bool TrayController::showInTray()
{
    if (m_tray)
        return true;
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    m_tray = new QSystemTrayIcon;
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit openRequested();
    });
    connect(this, &TrayController::notificationRequested, m_tray, [this](const QString &title, const QString &message) {
        m_tray->showMessage(title, message, icon(), 10000);
    });
    refresh();
    m_tray->show();
    return true;
}

void TrayController::refresh()
{
    m_pause->setText(m_paused ? tr("Resume measuring") : tr("Pause measuring"));
    m_pause->setToolTip(m_paused ? tr("Measuring is paused: start the collectors again")
                                 : tr("Stop the collectors until you resume; the capture stays open"));
    if (m_tray) {
        if (m_trayGrade != m_grade || m_tray->icon().isNull()) // drawn again only when the grade changes
            m_tray->setIcon(icon());
        m_trayGrade = m_grade;
        m_tray->setToolTip(toolTip());
    }
}

} // namespace pathlens::views
