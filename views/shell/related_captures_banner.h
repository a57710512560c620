// SPDX-License-Identifier: GPL-3.0-or-later
// "Related captures" banner above the pages (seed 004 capture management): the captures the one shown
// was linked to (pathlens-agent link), each with its times and Open, a missing file said as such,
// and Combined analysis — or, while a combined analysis is shown, the captures it combines.
#pragma once

#include <QFrame>
#include <QMap>
#include <QStringList>

class QLabel;
class QPushButton;

namespace pathlens::views {

class RelatedCapturesBanner : public QFrame {
    Q_OBJECT
public:
    explicit RelatedCapturesBanner(QWidget *parent = nullptr);

    // The capture shown, from its snapshot's path and metadata; hidden when it has no related
    // captures (and for the live capture).
    void showCapture(const QString &path, const QMap<QString, QString> &meta, bool live);

    QString text() const;                        // what the banner says, as plain text (tests, dumps)
    QStringList combinedPaths() const { return m_combine; } // the shown capture first, then those found
    int combinedCount() const { return m_combinedCount; }   // captures in the combined analysis shown (0: none)
    QPushButton *combinedButton() const { return m_button; }
    void openRelated(int index); // as a click on the index-th "Open"

signals:
    void openRequested(const QString &path);
    void combinedRequested(const QStringList &paths);

private:
    QLabel *m_label = nullptr;
    QPushButton *m_button = nullptr;
    QStringList m_targets; // "Open" link n opens m_targets[n]
    QStringList m_combine;
    int m_combinedCount = 0;
};

} // namespace pathlens::views
