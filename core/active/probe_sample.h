// SPDX-License-Identifier: GPL-3.0-or-later
// One active probe result as it crosses from the probe collector to the store and the analysis.
#pragma once

#include "core/active/probe_analysis.h"

#include <QMetaType>
#include <QString>

#include <optional>
#include <vector>

namespace pathlens::core {

struct ProbeSample {
    TimestampUs utcUs = 0;        // when the probe was sent
    QString probe;                // icmp, udp_dns, tcp_connect, http_head, quic, dns_system (CSV types)
    QString target;               // address or host name probed
    qint64 seq = 0;               // per (probe, target) sequence; gaps are losses
    std::optional<double> rttMs;  // nullopt: lost / timed out / failed
    std::optional<double> dnsMs;  // name-resolution part where the probe has one
    QString notes;                // key=value extras (headers, error, mode=dgram|raw, gateway=1, …)

    ProbeObservation observation() const { return {utcUs, seq, rttMs}; }
};

} // namespace pathlens::core

Q_DECLARE_METATYPE(std::vector<pathlens::core::ProbeSample>)
