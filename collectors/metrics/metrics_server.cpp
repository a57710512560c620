// SPDX-License-Identifier: GPL-3.0-or-later
// The /metrics endpoint on cpp-httplib, with the speed server's listening-socket handling (a port in
// use is an error, stop() returns at once).
#include "collectors/metrics/metrics_server.h"

#include "collectors/load/listen_socket.h"
#include "core/base/logging.h"
#include "core/report/prometheus_text.h"
#include "pathlens/version.h"

#include <QHostAddress>

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>

namespace pathlens::collect {

namespace {
constexpr size_t kThreads = 2; // a Prometheus server or two scraping every few seconds
} // namespace

MetricsServer::MetricsServer(MetricsServerOptions options) : m_options(std::move(options)) {}

MetricsServer::~MetricsServer() { stop(); }

QString MetricsServer::url() const
{
    const QHostAddress a(m_options.bindAddress);
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(m_options.bindAddress)
                                                                        : m_options.bindAddress;
    return QStringLiteral("http://%1:%2/metrics").arg(host).arg(m_port);
}

void MetricsServer::setText(QByteArray text)
{
    const std::lock_guard lock(m_mutex);
    m_text = std::move(text);
}

core::Result<void> MetricsServer::start()
{
    if (m_thread.joinable())
        return {};
    const MetricsServerOptions &o = m_options;
    if (QHostAddress(o.bindAddress).isNull() || o.port < 0 || o.port > 65535)
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("'%1:%2' is not an address and port to serve metrics on")
                                                                  .arg(o.bindAddress).arg(o.port),
                               QStringLiteral("--metrics 127.0.0.1:9464 (or [::1]:9464; 0.0.0.0:9464 to let other hosts scrape)"));
    m_server = std::make_unique<httplib::Server>();
    m_server->new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
    m_server->set_socket_options([](socket_t s) { setListenSocketOptions(qintptr(s)); });
    m_server->set_default_headers({{"Server", std::string("pathlens-agent/") + kVersion}, {"Cache-Control", "no-store"}});
    m_server->Get("/metrics", [this](const httplib::Request &, httplib::Response &res) {
        QByteArray text;
        {
            const std::lock_guard lock(m_mutex);
            text = m_text; // implicitly shared: the copy is a reference count
        }
        res.set_content(text.constData(), size_t(text.size()), core::kPrometheusContentType);
    });
    m_server->Get("/", [](const httplib::Request &, httplib::Response &res) {
        res.set_content("pathlens-agent: metrics are at /metrics\n", "text/plain; charset=utf-8");
    });
    const std::string host = o.bindAddress.toStdString();
    errno = 0;
    const int bound = o.port == 0 ? m_server->bind_to_any_port(host) : (m_server->bind_to_port(host, o.port) ? o.port : -1);
    if (bound <= 0) {
        core::Error e = listenError(o.bindAddress, o.port);
        e.message.replace(QLatin1String("cannot listen on"), QLatin1String("cannot serve metrics on"));
        e.remedy = QStringLiteral("choose another port or address with --metrics ADDR:PORT (the default is 127.0.0.1:%1; ss -ltnp "
                                  "'sport = :%2' names what listens there)")
                       .arg(kDefaultPort)
                       .arg(o.port);
        m_server.reset();
        return e;
    }
    m_port = quint16(bound);
    m_listenEnded = false;
    m_thread = std::thread([this] {
        m_server->listen_after_bind();
        m_listenEnded = true;
    });
    core::logger("metrics")->info("Prometheus metrics on {}", url().toStdString());
    return {};
}

void MetricsServer::stop()
{
    if (!m_thread.joinable())
        return;
    // As SpeedServer::stop(): httplib's stop() does nothing before its accept loop has begun, and a
    // scraper's idle keep-alive would hold a pool thread until it times out.
    for (int i = 0; i < 2000 && !m_server->is_running() && !m_listenEnded; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    m_server->stop();
    for (int i = 0; i < 250 && !m_listenEnded; ++i) {
        shutdownAcceptedConnections(m_port);
        if (!m_listenEnded)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    m_thread.join();
    m_server.reset();
}

} // namespace pathlens::collect
