// SPDX-License-Identifier: GPL-3.0-or-later
// Line codec of the helper protocol: verb + key=value pairs with percent-encoded values.
#include "helper_protocol.h"

#include <QStringList>
#include <QUrl>

namespace pathlens::collect::wire {

QString percentEncode(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString Message::toLine() const
{
    QString line = verb;
    for (auto it = args.begin(); it != args.end(); ++it)
        line += QLatin1Char(' ') + it.key() + QLatin1Char('=') + percentEncode(it.value());
    return line;
}

std::optional<Message> parseLine(const QByteArray &raw, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<Message> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (raw.size() > kMaxLineBytes)
        return fail(QStringLiteral("line longer than %1 bytes").arg(kMaxLineBytes));
    const QString line = QString::fromUtf8(raw).trimmed();
    if (line.isEmpty())
        return fail(QStringLiteral("empty line"));
    const QStringList parts = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    Message msg;
    msg.verb = parts.first();
    for (int i = 1; i < parts.size(); ++i) {
        const int eq = parts[i].indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("argument '%1' is not key=value").arg(parts[i]));
        msg.args.insert(parts[i].left(eq), QUrl::fromPercentEncoding(parts[i].mid(eq + 1).toUtf8()));
    }
    return msg;
}

std::optional<RawOpenRequest> parseRawOpen(const Message &request, QString *error)
{
    const QString family = request.args.value(QStringLiteral("family")), protocol = request.args.value(QStringLiteral("protocol"));
    std::optional<RawOpenRequest> r;
    if (family == QLatin1String("inet") && protocol == QLatin1String("icmp"))
        r = RawOpenRequest{RawFamily::Inet, RawProtocol::Icmp};
    else if (family == QLatin1String("inet6") && protocol == QLatin1String("icmpv6"))
        r = RawOpenRequest{RawFamily::Inet6, RawProtocol::Icmpv6};
    else if ((family == QLatin1String("inet") || family == QLatin1String("inet6")) && protocol == QLatin1String("tcp"))
        r = RawOpenRequest{family == QLatin1String("inet") ? RawFamily::Inet : RawFamily::Inet6, RawProtocol::Tcp};
    if (!r && error)
        *error = QStringLiteral("raw-open takes family=inet protocol=icmp|tcp or family=inet6 protocol=icmpv6|tcp, "
                                "not family='%1' protocol='%2'")
                     .arg(family, protocol);
    return r;
}

} // namespace pathlens::collect::wire
