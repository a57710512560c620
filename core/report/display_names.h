// SPDX-License-Identifier: GPL-3.0-or-later
// The names people read for stored identifiers: capture tables, event kinds, collectors, mesh states,
// grades and tiers (probe kinds are in core/active/probe_kind.h). Legends, tooltips and the report use
// these; an identifier is never shown. Files (CSV, JSON, Prometheus) keep the identifiers.
#pragma once

#include "core/active/quality_tiers.h"
#include "core/mesh/mesh_matrix.h"
#include "core/passive/grading.h"
#include "core/store/capture_tables.h"

#include <QString>

namespace pathlens::core {

QString tableDisplayName(Table table);          // "probe samples", "TCP sessions", …
QString eventKindDisplayName(const QString &kind); // "Route change", …; unknown kinds read as words
QString collectorDisplayName(const QString &name); // "TCP statistics" for "tcp", …
QString meshStateDisplayName(MeshState state);     // "within its best", … (the heat-map and the report)
// Grades and tiers as the window shows them, in its language; gradeName()/tierName() stay the stored
// and JSON identifiers.
QString gradeDisplayName(Grade grade); // "Excellent" … "Ungraded"
QString tierDisplayName(Tier tier);    // "superior" … "broken"

} // namespace pathlens::core
