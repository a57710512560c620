// SPDX-License-Identifier: GPL-3.0-or-later
// Unit formatting with significant digits chosen by magnitude.
#include "core/base/units_format.h"

#include <QLocale>

#include <cmath>

namespace pathlens::core {

namespace {
QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}
int decimalsFor(double v)
{
    const double a = std::fabs(v);
    return a < 1 ? 2 : a < 10 ? 1 : 0;
}
} // namespace

QString formatMs(double ms)
{
    if (std::fabs(ms) >= 1000)
        return number(ms / 1000, 2) + QStringLiteral(" s");
    return number(ms, decimalsFor(ms)) + QStringLiteral(" ms");
}

QString formatPercent(double pct)
{
    return number(pct, std::fabs(pct) < 10 ? 1 : 0) + QLatin1Char('%');
}

QString formatBitrate(double bps)
{
    static const char *const units[] = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
    int u = 0;
    while (std::fabs(bps) >= 1000 && u < 4) {
        bps /= 1000;
        ++u;
    }
    return number(bps, decimalsFor(bps)) + QLatin1Char(' ') + QLatin1String(units[u]);
}

QString formatBytes(qint64 bytes)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB"};
    double v = double(bytes);
    int u = 0;
    while (std::fabs(v) >= 1000 && u < 4) {
        v /= 1000;
        ++u;
    }
    return number(v, u == 0 ? 0 : decimalsFor(v)) + QLatin1Char(' ') + QLatin1String(units[u]);
}

QString formatDbm(double dbm)
{
    // U+2212 minus: typographically correct and never mistaken for a hyphen.
    QString s = number(std::fabs(dbm), 0);
    return (dbm < 0 ? QString(QChar(0x2212)) : QString()) + s + QStringLiteral(" dBm");
}

QString formatDuration(double seconds)
{
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace pathlens::core
