// SPDX-License-Identifier: GPL-3.0-or-later
// UTC timestamp formatting and strict parsing for captures and CSV interchange.
#include "core/base/time_utc.h"

#include <QDateTime>
#include <QRegularExpression>

namespace pathlens::core {

TimestampUs nowUtcUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

QString formatUtcMs(TimestampUs ts)
{
    // Floor division so negative (pre-1970) values format consistently.
    qint64 ms = ts >= 0 ? ts / 1000 : -((-ts + 999) / 1000);
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

std::optional<TimestampUs> parseUtc(QStringView text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$)"));
    const auto m = re.match(text.trimmed().toString());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    qint64 us = QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch() * 1000;
    QString frac = m.captured(7);
    if (!frac.isEmpty())
        us += frac.leftJustified(6, QLatin1Char('0')).toLongLong();
    const QString zone = m.captured(8);
    if (zone != QLatin1String("Z")) {
        const int sign = zone.startsWith(QLatin1Char('-')) ? -1 : 1;
        const int hours = zone.mid(1, 2).toInt();
        const int minutes = zone.mid(4, 2).toInt();
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        us -= sign * (qint64(hours) * 3600 + minutes * 60) * 1000000;
    }
    return us;
}

} // namespace pathlens::core
