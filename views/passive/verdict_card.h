// SPDX-License-Identifier: GPL-3.0-or-later
// The device verdict card: grade pill, headline, evidence line, last hiccup.
#pragma once

#include "core/passive/tcp_rollups.h"

#include <QFrame>

class QLabel;

namespace pathlens::views {

class GradePill;

class VerdictCard : public QFrame {
    Q_OBJECT
public:
    explicit VerdictCard(QWidget *parent = nullptr);
    void setVerdict(const core::DeviceVerdict &verdict);

    QString headline() const;
    QString evidence() const;
    QString hiccup() const;
    core::Grade grade() const;
    const core::DeviceVerdict &verdict() const { return m_verdict; }

private:
    core::DeviceVerdict m_verdict;
    GradePill *m_pill;
    QLabel *m_headline;
    QLabel *m_evidence;
    QLabel *m_hiccup;
};

// A standalone pill widget (the card's big grade).
class GradePill : public QWidget {
    Q_OBJECT
public:
    explicit GradePill(QWidget *parent = nullptr);
    void setGrade(core::Grade grade);
    core::Grade grade() const { return m_grade; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    core::Grade m_grade = core::Grade::Ungraded;
};

} // namespace pathlens::views
