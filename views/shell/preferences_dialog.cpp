// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences dialog layout and validation.
#include "views/shell/preferences_dialog.h"

#include "core/report/display_names.h"
#include "views/shell/tray_controller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pathlens::views {

PreferencesDialog::PreferencesDialog(const core::GradingPolicy &policy, QWidget *parent)
    : QDialog(parent), m_policy(policy), m_minSession(new QDoubleSpinBox(this)), m_minApp(new QSpinBox(this)),
      m_problem(new QLabel(this)), m_scheme(new QComboBox(this)), m_keepInTray(new QCheckBox(this)),
      m_daily(new QCheckBox(this)), m_keepDays(new QSpinBox(this)), m_keepGb(new QDoubleSpinBox(this))
{
    setWindowTitle(tr("Preferences"));
    auto *grades = new QGroupBox(tr("Grades: a session gets the best grade whose both thresholds it beats"), this);
    auto *grid = new QGridLayout(grades);
    grid->addWidget(new QLabel(tr("Median RTT below"), grades), 0, 1);
    grid->addWidget(new QLabel(tr("Retransmits below"), grades), 0, 2);
    const core::Grade rows[] = {core::Grade::Excellent, core::Grade::Good, core::Grade::Fair};
    for (int i = 0; i < 3; ++i) {
        grid->addWidget(new QLabel(core::gradeDisplayName(rows[i]), grades), i + 1, 0);
        m_rtt[i] = new QDoubleSpinBox(grades);
        m_rtt[i]->setRange(0.1, 100000);
        m_rtt[i]->setSuffix(tr(" ms"));
        m_rtt[i]->setObjectName(QStringLiteral("rtt%1").arg(core::gradeName(rows[i])));
        m_retrans[i] = new QDoubleSpinBox(grades);
        m_retrans[i]->setObjectName(QStringLiteral("retrans%1").arg(core::gradeName(rows[i])));
        m_retrans[i]->setRange(0.01, 100);
        m_retrans[i]->setSuffix(tr(" %"));
        grid->addWidget(m_rtt[i], i + 1, 1);
        grid->addWidget(m_retrans[i], i + 1, 2);
        connect(m_rtt[i], &QDoubleSpinBox::valueChanged, this, &PreferencesDialog::validate);
        connect(m_retrans[i], &QDoubleSpinBox::valueChanged, this, &PreferencesDialog::validate);
    }
    grid->addWidget(new QLabel(tr("Anything worse is Poor. Limits are strict: exactly 3 % retransmits is not below 3 %."), grades), 4, 0, 1, 3);

    m_minSession->setRange(0, 3600);
    m_minSession->setSuffix(tr(" s"));
    m_minSession->setToolTip(tr("Shorter sessions are slow-start noise and are never graded"));
    m_minApp->setRange(1, 1000);
    m_minApp->setToolTip(tr("Apps with fewer graded sessions show as Ungraded"));
    connect(m_minSession, &QDoubleSpinBox::valueChanged, this, &PreferencesDialog::validate);
    connect(m_minApp, &QSpinBox::valueChanged, this, &PreferencesDialog::validate);
    auto *form = new QFormLayout;
    form->addRow(tr("Minimum session length"), m_minSession);
    form->addRow(tr("Minimum graded sessions per app"), m_minApp);

    // Not part of the grading policy: saved by the window when the dialog is accepted.
    auto *window = new QGroupBox(tr("Window"), this);
    auto *windowForm = new QFormLayout(window);
    m_scheme->setObjectName(QStringLiteral("colorScheme"));
    m_scheme->addItem(tr("Follow the desktop"), int(SchemeChoice::System));
    m_scheme->addItem(tr("Light"), int(SchemeChoice::Light));
    m_scheme->addItem(tr("Dark"), int(SchemeChoice::Dark));
    m_scheme->setCurrentIndex(m_scheme->findData(int(views::schemeChoice())));
    windowForm->addRow(tr("Colours"), m_scheme);
    m_keepInTray->setObjectName(QStringLiteral("keepRunningInTray"));
    m_keepInTray->setText(tr("Closing the window keeps Pathlens measuring in the system tray"));
    m_keepInTray->setToolTip(tr("Quit from the tray icon's menu or File → Quit. Without a system tray, closing always quits."));
    m_keepInTray->setChecked(TrayController::keepRunningSetting());
    windowForm->addRow(m_keepInTray);

    // Live captures: read when Pathlens starts (the file being written does not change under it).
    const core::LiveCaptureSettings captures = core::LiveCaptureSettings::load();
    auto *files = new QGroupBox(tr("Live captures (from the next start)"), this);
    auto *filesForm = new QFormLayout(files);
    m_daily->setObjectName(QStringLiteral("dailyCaptures"));
    m_daily->setText(tr("Start a new capture file every day at midnight UTC, and delete old days"));
    m_daily->setToolTip(tr("Files are named pathlens-YYYY-MM-DD.plcap in the capture folder. Only such files that are "
                           "Pathlens captures are ever deleted, oldest first, never the one being written."));
    m_daily->setChecked(captures.daily);
    filesForm->addRow(m_daily);
    m_keepDays->setObjectName(QStringLiteral("keepDays"));
    m_keepDays->setRange(0, 3650);
    m_keepDays->setSuffix(tr(" days"));
    m_keepDays->setSpecialValueText(tr("Every day"));
    m_keepDays->setValue(captures.keepDays);
    filesForm->addRow(tr("Keep the last"), m_keepDays);
    m_keepGb->setObjectName(QStringLiteral("keepGb"));
    m_keepGb->setRange(0, 100000);
    m_keepGb->setDecimals(1);
    m_keepGb->setSuffix(tr(" GB"));
    m_keepGb->setSpecialValueText(tr("No limit"));
    m_keepGb->setValue(captures.keepGb);
    filesForm->addRow(tr("Keep at most"), m_keepGb);
    const auto enableLimits = [this] {
        m_keepDays->setEnabled(m_daily->isChecked());
        m_keepGb->setEnabled(m_daily->isChecked());
    };
    connect(m_daily, &QCheckBox::toggled, this, enableLimits);
    enableLimits();

    m_problem->setStyleSheet(QStringLiteral("color: #b2182b;"));
    m_problem->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    QPushButton *defaults = buttons->button(QDialogButtonBox::RestoreDefaults);
    defaults->setToolTip(tr("The thresholds of the specification: 50/100/200 ms, 0.5/1/3 %, 0.5 s, 3 sessions"));
    connect(defaults, &QPushButton::clicked, this, [this] { setFields({}); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(grades);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Changing these regrades everything shown, live and offline. Each capture records the "
                                    "policy it was recorded with."), this));
    layout->addWidget(window);
    layout->addWidget(files);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setFields(policy);
}

