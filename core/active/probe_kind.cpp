// SPDX-License-Identifier: GPL-3.0-or-later
// The probe kind table.
#include "core/active/probe_kind.h"

#include <QCoreApplication>

#include <array>

namespace pathlens::core {

namespace {
// Display names and descriptions are marked for translation in the "ProbeKind" context.
constexpr std::array<ProbeKindInfo, 6> kKinds{{
    {ProbeKind::Icmp, "icmp", "icmp", QT_TRANSLATE_NOOP("ProbeKind", "ICMP echo"),
     QT_TRANSLATE_NOOP("ProbeKind", "Ping: the far host's kernel answers, so no application delay is included")},
    {ProbeKind::UdpDns, "udp_dns", "udp", QT_TRANSLATE_NOOP("ProbeKind", "DNS query (UDP)"),
     QT_TRANSLATE_NOOP("ProbeKind", "A minimal A query sent straight to a resolver; the transaction id is checked")},
    {ProbeKind::TcpConnect, "tcp_connect", "tcp", QT_TRANSLATE_NOOP("ProbeKind", "TCP connect"),
     QT_TRANSLATE_NOOP("ProbeKind", "Time from SYN to SYN-ACK, then the connection is closed")},
    {ProbeKind::HttpHead, "http_head", "http", QT_TRANSLATE_NOOP("ProbeKind", "HTTP request"),
     QT_TRANSLATE_NOOP("ProbeKind", "An HTTP HEAD request: name lookup, connect, TLS and first byte, reusing kept connections")},
    {ProbeKind::DnsSystem, "dns_system", "dns", QT_TRANSLATE_NOOP("ProbeKind", "System resolver"),
     QT_TRANSLATE_NOOP("ProbeKind", "A name lookup through the system resolver: what applications see, cache included")},
    // "quic": the word the seed tool's CSV uses, so its rows import as this kind.
    {ProbeKind::Quic, "quic", "quic", QT_TRANSLATE_NOOP("ProbeKind", "QUIC handshake"),
     QT_TRANSLATE_NOOP("ProbeKind", "A full QUIC and TLS 1.3 handshake over UDP (HTTP/3), then closed: TCP accelerators cannot intercept it")},
}};
} // namespace

std::span<const ProbeKindInfo> allProbeKinds()
{
    return kKinds;
}

const ProbeKindInfo &probeKindInfo(ProbeKind kind)
{
    return kKinds.at(size_t(kind));
}

std::optional<ProbeKind> probeKindFromId(const QString &id)
{
    for (const ProbeKindInfo &k : kKinds)
        if (id == QLatin1String(k.id))
            return k.kind;
    return std::nullopt;
}

std::optional<ProbeKind> probeKindFromFlag(const QString &flag)
{
    const QString f = flag.trimmed();
    for (const ProbeKindInfo &k : kKinds)
        if (f.compare(QLatin1String(k.flag), Qt::CaseInsensitive) == 0 || f.compare(QLatin1String(k.id), Qt::CaseInsensitive) == 0 ||
            f.compare(QLatin1String(k.displayName), Qt::CaseInsensitive) == 0)
            return k.kind;
    return std::nullopt;
}

QString probeKindId(ProbeKind kind)
{
    return QString::fromLatin1(probeKindInfo(kind).id);
}

QString probeDisplayName(const QString &id)
{
    const auto kind = probeKindFromId(id);
    return kind ? QCoreApplication::translate("ProbeKind", probeKindInfo(*kind).displayName) : id;
}

QString probeDescription(const QString &id)
{
    const auto kind = probeKindFromId(id);
    return kind ? QCoreApplication::translate("ProbeKind", probeKindInfo(*kind).description) : QString();
}

} // namespace pathlens::core
