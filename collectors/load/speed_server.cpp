// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput endpoints on cpp-httplib: routes, admission, streaming and the /stats document.
#include "collectors/load/speed_server.h"

#include "collectors/load/listen_socket.h"
#include "core/base/logging.h"
#include "pathlens/version.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>

namespace pathlens::collect {

namespace {

// One send() per 256 KiB. 512 MiB downloads over loopback (curl, median of 5 on a 2-CPU VM): 64 KiB
// chunks 20.9 Gbit/s for 0.09 s of server CPU, 256 KiB 22.2 Gbit/s for 0.04 s, 1 MiB 21.6 Gbit/s for
// 0.05 s. One buffer serves every connection, and the stop flag is read every 21 ms at 100 Mbit/s.
constexpr size_t kChunkBytes = 256 * 1024;
// Four streams per client (SPEC §2) from four clients at once; further connections wait in the
// queue, not in the kernel's backlog.
constexpr size_t kThreads = 16;
// A calibration series (5 sizes, both directions) stays on its connections; httplib's default is 5.
constexpr size_t kKeepAliveRequests = 100;
// A client opens its streams first and starts them together; on a GEO path with TLS the last stream's
// handshake can take seconds, so an idle connection waits this long. httplib's default, 5 s, could
// close a warmed-up stream and make it reconnect inside the timed window (found in review, not seen
// in the lab, whose GEO tests run no throughput).
constexpr time_t kKeepAliveIdleS = 30;
// The body of a refused upload sent without Expect: 100-continue is read and dropped up to this, so
// the client reads the 429 instead of a reset: the client's largest transfer is 50 MB (issue 14).
constexpr qint64 kDrainLimitBytes = 64LL * 1024 * 1024;
// Upload progress reaches the ledger (and /stats) at least every MiB: one lock per 4 KiB read would
// be 131,072 locks per 512 MiB.
constexpr qint64 kUploadFlushBytes = 1024 * 1024;

const char *const kTextPlain = "text/plain; charset=utf-8";

// One key per client host: an IPv4 client of a dual-stack ("::") listener arrives as ::ffff:a.b.c.d.
QString clientKey(const std::string &remote)
{
    const QHostAddress address(QString::fromStdString(remote));
    if (address.isNull())
        return QString::fromStdString(remote);
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

std::optional<qint64> parseCount(const std::string &text)
{
    qint64 value = 0;
    const char *begin = text.data(), *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (text.empty() || ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

void plain(httplib::Response &res, int status, const QString &text)
{
    res.status = status;
    res.set_content(text.toStdString() + "\n", kTextPlain);
}

bool isChunked(const httplib::Request &req)
{
    return QString::fromStdString(req.get_header_value("Transfer-Encoding")).contains(QLatin1String("chunked"), Qt::CaseInsensitive);
}

QJsonObject countersJson(const core::TransferCounters &c)
{
    return QJsonObject{{"bytes_sent", c.bytesSent},   {"bytes_received", c.bytesReceived}, {"transfers", c.transfers},
                       {"incomplete", c.incomplete},  {"rejections", c.rejections},        {"discarded_bytes", c.discardedBytes}};
}

const QString kLimitText = QStringLiteral("1 to %1 (1 GiB)").arg(SpeedServer::kMaxTransferBytes);

} // namespace

SpeedServer::SpeedServer(SpeedServerOptions options)
    : m_options(std::move(options)), m_pattern(kChunkBytes), m_ledger(m_options.budgetBytes, m_options.clockMs),
      m_rejectLeft(std::max(0, m_options.rejectFirst))
{
    // Not zeros: nothing on the way (a proxy, a VPN that compresses) may shrink the transfer. We
    // never compress (application/octet-stream is not a compressible type for httplib).
    quint32 x = 2463534242u; // xorshift32 (Marsaglia 2003) with its published seed
    for (char &c : m_pattern) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char(x);
    }
}

SpeedServer::~SpeedServer()
{
    stop();
}

QString SpeedServer::url() const
{
    const QHostAddress a(m_options.bindAddress);
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(m_options.bindAddress)
                                                                        : m_options.bindAddress;
    return QStringLiteral("%1://%2:%3").arg(tls() ? QStringLiteral("https") : QStringLiteral("http"), host).arg(m_port);
}

core::Result<void> SpeedServer::start()
{
    if (running())
        return {};
    const SpeedServerOptions &o = m_options;
    if (QHostAddress(o.bindAddress).isNull())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("'%1' is not an IP address to listen on").arg(o.bindAddress),
                               QStringLiteral("--bind takes an address literal: 0.0.0.0 (all IPv4), :: (all), 127.0.0.1 …"));
    if (o.port < 0 || o.port > 65535 || o.budgetBytes < 0 || o.rejectFirst < 0 || (o.rejectStatus != 429 && o.rejectStatus != 403))
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("bad speed server option"),
                               QStringLiteral("--port 0..65535, --budget-mb ≥ 0, --reject-first ≥ 0, --reject-status 429 or 403"));
    if (o.certificatePath.isEmpty() != o.keyPath.isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("TLS needs a certificate and its key"),
                               QStringLiteral("--tls CERT.pem KEY.pem"));
    if (tls()) {
        for (const QString &path : {o.certificatePath, o.keyPath}) {
            const QFileInfo f(path);
            if (!f.isFile() || !f.isReadable())
                return core::makeError(core::ErrorCode::NotFound, QStringLiteral("cannot read %1").arg(path),
                                       QStringLiteral("give readable PEM files; make a pair with openssl req -x509 -newkey ec -pkeyopt "
                                                      "ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem -days 365 "
                                                      "-subj /CN=HOST"));
        }
        m_server = std::make_unique<httplib::SSLServer>(QFile::encodeName(o.certificatePath).constData(),
                                                        QFile::encodeName(o.keyPath).constData());
        if (!m_server->is_valid()) {
            m_server.reset();
            return core::makeError(core::ErrorCode::InvalidInput,
                                   QStringLiteral("the TLS certificate %1 and key %2 do not load: not PEM, encrypted, or the key "
                                                  "is not the certificate's")
                                       .arg(o.certificatePath, o.keyPath),
                                   QStringLiteral("check the pair with: openssl x509 -in %1 -noout -pubkey; openssl pkey -in %2 -pubout "
                                                  "(the two must match; the key without a passphrase)")
                                       .arg(o.certificatePath, o.keyPath));
        }
    } else {
        m_server = std::make_unique<httplib::Server>();
    }
    m_server->new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
    m_server->set_socket_options([](socket_t s) { setListenSocketOptions(qintptr(s)); });
    m_server->set_keep_alive_max_count(kKeepAliveRequests);
    m_server->set_keep_alive_timeout(kKeepAliveIdleS);
    m_server->set_default_headers({{"Server", std::string("pathlens-agent/") + kVersion}, {"Cache-Control", "no-store"}});
    routes();

