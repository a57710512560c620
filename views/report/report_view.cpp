// SPDX-License-Identifier: GPL-3.0-or-later
// The report's two renderers behind one widget, and its PDF file writing.
#include "views/report/report_view.h"

#include <QEvent>
#include <QFile>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

#include <QMouseEvent>

#include <cstdio>
#include <limits>
#include <memory>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

#ifdef PATHLENS_WITH_WEBENGINE
#include <QWebEnginePage>
#include <QWebEngineView>
#endif

namespace pathlens::views {

namespace {

// setHtml() hands the page over as a data: URL, which WebEngine caps at 2 MB; larger reports (a
// week of traces) are loaded from a file instead.
constexpr qsizetype kInlineHtmlMax = 1'800'000;

QPageLayout a4Layout()
{
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
}

// Puts PATH.part in place as PATH in one step (rename(2) replaces; QFile::rename would refuse).
QString renamePart(const QString &part, const QString &path)
{
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(path).constData()) == 0)
        return {};
    QFile::remove(part);
    return ReportView::tr("Could not replace %1: check that the folder is writable and the file is not open elsewhere.").arg(path);
}

// Qt WebEngine (Chromium) will not start its sandbox as root; pathlens-report-pdf checks the same.
bool webEngineBlockedAsRoot()
{
#if defined(Q_OS_UNIX)
    return ::geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX");
#else
    return false;
#endif
}

#ifdef PATHLENS_WITH_WEBENGINE
// Keeps the report in place: a clicked link goes to the page (which opens it elsewhere), only
// jumps within the report are followed.
class ReportWebPage : public QWebEnginePage {
public:
    ReportWebPage(std::function<void(const QUrl &)> onLink, QObject *parent)
        : QWebEnginePage(parent), m_onLink(std::move(onLink))
    {
    }

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override
    {
        if (type != NavigationTypeLinkClicked)
            return QWebEnginePage::acceptNavigationRequest(url, type, isMainFrame);
        if (url.hasFragment() && url.adjusted(QUrl::RemoveFragment) == this->url().adjusted(QUrl::RemoveFragment))
            return true;
        m_onLink(url);
        return false;
    }

private:
    std::function<void(const QUrl &)> m_onLink;
};
#endif

} // namespace

ReportView::ReportView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

bool ReportView::usesWebEngine() const
{
    if (m_web || m_text)
        return m_web != nullptr; // decided when the view was made
    return plainViewReason().isEmpty();
}

QString ReportView::plainViewReason()
{
#ifdef PATHLENS_WITH_WEBENGINE
    if (webEngineBlockedAsRoot())
        return tr("Pathlens runs as root, where Qt WebEngine cannot start its sandbox, so this is a simpler view "
                  "without charts. Start Pathlens with QTWEBENGINE_DISABLE_SANDBOX=1 to see the full report.");
    return {};
#else
    return tr("This build has no Qt WebEngine, so this is a simpler view without charts; the exported HTML has them.");
#endif
}

void ReportView::ensureView()
{
    if (m_web || m_text)
        return;
#ifdef PATHLENS_WITH_WEBENGINE
    if (usesWebEngine()) {
        m_web = new QWebEngineView(this);
        m_web->setObjectName(QStringLiteral("reportWebView"));
        m_web->setPage(new ReportWebPage([this](const QUrl &url) { emit linkActivated(url); }, m_web));
        connect(m_web, &QWebEngineView::loadFinished, this, [this](bool) {
            m_loading = false;
            watchInput(m_web); // the render widget exists only once a page is shown
            emit loaded();
        });
        layout()->addWidget(m_web);
        watchInput(m_web);
        return;
    }
#endif
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("reportTextView"));
    m_text->setOpenLinks(false);
    connect(m_text, &QTextBrowser::anchorClicked, this, &ReportView::linkActivated);
    layout()->addWidget(m_text);
    watchInput(m_text);
}

