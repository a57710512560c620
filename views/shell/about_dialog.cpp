// SPDX-License-Identifier: GPL-3.0-or-later
// About box contents.
#include "views/shell/about_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace pathlens::views {

QString AboutDialog::versionsHtml(const VersionList &versions)
{
    QString rows;
    for (const auto &[name, version] : versions)
        rows += QStringLiteral("<tr><td>%1</td><td>&nbsp;%2</td></tr>").arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    return QStringLiteral("<table>%1</table>").arg(rows);
}

AboutDialog::AboutDialog(const VersionList &versions, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Pathlens"));
    auto *text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setText(tr("<h2>Pathlens</h2><p>Which app, which leg, which hop is hurting — with numbers you can trust.</p>"
                     "<p>Free software under the GNU General Public License, version 3 or later.</p>") +
                  versionsHtml(versions));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
}

} // namespace pathlens::views
