// SPDX-License-Identifier: GPL-3.0-or-later
// Where the active probes point: embedded defaults, a config file, and the lab/test override.
#pragma once

#include "result.h"

#include <QStringList>

namespace pathlens::core {

struct ProbeTargets {
    QString gateway = QStringLiteral("auto"); // "auto", "off" or an address
    QStringList internet;   // ICMP / TCP targets
    QStringList resolvers;  // UDP DNS targets
    QStringList httpHosts;  // CDN and canary hosts for HTTP HEAD / QUIC
    QString dnsName;        // name resolved through the system resolver
    QString traceTarget;    // periodic traceroute target
    QString source = QStringLiteral("embedded defaults"); // where these came from, shown in the UI

    QStringList all() const; // every host a probe may contact (gateway excluded)
};

// Right for users; never used on the development and CI machines (see targetsFromEnvironment).
ProbeTargets embeddedTargets();

// Environment switch PATHLENS_TARGETS replaces every default target:
//   "loopback"      → 127.0.0.1 for every role, gateway off
//   "h1,h2,..."     → those hosts for every role, gateway off
// Unset or empty → `base` unchanged — except when the CI variable is set: then loopback, so a
// CI machine never probes the public defaults.
inline constexpr const char *kTargetsEnvVar = "PATHLENS_TARGETS";
ProbeTargets applyTargetOverride(ProbeTargets base, const QString &overrideValue);
ProbeTargets targetsFromEnvironment(ProbeTargets base = embeddedTargets());

// JSON config: {"gateway": "auto", "internet": [...], "resolvers": [...], "http_hosts": [...],
// "dns_name": "...", "trace_target": "..."}; absent keys keep `base`.
Result<ProbeTargets> loadTargetsConfig(const QString &path, ProbeTargets base = embeddedTargets());

} // namespace pathlens::core
