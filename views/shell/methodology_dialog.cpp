// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the embedded methodology Markdown in a text browser.
#include "views/shell/methodology_dialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pathlens::views {

QString MethodologyDialog::markdown()
{
    QFile file(QStringLiteral(":/pathlens/docs/methodology.md"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

MethodologyDialog::MethodologyDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("How Pathlens measures"));
    resize(720, 640);
    auto *browser = new QTextBrowser(this);
    browser->setMarkdown(markdown());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(browser);
    layout->addWidget(buttons);
}

} // namespace pathlens::views
