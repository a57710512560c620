// SPDX-License-Identifier: GPL-3.0-or-later
// PcapFlow's small helpers: bounded RTT samples, endpoint text (RFC 5952), capture-point names.
#include "core/pcap/pcap_flow.h"

#include "core/stats/statistics.h"

#include <algorithm>

namespace pathlens::core {

void RttSamples::add(double ms)
{
    minMs = count ? std::min(minMs, ms) : ms;
    maxMs = count ? std::max(maxMs, ms) : ms;
    ++count;
    sumMs += ms;
    if (++sinceKept < stride)
        return;
    sinceKept = 0;
    samplesMs.push_back(float(ms));
    if (samplesMs.size() == size_t(kMaxKept)) {
        // Keep the odd positions: with stride s they are samples 2s, 4s, … — exactly stride 2s.
        for (size_t i = 0; i < samplesMs.size() / 2; ++i)
            samplesMs[i] = samplesMs[2 * i + 1];
        samplesMs.resize(samplesMs.size() / 2);
        stride *= 2;
    }
}

double RttSamples::medianMs() const
{
    return median(std::vector<double>(samplesMs.begin(), samplesMs.end()));
}

QString capturePointName(CapturePoint point)
{
    switch (point) {
    case CapturePoint::ClientSide: return QStringLiteral("client side");
    case CapturePoint::ServerSide: return QStringLiteral("server side");
    case CapturePoint::Unknown: break;
    }
    return QStringLiteral("unknown");
}

namespace {

QString ipv4Text(const quint8 *b)
{
    return QStringLiteral("%1.%2.%3.%4").arg(int(b[0])).arg(int(b[1])).arg(int(b[2])).arg(int(b[3]));
}

// RFC 5952 §4: lower-case hex, no leading zeros, the longest run (the first of equals) of two or more
// zero groups as "::"; §5: IPv4-mapped addresses end in dotted decimal.
QString ipv6Text(const std::array<quint8, 16> &ip)
{
    if (std::all_of(ip.begin(), ip.begin() + 10, [](quint8 b) { return b == 0; }) && ip[10] == 0xFF && ip[11] == 0xFF)
        return QStringLiteral("::ffff:") + ipv4Text(ip.data() + 12);
    quint16 g[8];
    for (int i = 0; i < 8; ++i)
        g[i] = quint16(ip[2 * i] << 8 | ip[2 * i + 1]);
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (g[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g[j] == 0)
            ++j;
        if (j - i > bestLen && j - i >= 2) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    QString out;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            out += QStringLiteral("::");
            i += bestLen - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(QLatin1Char(':')))
            out += QLatin1Char(':');
        out += QString::number(g[i], 16);
    }
    return out;
}

} // namespace

QString endpointText(const std::array<quint8, 16> &ip, bool ipv6, quint16 port)
{
    if (!ipv6)
        return ipv4Text(ip.data()) + QLatin1Char(':') + QString::number(port);
    return QStringLiteral("[") + ipv6Text(ip) + QStringLiteral("]:") + QString::number(port);
}

QString PcapFlow::clientEndpoint() const { return endpointText(clientIp, ipv6, clientPort); }
QString PcapFlow::serverEndpoint() const { return endpointText(serverIp, ipv6, serverPort); }

} // namespace pathlens::core
