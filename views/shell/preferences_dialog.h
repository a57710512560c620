// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: the grading policy (thresholds, minimum session length, minimum sessions per app),
// light or dark colours, whether closing the window keeps Pathlens in the system tray, and whether
// live captures start a new file every day with old days deleted.
#pragma once

#include "core/passive/grading_policy.h"
#include "core/base/live_capture_settings.h"
#include "views/shell/theme.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace pathlens::views {

// Modal, GUI thread. Validates with GradingPolicy::fromJson before it lets the user accept.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const core::GradingPolicy &policy, QWidget *parent = nullptr);
    core::GradingPolicy policy() const { return m_policy; }
    SchemeChoice schemeChoice() const;
    bool keepRunningInTray() const;
    core::LiveCaptureSettings liveCaptures() const;

private:
    void setFields(const core::GradingPolicy &policy);
    void validate();

    core::GradingPolicy m_policy;
    QDoubleSpinBox *m_rtt[3];
    QDoubleSpinBox *m_retrans[3];
    QDoubleSpinBox *m_minSession;
    QSpinBox *m_minApp;
    QLabel *m_problem;
    QComboBox *m_scheme;
    QCheckBox *m_keepInTray;
    QCheckBox *m_daily;
    QSpinBox *m_keepDays;
    QDoubleSpinBox *m_keepGb;
    QPushButton *m_ok = nullptr;
};

} // namespace pathlens::views
