// SPDX-License-Identifier: GPL-3.0-or-later
// One Pathlens window per user: a second launch hands its file to the first and exits.
#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace pathlens::gui {

// GUI thread. The socket lives in the user's runtime folder (XDG_RUNTIME_DIR, mode 0700), named
// after the settings folder, so another user, or a test run with its own HOME, is another instance.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    explicit SingleInstance(QObject *parent = nullptr);

    static QString serverName();
    // True when a running instance took `file` (absolute path or empty: just raise it); then this
    // process should exit 0.
    static bool handOff(const QString &file, int timeoutMs = 3000);
    // Becomes the instance others hand off to; a socket left by a crashed instance is removed.
    // False (and a warning logged) when it cannot listen: this process then runs on its own.
    bool listen();

signals:
    // Another launch asked to be this one: raise the window and open `file` when not empty.
    void activated(const QString &file);

private:
    QLocalServer *m_server = nullptr;
};

} // namespace pathlens::gui
