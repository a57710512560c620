// SPDX-License-Identifier: GPL-3.0-or-later
// Texts of the Under load page in one place, so every widget says the same thing the same way.
#include "core/load/load_text.h"

#include "core/base/units_format.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace pathlens::core {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::Load", text);
}

// A rise below the bufferbloat rating's "excellent" bound (SPEC §2: < 20 ms) is no queue worth naming.
constexpr double kQueueWorthNamingMs = 20.0;
// A queue in front of the router delays both legs alike; one beyond it delays only the internet leg.
// Half the internet's rise is the midpoint between the two, so whichever side holds most of it is named.
constexpr double kOwnNetworkShare = 0.5;

std::optional<double> worstDelta(const LegBufferbloat &leg)
{
    std::optional<double> worst;
    for (const std::optional<double> &d : {leg.downloadDeltaMs, leg.uploadDeltaMs})
        if (d)
            worst = std::max(worst.value_or(*d), *d);
    return worst;
}

QString signedMs(double ms)
{
    // U+2212 minus, as core's dBm: a fall under load (noise) must not read as a hyphen.
    return (ms < 0 ? QString(QChar(0x2212)) : QStringLiteral("+")) + formatMs(std::abs(ms));
}
} // namespace

QString transferDirectionText(TransferDirection direction)
{
    return direction == TransferDirection::Download ? tr("Download") : tr("Upload");
}

QStringList throughputFlagWords(const ThroughputResult &r)
{
    QStringList words;
    if (r.calibration)
        words << tr("calibration");
    if (r.outOfFamily)
        words << tr("out of family — retested");
    if (r.retest)
        words << tr("retest");
    if (r.earlyExit)
        words << tr("calibration stopped early (noisy or slow link)");
    switch (r.skipped) {
    case TransferSkip::None: break;
    case TransferSkip::DataBudget: words << tr("skipped: data budget"); break;
    case TransferSkip::RateLimited: {
        // The tester words it "HTTP 429 from …" or "HTTP 403 from …"; both are the server asking us to slow down.
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("HTTP (\\d{3})")).match(r.error);
        words << tr("rate limited (HTTP %1)").arg(m.hasMatch() ? m.captured(1) : QStringLiteral("429"));
        break;
    }
    case TransferSkip::Failed:
        words << (r.error.isEmpty() ? tr("failed") : tr("failed: %1").arg(r.error));
        break;
    }
    if (r.tier > 0)
        words << tr("fallback server");
    return words;
}

QString throughputRoundText(const ThroughputResult &r)
{
    if (r.round <= 0)
        return tr("on demand");
    return r.totalRounds > 0 ? tr("%1 of %2").arg(r.round).arg(r.totalRounds) : tr("round %1").arg(r.round);
}

QString throughputServerText(const QString &url)
{
    const QUrl u(url);
    if (!u.isValid() || u.host().isEmpty())
        return url;
    const QString host = u.host().contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(u.host()) : u.host();
    return u.port() > 0 ? QStringLiteral("%1:%2").arg(host).arg(u.port()) : host;
}

QString legTitle(bool gateway)
{
    return gateway ? tr("Your router (gateway)") : tr("The internet");
}

QString loadClassText(LoadClass loadClass)
{
    switch (loadClass) {
    case LoadClass::Idle: return tr("idle");
    case LoadClass::Download: return tr("downloading");
    case LoadClass::Upload: return tr("uploading");
    case LoadClass::Guard: break;
    }
    return {};
}

QString bloatDeltaText(const LegBufferbloat &leg)
{
    QStringList parts;
    if (leg.downloadDeltaMs)
        parts << tr("%1 downloading").arg(signedMs(*leg.downloadDeltaMs));
    if (leg.uploadDeltaMs)
        parts << tr("%1 uploading").arg(signedMs(*leg.uploadDeltaMs));
    if (!parts.isEmpty())
        return parts.join(QStringLiteral(" · "));
    if (!leg.idle.p50Ms)
        return tr("too few idle pings to compare with");
    return tr("too few pings during the tests");
}

QString rpmText(double rpm)
{
    return tr("%1 RPM").arg(QLocale().toString(qint64(std::llround(rpm))));
}

QueuePlace queuePlace(const BufferbloatSplit &s)
{
    const std::optional<double> gateway = worstDelta(s.gateway), internet = worstDelta(s.internet);
    if (!gateway && !internet)
        return QueuePlace::Unknown;
    const double worst = std::max(gateway.value_or(0), internet.value_or(0));
    if (worst < kQueueWorthNamingMs)
        return QueuePlace::None;
    if (!gateway)
        return QueuePlace::NoGatewaySplit;
    if (*gateway >= kQueueWorthNamingMs && (!internet || *gateway >= kOwnNetworkShare * *internet))
        return QueuePlace::OwnNetwork;
    return QueuePlace::BeyondRouter;
}

QString queuePlaceText(const BufferbloatSplit &s)
{
    switch (queuePlace(s)) {
    case QueuePlace::Unknown:
        return tr("Not enough pings around the tests yet to tell where delay builds up (at least 3 per class, idle and loaded).");
    case QueuePlace::None:
        return tr("Neither your router nor the internet slows down much under load: no queue worth naming on this link.");
    case QueuePlace::BeyondRouter:
        return tr("Pings to your router stay low while internet pings rise: the queue sits beyond your router "
                  "(the modem, the access line or your provider's network).");
    case QueuePlace::OwnNetwork:
        return tr("Pings to your router rise too: the queue sits in your own network or its uplink "
                  "(Wi-Fi, the local link, the router itself).");
    case QueuePlace::NoGatewaySplit:
        return tr("Internet pings rise under load, but without pings to your router it cannot be told whether the queue "
                  "sits in your own network or beyond it.");
    }
    return {};
}

QString throughputHelp()
{
    return tr("Median of the last 5 tests of each direction: 4 parallel HTTP streams to the throughput server, sized "
              "by calibration to last about 4 s (15 s on a satellite link). Calibration steps and out-of-family results "
              "(more than 50 % off the recent median) are left out. Tiers: download superior ≥ 200, excellent ≥ 100, "
              "good ≥ 25, fair ≥ 12, impaired ≥ 3 Mbit/s; upload superior ≥ 100, excellent ≥ 25, good ≥ 5, fair ≥ 1, "
              "impaired ≥ 0.5 Mbit/s.");
}

QString bufferbloatHelp()
{
    return tr("Bufferbloat: how much longer a ping takes while a test fills the link (median of the loaded pings minus "
              "median of the idle ones within 10 minutes of the tests). Pings 0.5 s before and 2 s after a test count as "
              "neither. Rated excellent < 20 ms, good < 50, fair < 100, impaired < 200, broken ≥ 200 ms; the worse "
              "direction decides.");
}

QString rpmHelp()
{
    return tr("Responsiveness in round trips per minute: 60,000 ÷ the median loaded ping in ms (the worse direction). "
              "Higher is better; what a video call or a game feels while something else downloads.");
}

QString loadClassHelp(LoadClass loadClass)
{
    switch (loadClass) {
    case LoadClass::Idle:
        return tr("Pings within 10 minutes of a test, but not during one (nor 0.5 s before or 2 s after)");
    case LoadClass::Download: return tr("Pings sent while a download test filled the link");
    case LoadClass::Upload: return tr("Pings sent while an upload test filled the link");
    case LoadClass::Guard: break;
    }
    return {};
}

} // namespace pathlens::core
