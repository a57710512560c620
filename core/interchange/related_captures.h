// SPDX-License-Identifier: GPL-3.0-or-later
// Related captures (seed 004 "capture management"): the other files of one trip or test that a
// capture was linked to, as kept in its metadata. Values and their JSON only, so views can read
// them from a snapshot's metadata without opening a store.
#pragma once

#include "core/base/time_utc.h"

#include <QString>

#include <optional>
#include <vector>

namespace pathlens::core {

// Metadata key holding the JSON array (docs/capture-format.md).
inline constexpr const char *kRelatedCapturesMetaKey = "related_captures";

struct RelatedCapture {
    QString captureId;    // the other capture's meta capture_id: proves a found file is the one linked
    QString path;         // relative to this capture's folder (so a folder of captures can move)
    QString absolutePath; // as it was when linked: the fallback when the relative one is gone
    QString startedUtc;   // the other capture's span, for display without opening it
    QString endedUtc;
};

std::vector<RelatedCapture> relatedCapturesFromJson(const QString &json); // bad or empty → none
QString relatedCapturesToJson(const std::vector<RelatedCapture> &related);

// Where the related capture is now, seen from the capture at `ownerPath`: its relative path, else
// the absolute one, else a file of the same name beside the owner. nullopt when none exists.
std::optional<QString> resolveRelatedCapture(const RelatedCapture &related, const QString &ownerPath);

// A readable name for lists and banners: the file name without folder.
QString relatedCaptureName(const RelatedCapture &related);

} // namespace pathlens::core
