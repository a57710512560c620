// SPDX-License-Identifier: GPL-3.0-or-later
// Versioned capture schema: forward-only migrations keyed by PRAGMA user_version.
#pragma once

#include "core/base/result.h"

namespace pathlens::core {

class SqliteDb;

inline constexpr int kCaptureSchemaVersion = 5;
inline constexpr const char *kCaptureFormatName = "pathlens-capture";

// Applies every migration above the file's user_version up to `target`, each in its own
// transaction so an interrupted upgrade leaves the file at the last complete version.
Result<void> migrateCapture(SqliteDb &db, int target = kCaptureSchemaVersion);

// user_version of the open database.
int captureSchemaVersion(SqliteDb &db);

} // namespace pathlens::core
