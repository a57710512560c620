// SPDX-License-Identifier: GPL-3.0-or-later
// Related captures banner: reads the links from the capture's metadata, finds the files again.
#include "views/shell/related_captures_banner.h"

#include "core/base/time_utc.h"
#include "core/interchange/related_captures.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTextDocument>

namespace pathlens::views {

namespace {

// "2026-12-01 10:00–11:00 UTC" (the end's date only when it differs; seconds under an hour).
QString spanText(const QString &startedUtc, const QString &endedUtc)
{
    const auto from = core::parseUtc(startedUtc);
    const auto to = core::parseUtc(endedUtc);
    if (!from)
        return {};
    const QDateTime a = QDateTime::fromMSecsSinceEpoch(*from / 1000, Qt::UTC);
    if (!to)
        return RelatedCapturesBanner::tr("from %1 UTC").arg(a.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    const QDateTime b = QDateTime::fromMSecsSinceEpoch(*to / 1000, Qt::UTC);
    // Seconds for a short capture, or "10:00–10:00" would hide a 35 s one.
    const QString time = *to - *from < 3600'000'000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    const QString end = a.date() == b.date() ? b.toString(time) : b.toString(QStringLiteral("yyyy-MM-dd ") + time);
    return RelatedCapturesBanner::tr("%1–%2 UTC").arg(a.toString(QStringLiteral("yyyy-MM-dd ") + time), end);
}

} // namespace

RelatedCapturesBanner::RelatedCapturesBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("relatedCapturesBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::AlternateBase));
    setPalette(p);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_label, &QLabel::linkActivated, this, [this](const QString &href) {
        if (href.startsWith(QLatin1String("open:")))
            openRelated(href.mid(5).toInt());
    });
    m_button = new QPushButton(tr("Combined analysis"), this);
    m_button->setToolTip(tr("Analyse this capture and its related captures together: one timeline, one overall rating"));
    connect(m_button, &QPushButton::clicked, this, [this] { emit combinedRequested(m_combine); });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_button, 0, Qt::AlignVCenter);
    hide();
}

void RelatedCapturesBanner::showCapture(const QString &path, const QMap<QString, QString> &meta, bool live)
{
    m_targets.clear();
    m_combine.clear();
    m_combinedCount = 0;
    auto openLink = [this](const QString &target) {
        m_targets << target;
        return QStringLiteral(" <a href=\"open:%1\">%2</a>").arg(m_targets.size() - 1).arg(tr("Open"));
    };
    // A combined analysis shown: name what it combines, each openable on its own.
    const QJsonArray combined = QJsonDocument::fromJson(meta.value(QStringLiteral("combined_from")).toUtf8()).array();
    if (!live && combined.size() > 1) {
        QStringList items;
        for (const QJsonValue &v : combined)
            items << QStringLiteral("<b>%1</b>").arg(QFileInfo(v.toString()).fileName().toHtmlEscaped()) + openLink(v.toString());
        m_label->setText(tr("Combined analysis of %1 captures, one timeline in time order: %2")
                             .arg(combined.size())
                             .arg(items.join(QStringLiteral(" · "))));
        m_combinedCount = int(combined.size());
        m_button->hide();
        show();
        return;
    }
    const auto related = core::relatedCapturesFromJson(meta.value(QString::fromLatin1(core::kRelatedCapturesMetaKey)));
    if (live || related.empty()) {
        m_label->clear();
        hide();
        return;
    }
    m_combine << path;
    QStringList items;
    for (const core::RelatedCapture &r : related) {
        QString item = QStringLiteral("<b>%1</b>").arg(core::relatedCaptureName(r).toHtmlEscaped());
        const QString span = spanText(r.startedUtc, r.endedUtc);
        if (!span.isEmpty())
            item += QLatin1Char(' ') + span.toHtmlEscaped();
        if (const auto found = core::resolveRelatedCapture(r, path)) {
            item += openLink(*found);
            m_combine << *found;
        } else {
            item += QLatin1Char(' ') + tr("— file not found (looked for %1 next to this capture)")
                                           .arg(QDir::toNativeSeparators(r.path).toHtmlEscaped());
        }
        items << item;
    }
    m_label->setText(tr("Related captures: %1").arg(items.join(QStringLiteral(" · "))));
    m_button->setVisible(true);
    m_button->setEnabled(m_combine.size() > 1);
    m_button->setToolTip(m_combine.size() > 1
                             ? tr("Analyse this capture and its related captures together: one timeline, one overall rating")
                             : tr("None of the related captures was found; move them back next to this one"));
    show();
}

QString RelatedCapturesBanner::text() const
{
    QTextDocument doc;
    doc.setHtml(m_label->text());
    return doc.toPlainText();
}

void RelatedCapturesBanner::openRelated(int index)
{
    if (index >= 0 && index < m_targets.size())
        emit openRequested(m_targets.at(index));
}

} // namespace pathlens::views
