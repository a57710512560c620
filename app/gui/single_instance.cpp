// SPDX-License-Identifier: GPL-3.0-or-later
// Protocol: the second launch connects, writes "open\n<file>\n" (UTF-8, file may be empty) and
// waits for "ok\n" before it exits, so the first one has the request before the second is gone.
#include "single_instance.h"

#include "core/base/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <spdlog/spdlog.h>

namespace pathlens::gui {

QString SingleInstance::serverName()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation); // per user, 0700
    if (dir.isEmpty())
        dir = QDir::tempPath();
    const QByteArray profile = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation).toUtf8();
    const QString tag = QString::fromLatin1(QCryptographicHash::hash(profile, QCryptographicHash::Sha1).toHex().left(10));
    return QDir(dir).filePath(QStringLiteral("pathlens-%1.sock").arg(tag));
}

bool SingleInstance::handOff(const QString &file, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(serverName());
    if (!socket.waitForConnected(timeoutMs))
        return false; // nobody listening (or a stale socket): this process is the instance
    socket.write("open\n" + file.toUtf8() + '\n');
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    while (!socket.canReadLine())
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    return socket.readLine().trimmed() == "ok";
}

SingleInstance::SingleInstance(QObject *parent) : QObject(parent) {}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    const QString name = serverName();
    if (!m_server->listen(name)) {
        // Nobody answered handOff(), so a socket file there is left over from a crash.
        QLocalServer::removeServer(name);
        if (!m_server->listen(name)) {
            core::logger("ui")->warn("single instance: cannot listen on {}: {}", name.toStdString(),
                                     m_server->errorString().toStdString());
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (socket->property("handled").toBool())
                    return;
                // Two lines: the verb, then the file (possibly empty).
                const QByteArray all = socket->peek(socket->bytesAvailable());
                if (all.count('\n') < 2)
                    return;
                const QList<QByteArray> lines = socket->readAll().split('\n');
                socket->setProperty("handled", true);
                if (lines.value(0) != "open") {
                    socket->disconnectFromServer();
                    return;
                }
                const QString file = QString::fromUtf8(lines.value(1));
                auto log = core::logger("ui");
                log->info("another launch handed over{}{}", file.isEmpty() ? "" : ": ", file.toStdString());
                log->flush(); // rare, and worth seeing in the log at once
                socket->write("ok\n");
                socket->flush();
                emit activated(file);
            });
        }
    });
    return true;
}

} // namespace pathlens::gui