void ReportView::setHtml(const QString &html)
{
    ensureView();
#ifdef PATHLENS_WITH_WEBENGINE
    if (m_web) {
        m_loading = true;
        const QPointF scrolled = m_web->page()->scrollPosition();
        if (!scrolled.isNull()) {
            // Back where the reader was once the new page is laid out (once, then forgotten).
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = connect(m_web, &QWebEngineView::loadFinished, this, [this, scrolled, once](bool) {
                disconnect(*once);
                m_web->page()->runJavaScript(QStringLiteral("window.scrollTo(%1, %2);").arg(scrolled.x()).arg(scrolled.y()));
            });
        }
        const QByteArray utf8 = html.toUtf8();
        if (utf8.size() <= kInlineHtmlMax) {
            m_web->setHtml(html, QUrl(QStringLiteral("file:///")));
            return;
        }
        static QTemporaryDir spill; // lives as long as the app; one file, rewritten
        QFile file(spill.filePath(QStringLiteral("report.html")));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(utf8) == utf8.size()) {
            file.close();
            m_web->load(QUrl::fromLocalFile(file.fileName()));
        } else {
            m_web->setHtml(tr("<p>The report is too large to show here (%1 MB); export it as HTML instead.</p>")
                               .arg(utf8.size() / 1e6, 0, 'f', 1));
        }
        return;
    }
#endif
    QScrollBar *bar = m_text->verticalScrollBar();
    const int at = bar->value();
    m_text->setHtml(html);
    bar->setValue(at);
    emit loaded();
}

void ReportView::plainText(const std::function<void(const QString &)> &done) const
{
#ifdef PATHLENS_WITH_WEBENGINE
    if (m_web) {
        m_web->page()->toPlainText(done);
        return;
    }
#endif
    done(m_text ? m_text->toPlainText() : QString());
}

void ReportView::printToPdf(const QString &path, const std::function<void(const QString &)> &done)
{
    ensureView();
    const QString part = path + QStringLiteral(".part");
#ifdef PATHLENS_WITH_WEBENGINE
    if (m_web) {
        auto wanted = m_pdfWanted = std::make_shared<bool>(true);
        m_web->page()->printToPdf(
            [part, path, done, wanted](const QByteArray &pdf) {
                if (!*wanted)
                    return; // given up on: the file stays as it was
                if (pdf.isEmpty())
                    return done(tr("Qt WebEngine produced no PDF; try again, or export HTML and print it from a browser."));
                QFile file(part);
                if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(pdf) != pdf.size() || !file.flush()) {
                    const QString why = file.errorString();
                    file.remove();
                    return done(tr("Could not write %1: %2").arg(part, why));
                }
                file.close();
                done(renamePart(part, path));
            },
            a4Layout());
        return;
    }
#endif
    {
        QPdfWriter writer(part);
        writer.setPageLayout(a4Layout());
        writer.setTitle(tr("Pathlens report"));
        m_text->document()->print(&writer);
    }
    if (!QFile::exists(part))
        return done(tr("Could not write %1: check that the folder exists and is writable.").arg(part));
    done(renamePart(part, path));
}

void ReportView::cancelPdf()
{
    if (m_pdfWanted)
        *m_pdfWanted = false;
}

qint64 ReportView::msSinceUserInput() const
{
    return m_sinceInput.isValid() ? m_sinceInput.elapsed() : std::numeric_limits<qint64>::max();
}

void ReportView::watchInput(QWidget *widget)
{
    widget->installEventFilter(this); // installing twice keeps one filter
    for (QWidget *child : widget->findChildren<QWidget *>())
        child->installEventFilter(this);
}

bool ReportView::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Wheel:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::KeyPress:
    case QEvent::TouchUpdate:
        if (event->type() != QEvent::MouseMove || static_cast<QMouseEvent *>(event)->buttons() != Qt::NoButton)
            m_sinceInput.restart(); // a drag on the scroll bar counts, a passing pointer does not
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pathlens::views
