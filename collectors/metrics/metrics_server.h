// SPDX-License-Identifier: GPL-3.0-or-later
// GET /metrics for Prometheus (issue 17 item 4) through cpp-httplib: serves the last text it was
// given, nothing more. Formatting happens where the snapshot arrives, never on the HTTP threads.
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace httplib {
class Server;
} // namespace httplib

namespace pathlens::collect {

struct MetricsServerOptions {
    QString bindAddress = QStringLiteral("127.0.0.1"); // loopback unless the user names another address
    int port = 9464;                                   // Prometheus' registry entry for exporters like this; 0: any free port
};

// Threading: construct, start(), stop() and destroy from one thread; setText() from any thread. The
// text sits behind a mutex; a scrape copies it (a few KB) and answers from the copy.
class MetricsServer {
public:
    static constexpr int kDefaultPort = 9464;

    explicit MetricsServer(MetricsServerOptions options);
    ~MetricsServer(); // stop()
    MetricsServer(const MetricsServer &) = delete;
    MetricsServer &operator=(const MetricsServer &) = delete;

    // Binds and starts serving; an error names the fix (port in use, not an address of this host).
    core::Result<void> start();
    void stop();

    quint16 port() const { return m_port; }
    QString url() const; // e.g. "http://127.0.0.1:9464/metrics"
    void setText(QByteArray text);

private:
    const MetricsServerOptions m_options;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    std::atomic<bool> m_listenEnded{false};
    quint16 m_port = 0;
    mutable std::mutex m_mutex;
    QByteArray m_text;
};

} // namespace pathlens::collect
