// SPDX-License-Identifier: GPL-3.0-or-later
// Logging sinks and the Qt message handler that routes qDebug/qWarning into spdlog.
#include "core/base/logging.h"

#include <QDir>
#include <QFileInfo>

#include <spdlog/async.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <vector>

namespace pathlens::core {

namespace {
std::mutex g_mutex;
std::vector<spdlog::sink_ptr> g_sinks;
bool g_initialized = false;
spdlog::level::level_enum g_level = spdlog::level::info;

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    auto log = logger("qt");
    const std::string text = message.toStdString();
    const char *category = context.category ? context.category : "default";
    switch (type) {
    case QtDebugMsg:
        log->debug("[{}] {}", category, text);
        break;
    case QtInfoMsg:
        log->info("[{}] {}", category, text);
        break;
    case QtWarningMsg:
        log->warn("[{}] {}", category, text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        log->critical("[{}] {}", category, text);
        break;
    }
}
} // namespace

bool initLogging(const LogOptions &options)
{
    std::lock_guard lock(g_mutex);
    if (g_initialized)
        return true;
    const auto level = spdlog::level::from_str(options.level.toStdString());
    const bool levelOk = level != spdlog::level::off || options.level == QLatin1String("off");
    g_level = levelOk ? level : spdlog::level::info;

    if (options.toStderr)
        g_sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    if (!options.filePath.isEmpty()) {
        QDir().mkpath(QFileInfo(options.filePath).absolutePath());
        try {
            // 5 MiB × 3 files: a week of info-level logs, bounded on disk.
            g_sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                options.filePath.toStdString(), 5 * 1024 * 1024, 3));
        } catch (const spdlog::spdlog_ex &e) {
            fprintf(stderr, "pathlens: cannot write log file %s: %s\n", qPrintable(options.filePath), e.what());
        }
    }
    spdlog::init_thread_pool(8192, 1); // queue of 8192 messages, one background thread
    g_initialized = true;
    qInstallMessageHandler(qtMessageHandler);
    if (!levelOk)
        logger("app")->warn("unknown log level '{}', using info (use trace, debug, info, warn, error, critical, off)",
                            options.level.toStdString());
    return levelOk;
}

void shutdownLogging()
{
    qInstallMessageHandler(nullptr);
    spdlog::shutdown();
    std::lock_guard lock(g_mutex);
    g_sinks.clear();
    g_initialized = false;
}

std::shared_ptr<spdlog::logger> logger(const char *name)
{
    if (auto existing = spdlog::get(name))
        return existing;
    std::lock_guard lock(g_mutex);
    if (auto existing = spdlog::get(name))
        return existing;
    std::shared_ptr<spdlog::logger> log;
    if (g_initialized) {
        log = std::make_shared<spdlog::async_logger>(name, g_sinks.begin(), g_sinks.end(), spdlog::thread_pool(),
                                                     spdlog::async_overflow_policy::overrun_oldest);
    } else {
        log = std::make_shared<spdlog::logger>(name, std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    }
    log->set_level(g_level);
    log->flush_on(spdlog::level::warn);
    spdlog::register_logger(log);
    return log;
}

QString defaultLogPath(const QString &program)
{
    // XDG state directory (QStandardPaths only knows it from Qt 6.7 on).
    QString base = qEnvironmentVariable("XDG_STATE_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base + QStringLiteral("/pathlens/") + program + QStringLiteral(".log");
}

} // namespace pathlens::core
