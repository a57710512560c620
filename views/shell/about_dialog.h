// SPDX-License-Identifier: GPL-3.0-or-later
// About box: version, licence, and the versions of Qt, SQLite, libpcap and spdlog in use.
#pragma once

#include <QDialog>
#include <QList>
#include <QPair>

namespace pathlens::views {

using VersionList = QList<QPair<QString, QString>>;

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const VersionList &versions, QWidget *parent = nullptr);
    static QString versionsHtml(const VersionList &versions);
};

} // namespace pathlens::views
