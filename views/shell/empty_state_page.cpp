// SPDX-License-Identifier: GPL-3.0-or-later
// Centered headline + explanation, word-wrapped to a readable measure.
#include "views/shell/empty_state_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace pathlens::views {

EmptyStatePage::EmptyStatePage(const PageInfo &info, QWidget *parent)
    : QWidget(parent), m_headline(new QLabel(info.headline, this)), m_explanation(new QLabel(info.whyEmpty, this))
{
    setObjectName(QStringLiteral("emptyState_%1").arg(info.title));
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setAlignment(Qt::AlignCenter);
    m_headline->setWordWrap(true);
    m_explanation->setAlignment(Qt::AlignCenter);
    m_explanation->setWordWrap(true);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);

    // Text column capped at ~75 characters per line for comfortable reading, centred in the page.
    auto *column = new QWidget(this);
    column->setMaximumWidth(680);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addWidget(m_headline);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(m_explanation);
    m_headline->setParent(column);
    m_explanation->setParent(column);

    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4); // no alignment flag: a wrapped label then gets its real width
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

QString EmptyStatePage::headline() const
{
    return m_headline->text();
}

QString EmptyStatePage::explanation() const
{
    return m_explanation->text();
}

} // namespace pathlens::views
