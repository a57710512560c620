// SPDX-License-Identifier: GPL-3.0-or-later
// A page placeholder that says what will appear and why it is empty.
#pragma once

#include "views/shell/page_catalog.h"

#include <QWidget>

class QLabel;

namespace pathlens::views {

class EmptyStatePage : public QWidget {
    Q_OBJECT
public:
    explicit EmptyStatePage(const PageInfo &info, QWidget *parent = nullptr);

    QString headline() const;
    QString explanation() const;

private:
    QLabel *m_headline;
    QLabel *m_explanation;
};

} // namespace pathlens::views
