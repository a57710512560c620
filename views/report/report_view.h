// SPDX-License-Identifier: GPL-3.0-or-later
// Shows one HTML report and prints it to an A4 PDF: in Qt WebEngine when the build has it and it
// may start, else in a QTextBrowser (simpler CSS, no inline SVG) that still prints a PDF.
#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>

class QTextBrowser;
class QWebEngineView;

namespace pathlens::views {

// GUI thread. The WebEngine view is created at the first setHtml, so windows that never show a
// report never start WebEngine's processes.
class ReportView : public QWidget {
    Q_OBJECT
public:
    explicit ReportView(QWidget *parent = nullptr);

    bool usesWebEngine() const;
    // Why the plain view is used, in words for the page ("" with WebEngine).
    static QString plainViewReason();

    // Replaces the page and keeps the reader's scroll position; loaded() follows.
    void setHtml(const QString &html);
    bool isLoading() const { return m_loading; }
    // The page's text as the reader sees it (asynchronous with WebEngine).
    void plainText(const std::function<void(const QString &)> &done) const;
    // An A4 PDF of what is shown, written to path.part and renamed; done(error or "") later.
    void printToPdf(const QString &path, const std::function<void(const QString &error)> &done);
    // The PDF in progress is no longer wanted (given up on): its bytes, should they come, are dropped.
    void cancelPdf();
    // Milliseconds since the reader last scrolled, clicked or typed here (large when never).
    qint64 msSinceUserInput() const;

signals:
    void loaded();
    void linkActivated(const QUrl &url); // the page never navigates away: links are handed out

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void ensureView();
    void watchInput(QWidget *widget);

    QWebEngineView *m_web = nullptr;
    QTextBrowser *m_text = nullptr;
    QElapsedTimer m_sinceInput;
    std::shared_ptr<bool> m_pdfWanted; // the PDF in progress still wanted
    bool m_loading = false;
};

} // namespace pathlens::views
