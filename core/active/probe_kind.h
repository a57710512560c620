// SPDX-License-Identifier: GPL-3.0-or-later
// Every kind of active probe in one table: the stored identifier (capture and CSV), the command-line
// flag, and the names a person reads (legends, tooltips, report). Identifiers are never shown.
#pragma once

#include <QString>

#include <optional>
#include <span>

namespace pathlens::core {

enum class ProbeKind { Icmp, UdpDns, TcpConnect, HttpHead, DnsSystem, Quic };

struct ProbeKindInfo {
    ProbeKind kind;
    const char *id;          // stored in probe_samples.probe and CSV notes: icmp, udp_dns, …, quic
    const char *flag;        // --probes flag: icmp, udp, tcp, http, dns, quic
    const char *displayName; // "ICMP echo"
    const char *description; // one sentence for tooltips and the report
};

std::span<const ProbeKindInfo> allProbeKinds();
const ProbeKindInfo &probeKindInfo(ProbeKind kind);
std::optional<ProbeKind> probeKindFromId(const QString &id);
// The flag, the stored identifier, or the display name (case-insensitive).
std::optional<ProbeKind> probeKindFromFlag(const QString &flag);

QString probeKindId(ProbeKind kind);
// For a stored identifier: its display name; an unknown identifier (a newer capture) is shown as is.
QString probeDisplayName(const QString &id);
QString probeDescription(const QString &id);

} // namespace pathlens::core
