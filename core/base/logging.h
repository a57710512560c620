// SPDX-License-Identifier: GPL-3.0-or-later
// spdlog set-up: named loggers per subsystem, async rotating file + stderr, Qt messages forwarded.
#pragma once

#include <QString>

#include <memory>

namespace spdlog {
class logger;
}

namespace pathlens::core {

struct LogOptions {
    QString level = QStringLiteral("info"); // trace, debug, info, warn, error, critical, off
    QString filePath;                        // empty: no file
    bool toStderr = true;
};

// Idempotent; the first call wins. Returns false (and logs to stderr) for an unknown level.
bool initLogging(const LogOptions &options);
void shutdownLogging();

// A named logger ("store", "collect.tcp", "probe.icmp", "ui"...) sharing the configured sinks.
std::shared_ptr<spdlog::logger> logger(const char *name);

// Default log file: <state dir>/pathlens/<program>.log
QString defaultLogPath(const QString &program);

} // namespace pathlens::core
