// SPDX-License-Identifier: GPL-3.0-or-later
// Texts of the Capacity page in one place, so every widget says the same thing the same way.
#include "views/trains/capacity_text.h"

#include "core/base/units_format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace pathlens::views {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::Capacity", text);
}
const QString kNone = QStringLiteral("—");
} // namespace

QString capacityDirectionText(core::CapacityDirection direction)
{
    switch (direction) {
    case core::CapacityDirection::RoundTrip: return tr("both directions (the slower one)");
    case core::CapacityDirection::Forward: return tr("outbound");
    case core::CapacityDirection::Reverse: return tr("inbound");
    }
    return {};
}

QString capacityPathText(const QString &target, const QString &address, core::CapacityDirection direction)
{
    const QString who = address.isEmpty() || address == target ? target : QStringLiteral("%1 (%2)").arg(target, address);
    return QStringLiteral("%1 — %2").arg(who, capacityDirectionText(direction));
}

QString capacityPhaseText(core::CapacityPhase phase)
{
    switch (phase) {
    case core::CapacityPhase::OneOff: return tr("one-off measurement");
    case core::CapacityPhase::Continuous: return tr("regular measurement");
    case core::CapacityPhase::Confirming: return tr("confirmation sample");
    }
    return {};
}

QString capacityModeText(core::CapacityMode mode)
{
    return mode == core::CapacityMode::DualEnded ? tr("agent reflector, dual-ended") : tr("ICMP echo, single-ended");
}

QString mbpsText(const std::optional<double> &mbps)
{
    if (!mbps)
        return kNone;
    // Nothing in use is "0 Mbit/s", not "0.00 bit/s": the unit stays that of the figures beside it.
    return *mbps == 0 ? QStringLiteral("0 Mbit/s") : core::formatBitrate(*mbps * 1e6);
}

QString msText(const std::optional<double> &ms)
{
    return ms ? core::formatMs(*ms) : kNone;
}

QString percentText(const std::optional<double> &pct)
{
    return pct ? core::formatPercent(*pct) : kNone;
}

QString mosText(double mos)
{
    return QLocale().toString(mos, 'f', 2);
}

QString utcTimeText(core::TimestampUs utcUs)
{
    return QDateTime::fromMSecsSinceEpoch(utcUs / 1000, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'"));
}

QString utcDateTimeText(core::TimestampUs utcUs)
{
    return QDateTime::fromMSecsSinceEpoch(utcUs / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString utcStampText(core::TimestampUs utcUs)
{
    return QDateTime::fromMSecsSinceEpoch(utcUs / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString totalCapacityHelp()
{
    return tr("Total capacity: what the path carries when nothing else uses it. Each train's packet bits divided by "
              "the smallest spacing its packets arrived with (trains without loss only); the figure shown is the "
              "peak of the last 3 hours.");
}

QString availableCapacityHelp()
{
    return tr("Available capacity: what is left for you right now. Packets paced right behind the train keep the "
              "bottleneck's queue standing, so other traffic is queued between them and widens their spacing: "
              "total − that traffic's rate. Without such packets (the first estimate of a series), the delivered bits "
              "over their spread, lost packets taken into account.");
}

QString utilisedCapacityHelp()
{
    return tr("Utilised capacity: what other traffic is using, total − available.");
}

QString trainLatencyHelp()
{
    return tr("Latency: half the round trip of the fastest test packet (the path's one-way delay without queueing).");
}

QString dataLossHelp()
{
    return tr("Data loss: the share of full-size test packets that never came back.");
}

QString dataJitterHelp()
{
    return tr("Data jitter: how much the arrival spacing of the test packets varies (mean absolute difference).");
}

QString voiceMosHelp()
{
    return tr("Voice quality: mean opinion score from 1 (bad) to 5 (excellent) by the ITU-T G.107 E-model, from a "
              "train of small packets sent at the codec's spacing. Above 4 is good, below 3.6 people notice.");
}

QString voiceLossJitterHelp()
{
    return tr("Loss and jitter of the voice train (small packets at the codec's spacing).");
}

QString testTrafficHelp()
{
    return tr("What this estimate cost the network: test packets sent (data and voice trains) and their bytes.");
}

QString doubtfulHelp()
{
    return tr("Doubtful: the trains cannot support a capacity figure (for example every train lost packets, or a "
              "shaper let a burst through unspaced), so none is shown. Latency, loss and voice figures still hold.");
}

QString confirmationHelp()
{
    return tr("Confirmation samples: after a dysfunction is seen, a sample every 6 s (10 samples) confirms it "
              "before the deep diagnosis probes every hop.");
}

} // namespace pathlens::views
