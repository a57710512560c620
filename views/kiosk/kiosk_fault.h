// SPDX-License-Identifier: GPL-3.0-or-later
// What is wrong with the live measurements, in a few words for a wall screen: collectors that
// stopped or failed, measurements that stopped arriving, a link where no probe is answered.
#pragma once

#include "core/base/collector_status.h"
#include "core/pipeline/capture_snapshot.h"

#include <QString>

#include <vector>

namespace pathlens::views {

// No new sample for this long (live): the measurements stopped. Probes go every few seconds.
inline constexpr core::TimestampUs kKioskStaleUs = 60'000'000;
// Probes sent but none answered for this long: the link is down.
inline constexpr core::TimestampUs kKioskLinkDownUs = 30'000'000;

// "" when nothing is wrong. `snapshot` may be null (nothing shown yet). Pure: the caller says when
// "now" is, so a wall screen re-asks every few seconds even when no snapshot arrives.
QString kioskFaultText(const core::CaptureSnapshot *snapshot, const std::vector<core::CollectorStatus> &collectors,
                       core::TimestampUs nowUs);

// "45 s", "2 min", "3 h": whole units, read at a glance.
QString kioskShortDuration(core::TimestampUs us);

} // namespace pathlens::views