    const std::string host = o.bindAddress.toStdString();
    errno = 0;
    const int bound = o.port == 0 ? m_server->bind_to_any_port(host) : (m_server->bind_to_port(host, o.port) ? o.port : -1);
    if (bound <= 0) {
        const core::Error e = listenError(o.bindAddress, o.port);
        m_server.reset();
        return e;
    }
    m_port = quint16(bound);
    m_stopping = false;
    m_listenEnded = false;
    m_thread = std::thread([this] {
        m_server->listen_after_bind(); // returns after stop(), once every connection thread has ended
        m_listenEnded = true;
    });
    core::logger("load")->info("throughput endpoints on {} (budget {} bytes per client per 30 min{})", url().toStdString(),
                               o.budgetBytes,
                               o.rejectFirst > 0 ? QStringLiteral("; test mode: the first %1 transfers answered %2")
                                                       .arg(o.rejectFirst)
                                                       .arg(o.rejectStatus)
                                                       .toStdString()
                                                 : std::string());
    return {};
}

void SpeedServer::stop()
{
    if (!m_thread.joinable())
        return;
    m_stopping = true; // transfers end at their next chunk
    // httplib's stop() does nothing before its accept loop has begun: a stop right after start()
    // would leave the loop running. Wait for it (bounded: 2 s).
    for (int i = 0; i < 2000 && !m_server->is_running() && !m_listenEnded; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    m_server->stop();  // closes the listener; the accept thread then joins the connection threads
    // Connection threads waiting on a socket (an idle keep-alive, a peer that stopped reading) wake
    // up when it is shut down. A connection accepted just before the listener closed may reach the
    // pool a moment later: sweep until the accept thread is done (bounded: 250 × 20 ms).
    for (int i = 0; i < 250 && !m_listenEnded; ++i) {
        shutdownAcceptedConnections(m_port);
        if (!m_listenEnded)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    m_thread.join();
    m_server.reset();
    const core::TransferCounters t = totals();
    core::logger("load")->info("throughput endpoints stopped: {} bytes sent, {} received in {} transfers ({} refused)", t.bytesSent,
                               t.bytesReceived, t.transfers, t.rejections);
}

void SpeedServer::routes()
{
    httplib::Server &s = *m_server;
    s.Get("/download", [this](const httplib::Request &req, httplib::Response &res) { download(req, res); });
    s.Post("/upload", [this](const httplib::Request &req, httplib::Response &res, const httplib::ContentReader &reader) {
        upload(req, res, reader);
    });
    s.Get("/stats", [this](const httplib::Request &, httplib::Response &res) {
        res.set_content(statsJson().toStdString(), "application/json");
    });
    s.set_expect_100_continue_handler([this](const httplib::Request &req, httplib::Response &res) { return expectContinue(req, res); });
    s.set_error_handler([](const httplib::Request &, httplib::Response &res) {
        if (!res.body.empty())
            return;
        if (res.status == 404)
            plain(res, 404, QStringLiteral("no such endpoint: GET /download?bytes=N, POST /upload and GET /stats are served here"));
        else
            plain(res, res.status, QStringLiteral("request refused (HTTP %1)").arg(res.status));
    });
    s.set_exception_handler([](const httplib::Request &, httplib::Response &res, std::exception_ptr) {
        plain(res, 500, QStringLiteral("internal error"));
    });
}

SpeedServer::Decision SpeedServer::refusal(int status, int retryAfterS, const QString &reason)
{
    Decision d;
    d.status = status;
    d.retryAfterS = retryAfterS;
    d.reason = reason;
    return d;
}

SpeedServer::Decision SpeedServer::decide(const QString &client, qint64 bytes, core::TransferDirection direction, bool charge)
{
    std::lock_guard lock(m_mutex);
    if (m_rejectLeft > 0) {
        --m_rejectLeft;
        m_ledger.recordRejection(client);
        // No Retry-After: the client's own backoff (30 s doubling to 120 s) is what this mode tests.
        return refusal(m_options.rejectStatus, 0,
                       QStringLiteral("test mode (--reject-first %1): %2 more transfers will be refused")
                           .arg(m_options.rejectFirst)
                           .arg(m_rejectLeft));
    }
    core::TransferAdmission a = charge ? m_ledger.admit(client, bytes, direction) : m_ledger.check(client, bytes);
    if (!a.admitted && !charge)
        m_ledger.recordRejection(client); // admit() counts its own; this refusal is as final
    if (!a.admitted)
        return refusal(429, a.retryAfterS, a.reason);
    Decision d;
    d.admitted = true;
    d.ticket = a.ticket;
    return d;
}

void SpeedServer::progress(qint64 ticket, qint64 bytes)
{
    std::lock_guard lock(m_mutex);
    m_ledger.progress(ticket, bytes);
}

void SpeedServer::finish(qint64 ticket)
{
    std::lock_guard lock(m_mutex);
    m_ledger.finish(ticket);
}

namespace {
void refuse(httplib::Response &res, int status, int retryAfterS, const QString &reason)
{
    if (retryAfterS > 0)
        res.set_header("Retry-After", std::to_string(retryAfterS));
    plain(res, status, reason);
}
} // namespace

void SpeedServer::download(const httplib::Request &req, httplib::Response &res)
{
    const auto bytes = req.has_param("bytes") ? parseCount(req.get_param_value("bytes")) : std::nullopt;
    if (!bytes || *bytes < 1 || *bytes > kMaxTransferBytes) {
        plain(res, 400, QStringLiteral("bytes must be a whole number from %1, e.g. /download?bytes=10000000").arg(kLimitText));
        return;
    }
    if (req.method == "HEAD") { // the length only: nothing is sent, so nothing is charged
        res.set_content_provider(size_t(*bytes), "application/octet-stream", [](size_t, size_t, httplib::DataSink &) { return false; });
        return;
    }
    const QString client = clientKey(req.remote_addr);
    const Decision d = decide(client, *bytes, core::TransferDirection::Download, true);
    if (!d.admitted) {
        refuse(res, d.status, d.retryAfterS, d.reason);
        return;
    }
    const qint64 ticket = d.ticket;
    res.set_content_provider(
        size_t(*bytes), "application/octet-stream",
        [this, ticket](size_t, size_t length, httplib::DataSink &sink) {
            if (m_stopping)
                return false;
            const size_t n = std::min(length, kChunkBytes);
            // Counted as it is handed over, before the write returns: a client that has every byte
            // (and asks /stats on another connection) must find them counted; counted after, the
            // last chunk was missing there now and then (2,883,584 of 3,000,000 under load). A
            // write that fails has still counted its one chunk.
            progress(ticket, qint64(n));
            return sink.write(m_pattern.data(), n); // false: the client went away, httplib closes the connection
        },
        [this, ticket](bool) { finish(ticket); });
}

int SpeedServer::expectContinue(const httplib::Request &req, httplib::Response &res)
{
    // Only /upload is decided here; the client sends no body byte until it reads our answer.
    if (req.path != "/upload" || req.method != "POST")
        return 100;
    if (const auto length = declaredUploadSize(req, res)) {
        const Decision d = decide(clientKey(req.remote_addr), *length, core::TransferDirection::Upload, false);
        if (d.admitted)
            return 100;
        refuse(res, d.status, d.retryAfterS, d.reason);
    }
    // httplib 0.11.4 writes this answer without a length and keeps the connection: say both, or a
    // client waits for a body end that never comes (seen with curl).
    res.set_header("Content-Length", std::to_string(res.body.size()));
    res.set_header("Connection", "close");
    return res.status;
}

std::optional<qint64> SpeedServer::declaredUploadSize(const httplib::Request &req, httplib::Response &res)
{
    if (isChunked(req)) {
        // The budget is decided before the body: it needs the size up front.
        plain(res, 411, QStringLiteral("send the upload with a Content-Length (chunked bodies are not accepted)"));
        return std::nullopt;
    }
    // No Content-Length (and not chunked): HTTP/1.1 says there is no body.
    const auto length = req.has_header("Content-Length") ? parseCount(req.get_header_value("Content-Length")) : std::optional<qint64>(0);
    if (!length || *length < 0) {
        plain(res, 400, QStringLiteral("Content-Length must be a whole number of bytes"));
        return std::nullopt;
    }
    if (*length > kMaxTransferBytes) {
        plain(res, 413, QStringLiteral("an upload may have %1 bytes").arg(kLimitText));
        return std::nullopt;
    }
    return length;
}

void SpeedServer::dropBody(const QString &client, const httplib::ContentReader &reader, httplib::Response &res)
{
    // Without Expect: 100-continue the body of a refused upload is already on its way. Closing with
    // it unread makes the kernel send a reset, and the client loses the answer with it (seen with
    // httplib's client): read and drop it, up to kDrainLimitBytes, then close.
    qint64 dropped = 0;
    const bool whole = reader([&](const char *, size_t n) {
        dropped += qint64(n);
        return dropped <= kDrainLimitBytes && !m_stopping;
    });
    if (!whole)
        res.set_header("Connection", "close");
    std::lock_guard lock(m_mutex);
    m_ledger.recordDiscarded(client, dropped);
}

void SpeedServer::upload(const httplib::Request &req, httplib::Response &res, const httplib::ContentReader &reader)
{
    const QString client = clientKey(req.remote_addr);
    const auto length = declaredUploadSize(req, res);
    if (!length) {
        if (isChunked(req))
            dropBody(client, reader, res);
        else
            res.set_header("Connection", "close"); // no length to read it by, or too much to
        return;
    }
    const Decision d = decide(client, *length, core::TransferDirection::Upload, true);
    if (!d.admitted) {
        refuse(res, d.status, d.retryAfterS, d.reason);
        if (*length > kDrainLimitBytes)
            res.set_header("Connection", "close");
        else if (*length > 0)
            dropBody(client, reader, res);
        return;
    }
    qint64 received = 0, unflushed = 0;
    bool complete = true;
    if (*length > 0) { // no Content-Length (or 0): no body, and nothing to read
        complete = reader([&](const char *, size_t n) {
            if (m_stopping)
                return false;
            received += qint64(n);
            unflushed += qint64(n);
            if (unflushed >= kUploadFlushBytes) {
                progress(d.ticket, std::exchange(unflushed, 0));
            }
            return true;
        });
    }
    progress(d.ticket, unflushed);
    finish(d.ticket);
    if (!complete || received != *length) {
        plain(res, 400, QStringLiteral("the upload ended after %1 of %2 bytes").arg(received).arg(*length));
        res.set_header("Connection", "close");
        return;
    }
    // The client times the upload to this answer: it goes out only once the whole body is here.
    res.set_content(QJsonDocument(QJsonObject{{"received", received}}).toJson(QJsonDocument::Compact).toStdString(), "application/json");
}

std::vector<core::ClientBudgetState> SpeedServer::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_ledger.clients();
}

core::TransferCounters SpeedServer::totals() const
{
    std::lock_guard lock(m_mutex);
    return m_ledger.totals();
}

QByteArray SpeedServer::statsJson() const
{
    std::lock_guard lock(m_mutex);
    QJsonObject clients;
    for (const core::ClientBudgetState &c : m_ledger.clients()) {
        QJsonObject o = countersJson(c.counters);
        o["window_bytes"] = c.windowBytes;
        o["budget_bytes"] = m_ledger.budgetBytes();
        clients[c.client] = o;
    }
    const QJsonObject doc{{"server", QStringLiteral("pathlens-agent/%1").arg(QLatin1String(kVersion))},
                          {"budget_bytes", m_ledger.budgetBytes()},
                          {"window_s", core::TransferBudgetLedger::kWindowMs / 1000},
                          {"reject_first_left", m_rejectLeft},
                          {"clients", clients},
                          {"totals", countersJson(m_ledger.totals())}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

} // namespace pathlens::collect
