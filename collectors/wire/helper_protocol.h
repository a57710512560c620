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

// raw-open family=inet|inet6 protocol=icmp|icmpv6|tcp: the only raw sockets the helper opens.
// Our own enums; the helper translates them to socket() arguments.
enum class RawFamily { Inet, Inet6 };
enum class RawProtocol { Icmp, Icmpv6, Tcp };
struct RawOpenRequest {
    RawFamily family = RawFamily::Inet;
    RawProtocol protocol = RawProtocol::Icmp;
};
// nullopt (with the sentence the helper answers) for any other combination.
std::optional<RawOpenRequest> parseRawOpen(const Message &request, QString *error = nullptr);

} // namespace pathlens::collect::wire
