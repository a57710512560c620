// SPDX-License-Identifier: GPL-3.0-or-later
// Status-bar strip with one coloured chip per collector (state, restarts, last error as tooltip).
#pragma once

#include "core/base/collector_status.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QHBoxLayout;

namespace pathlens::views {

class CollectorStatusBar : public QWidget {
    Q_OBJECT
public:
    explicit CollectorStatusBar(QWidget *parent = nullptr);

    void setStatus(const core::CollectorStatus &status);
    void clear();
    QString chipText(const QString &collector) const; // for tests

private:
    QHBoxLayout *m_layout;
    QMap<QString, QLabel *> m_chips;
};

} // namespace pathlens::views
