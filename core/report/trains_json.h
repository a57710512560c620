// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity results and deep diagnoses as JSON: report --json and `pathlens-agent capacity --json`.
#pragma once

#include "core/trains/capacity_result.h"
#include "core/trains/hop_diagnosis.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pathlens::core {

// {utc, target, address, mode, direction, phase, total_mbps, measured_mbps, available_mbps,
//  utilised_mbps, latency_ms, loss_pct, jitter_ms, voice_loss_pct, voice_jitter_ms, voice_mos,
//  codec, doubtful, reason, packet_bytes, packets, bytes, dscp}; absent figures are null.
QJsonObject capacityJson(const CapacityResult &r);
// {utc, target, trigger, verdict, culprit_ttl, culprit_addr, dscp_note, sent_dscp, packets, bytes,
//  duration_s, hops [{ttl, addr, destination, sent, received, loss_pct, capacity_mbps, latency_ms,
//  dscp, rate_limited}]}
QJsonObject diagnosisJson(const Diagnosis &d);


} // namespace pathlens::core
