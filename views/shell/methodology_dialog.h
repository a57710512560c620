// SPDX-License-Identifier: GPL-3.0-or-later
// "How it measures": the methodology document (docs/methodology.md, embedded) inside the app.
#pragma once

#include <QDialog>

namespace pathlens::views {

class MethodologyDialog : public QDialog {
    Q_OBJECT
public:
    explicit MethodologyDialog(QWidget *parent = nullptr);
    static QString markdown(); // the embedded document
};

} // namespace pathlens::views
