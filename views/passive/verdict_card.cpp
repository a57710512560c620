// SPDX-License-Identifier: GPL-3.0-or-later
// Verdict card layout.
#include "views/passive/verdict_card.h"

#include "core/report/display_names.h"
#include "views/common/grade_style.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
constexpr double kPillScale = 1.6; // the verdict is the first thing to read on the page
}

GradePill::GradePill(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void GradePill::setGrade(core::Grade grade)
{
    m_grade = grade;
    setToolTip(core::gradeDisplayName(grade));
    update();
}

QSize GradePill::sizeHint() const
{
    QFont f = font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * kPillScale);
    const QFontMetrics fm(f);
    return {fm.horizontalAdvance(QStringLiteral("Excellent")) + fm.height() + 4, fm.height() + 8};
}

void GradePill::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintGradePill(p, rect(), m_grade, kPillScale);
}

VerdictCard::VerdictCard(QWidget *parent)
    : QFrame(parent), m_pill(new GradePill(this)), m_headline(new QLabel(this)), m_evidence(new QLabel(this)),
      m_hiccup(new QLabel(this))
{
    setObjectName(QStringLiteral("verdictCard"));
    setFrameShape(QFrame::StyledPanel);
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_headline->setFont(big);
    for (QLabel *l : {m_headline, m_evidence, m_hiccup}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_evidence->setToolTip(tr("Clean = sessions graded Excellent or Good. Median of the sessions' median RTTs; "
                              "retransmits = retransmitted / sent segments over all graded sessions."));
    m_hiccup->setToolTip(tr("The most recent session graded Fair or worse"));
    auto *text = new QVBoxLayout;
    text->addWidget(m_headline);
    text->addWidget(m_evidence);
    text->addWidget(m_hiccup);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_pill, 0, Qt::AlignTop);
    layout->addSpacing(12);
    layout->addLayout(text, 1);
}

void VerdictCard::setVerdict(const core::DeviceVerdict &v)
{
    m_verdict = v;
    m_pill->setGrade(v.grade);
    m_headline->setText(v.headline);
    m_evidence->setText(v.evidence);
    m_hiccup->setText(v.gradedSessions ? tr("Last hiccup: %1").arg(v.lastHiccupText) : QString());
    m_hiccup->setVisible(v.gradedSessions > 0);
}

QString VerdictCard::headline() const { return m_headline->text(); }
QString VerdictCard::evidence() const { return m_evidence->text(); }
QString VerdictCard::hiccup() const { return m_hiccup->text(); }
core::Grade VerdictCard::grade() const { return m_pill->grade(); }

} // namespace pathlens::views