SchemeChoice PreferencesDialog::schemeChoice() const
{
    return SchemeChoice(m_scheme->currentData().toInt());
}

bool PreferencesDialog::keepRunningInTray() const
{
    return m_keepInTray->isChecked();
}

core::LiveCaptureSettings PreferencesDialog::liveCaptures() const
{
    return {m_daily->isChecked(), m_keepDays->value(), m_keepGb->value()};
}

void PreferencesDialog::setFields(const core::GradingPolicy &policy)
{
    const auto &rows = policy.grades.rows();
    for (int i = 0; i < 3 && i < int(rows.size()); ++i) {
        const QSignalBlocker a(m_rtt[i]), b(m_retrans[i]);
        m_rtt[i]->setValue(rows[size_t(i)].rttBelowMs);
        m_retrans[i]->setValue(rows[size_t(i)].retransBelowPct);
    }
    const QSignalBlocker c(m_minSession), d(m_minApp);
    m_minSession->setValue(policy.minSessionSeconds);
    m_minApp->setValue(policy.minAppSessions);
    validate();
}

void PreferencesDialog::validate()
{
    QJsonArray rows;
    const core::Grade grades[] = {core::Grade::Excellent, core::Grade::Good, core::Grade::Fair};
    for (int i = 0; i < 3; ++i)
        rows.append(QJsonObject{{QStringLiteral("grade"), core::gradeName(grades[i])},
                                {QStringLiteral("rtt_below_ms"), m_rtt[i]->value()},
                                {QStringLiteral("retrans_below_pct"), m_retrans[i]->value()}});
    const auto parsed = core::GradingPolicy::fromJson(QJsonObject{{QStringLiteral("grades"), rows},
                                                                  {QStringLiteral("min_session_s"), m_minSession->value()},
                                                                  {QStringLiteral("min_app_sessions"), m_minApp->value()}});
    m_problem->setText(parsed ? QString() : parsed.error().message);
    if (m_ok)
        m_ok->setEnabled(parsed.ok());
    if (parsed)
        m_policy = *parsed;
}

} // namespace pathlens::views
