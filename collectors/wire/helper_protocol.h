// SPDX-License-Identifier: GPL-3.0-or-later
// Pure encoder/decoder of pathlens-helper protocol lines (see PROTOCOL.md beside this file).
#pragma once

#include <QMap>
#include <QString>

#include <optional>

namespace pathlens::collect::wire {

inline constexpr int kProtocolVersion = 1;
inline constexpr int kMaxLineBytes = 4096;

struct Message {
    QString verb;
    QMap<QString, QString> args; // decoded values

    QString toLine() const; // without the trailing newline
};

// nullopt (with a reason) for an empty line, a line too long, or an argument that is not key=value.
std::optional<Message> parseLine(const QByteArray &line, QString *error = nullptr);

QString percentEncode(const QString &value);

} // namespace pathlens::collect::wire
