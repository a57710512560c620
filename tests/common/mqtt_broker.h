// SPDX-License-Identifier: GPL-3.0-or-later
// A mosquitto broker for tests: its configuration (explicit listener, anonymous or password, TLS)
// written into a test's directory. The test starts it (on loopback or a lab address) and stops it
// by its PID.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace pathlens::test {

struct BrokerConfig {
    QString listenIp = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString user{}, password{};        // both set: anonymous clients are refused
    QString certFile{}, keyFile{};     // both set: TLS on the listener
};

// Writes DIR/mosquitto.conf (and DIR/passwd via mosquitto_passwd); returns the config path or an
// empty string when mosquitto_passwd failed.
inline QString writeBrokerConfig(const QString &dir, const BrokerConfig &c)
{
    QStringList lines{QStringLiteral("listener %1 %2").arg(c.port).arg(c.listenIp), QStringLiteral("persistence false"),
                      QStringLiteral("log_dest stderr"), QStringLiteral("log_type error"), QStringLiteral("log_type warning"),
                      // As root mosquitto would become user "mosquitto", who cannot read a test's 0700 directory.
                      QStringLiteral("user %1").arg(qEnvironmentVariable("USER", QStringLiteral("root")))};
    if (!c.user.isEmpty()) {
        const QString passwd = QDir(dir).filePath(QStringLiteral("passwd"));
        QProcess p;
        p.start(QStringLiteral("mosquitto_passwd"), {QStringLiteral("-b"), QStringLiteral("-c"), passwd, c.user, c.password});
        if (!p.waitForFinished(10000) || p.exitCode() != 0)
            return {};
        lines << QStringLiteral("allow_anonymous false") << QStringLiteral("password_file %1").arg(passwd);
    } else {
        lines << QStringLiteral("allow_anonymous true");
    }
    if (!c.certFile.isEmpty())
        lines << QStringLiteral("certfile %1").arg(c.certFile) << QStringLiteral("keyfile %1").arg(c.keyFile);
    const QString path = QDir(dir).filePath(QStringLiteral("mosquitto.conf"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    return path;
}

} // namespace pathlens::test
