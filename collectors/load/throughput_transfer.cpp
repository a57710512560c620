// SPDX-License-Identifier: GPL-3.0-or-later
// Multi-stream transfer with cpp-httplib clients, one thread per stream.
#include "collectors/load/throughput_transfer.h"

#include "collectors/load/tcp_progress.h"

#include <QUrl>

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <latch>
#include <mutex>
#include <optional>
#include <thread>

namespace pathlens::collect {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kUploadChunk = 64 * 1024;
constexpr int kConnectTimeoutS = 5;

struct StreamResult {
    qint64 bytes = 0;
    Clock::time_point start, end;
    bool completed = false;
    int status = 0;
    int retryAfterS = 0;
    std::string error;
};

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// httplib's error names ("Connection", "Read") in words a person can act on.
std::string describe(httplib::Error e)
{
    switch (e) {
    case httplib::Error::Connection: return "connection refused or no route to the server";
    case httplib::Error::ConnectionTimeout: return "no answer to the connection attempt";
    case httplib::Error::Read: return "the connection broke while receiving";
    case httplib::Error::Write: return "the connection broke while sending";
    case httplib::Error::SSLConnection: return "the TLS handshake failed";
    case httplib::Error::SSLServerVerification: return "the server's certificate is not trusted";
    case httplib::Error::Canceled: return "stopped";
    default: return httplib::to_string(e);
    }
}

// A client for the URL's host and port: httplib's own URL parser sends "http://host:port/" to port 80
// (checked here: Connection error, without the slash 200) and, per cpp-httplib #1800, misreads IPv6
// literals with letters; QUrl has already checked the URL.
std::unique_ptr<httplib::ClientImpl> makeClient(const QString &baseUrl)
{
    const QUrl url(baseUrl);
    const bool tls = url.scheme() == QLatin1String("https");
    const std::string host = url.host().toStdString();
    const int port = url.port(tls ? 443 : 80);
    if (tls)
        return std::make_unique<httplib::SSLClient>(host, port);
    return std::make_unique<httplib::ClientImpl>(host, port);
}

class Stream {
public:
    Stream(const TransferRequest &req, const std::atomic<bool> &stop, std::atomic<qint64> &moved)
        : m_req(req), m_stop(stop), m_moved(moved), m_client(makeClient(req.baseUrl))
    {
        m_client->set_keep_alive(true);
        m_client->set_connection_timeout(kConnectTimeoutS, 0);
        m_client->set_read_timeout(std::chrono::seconds(qint64(std::ceil(req.timeoutS))));
        m_client->set_write_timeout(std::chrono::seconds(qint64(std::ceil(req.timeoutS))));
        m_client->enable_server_certificate_verification(req.verifyTls);
        // The connection's socket, for its acknowledged-byte counter (an upload's progress); httplib's client sets
        // no socket options of its own, so this replaces nothing.
        m_client->set_socket_options([this](socket_t fd) { m_fd.store(qintptr(fd)); });
    }

    // Opens the connection (and TLS) with a 1-byte download; false with the result filled on failure.
    bool warmUp()
    {
        auto res = m_client->Get("/download?bytes=1");
        if (!res) {
            m_result.error = "cannot reach " + m_req.baseUrl.toStdString() + ": " + describe(res.error());
            return false;
        }
        return checkStatus(*res);
    }

    // From any thread: cuts a blocked connect, read or write short (the watcher's deadline and cancel).
    void abort() { m_client->stop(); }

    void run()
    {
        m_result.start = Clock::now();
        if (m_req.direction == core::TransferDirection::Download)
            download();
        else
            upload();
        m_result.end = Clock::now();
        m_done.store(true, std::memory_order_release);
    }

    const StreamResult &result() const { return m_result; }

    // Payload that has reached the other end so far, callable from any thread while run() goes on: the bytes
    // received (download), or those the server's TCP acknowledged since the upload began (nullopt where the OS
    // does not say); a stream that has finished, all it moved.
    std::optional<qint64> delivered() const
    {
        if (m_done.load(std::memory_order_acquire))
            return m_result.bytes;
        if (m_req.direction == core::TransferDirection::Download)
            return m_received.load(std::memory_order_relaxed);
        const std::optional<qint64> acked = tcpBytesAcked(m_fd.load());
        const qint64 base = m_ackedBase.load();
        if (!acked || base < 0)
            return std::nullopt;
        // The request's own head (~150 bytes) is in the count too: clamped, it never reads as more than the body.
        return std::clamp<qint64>(*acked - base, 0, m_req.bytesPerStream);
    }

private:
    bool checkStatus(const httplib::Response &r)
    {
        m_result.status = r.status;
        if (r.status == 200)
            return true;
        m_result.retryAfterS = std::max(0, atoi(r.get_header_value("Retry-After").c_str()));
        m_result.error = "the server answered HTTP " + std::to_string(r.status);
        return false;
    }

    void download()
    {
        const std::string path = "/download?bytes=" + std::to_string(m_req.bytesPerStream);
        auto res = m_client->Get(
            path, [this](const httplib::Response &r) { return checkStatus(r); },
            [this](const char *, size_t n) {
                m_result.bytes += qint64(n);
                m_received.fetch_add(qint64(n), std::memory_order_relaxed);
                m_moved += qint64(n);
                return !m_stop.load();
            });
        if (!res) {
            if (m_result.error.empty())
                m_result.error = m_stop ? "stopped before the end" : "download failed: " + describe(res.error());
            return;
        }
        m_result.completed = m_result.bytes == m_req.bytesPerStream;
        if (!m_result.completed && m_result.error.empty())
            m_result.error = "the server sent " + std::to_string(m_result.bytes) + " of " +
                             std::to_string(m_req.bytesPerStream) + " bytes";
    }

    void upload()
    {
        static const std::string zeros(kUploadChunk, '\0');
        qint64 sent = 0;
        m_ackedBase.store(tcpBytesAcked(m_fd.load()).value_or(-1)); // the warm-up request's bytes are not the upload's
        auto res = m_client->Post(
            "/upload", size_t(m_req.bytesPerStream),
            [this, &sent](size_t offset, size_t length, httplib::DataSink &sink) {
                if (m_stop)
                    return false;
                const size_t n = std::min({length, kUploadChunk, size_t(m_req.bytesPerStream) - offset});
                if (!sink.write(zeros.data(), n))
                    return false;
                sent += qint64(n);
                m_moved += qint64(n);
                return true;
            },
            "application/octet-stream");
        if (!res) {
            m_result.error = m_stop ? "stopped before the end" : "upload failed: " + describe(res.error());
            return;
        }
        if (!checkStatus(*res))
            return;
        // The acknowledgement says what arrived: {"received": N}.
        const QByteArray body = QByteArray::fromStdString(res->body);
        const qsizetype at = body.indexOf("\"received\"");
        const qsizetype colon = at < 0 ? -1 : body.indexOf(':', at);
        qint64 received = -1;
        if (colon >= 0) {
            qsizetype end = colon + 1;
            while (end < body.size() && (body[end] == ' ' || std::isdigit(uchar(body[end]))))
                ++end;
            received = body.mid(colon + 1, end - colon - 1).trimmed().toLongLong();
        }
        m_result.bytes = std::max<qint64>(0, received);
        m_result.completed = received == m_req.bytesPerStream && sent == received;
        if (!m_result.completed)
            m_result.error = "the server acknowledged " + std::to_string(received) + " of " +
                             std::to_string(m_req.bytesPerStream) + " bytes";
    }

    const TransferRequest &m_req;
    const std::atomic<bool> &m_stop;
    std::atomic<qint64> &m_moved;
    std::unique_ptr<httplib::ClientImpl> m_client;
    StreamResult m_result;
    std::atomic<bool> m_done{false};
    std::atomic<qint64> m_received{0};
    std::atomic<qintptr> m_fd{-1};
    std::atomic<qint64> m_ackedBase{-1};
};

} // namespace

double TransferOutcome::streamSpread() const
{
    if (streamMbps.size() < 2)
        return 0;
    double mean = 0;
    for (double v : streamMbps)
        mean += v;
    mean /= double(streamMbps.size());
    double var = 0;
    for (double v : streamMbps)
        var += (v - mean) * (v - mean);
    var /= double(streamMbps.size() - 1);
    return mean > 0 ? std::sqrt(var) / mean : 0;
}

core::Result<void> checkServerUrl(const QString &url)
{
    const QUrl u(url);
    if (!u.isValid() || (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")) ||
        u.host().isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput,
                               QStringLiteral("'%1' is not a throughput server URL").arg(url),
                               QStringLiteral("give http://HOST:PORT or https://HOST:PORT of an agent running "
                                              "`pathlens-agent serve`"));
    if (!u.path().isEmpty() && u.path() != QLatin1String("/"))
        return core::makeError(core::ErrorCode::InvalidInput,
                               QStringLiteral("'%1' has a path; the endpoints are /download and /upload at the root")
                                   .arg(url),
                               QStringLiteral("give only http://HOST:PORT"));
    return {};
}

TransferOutcome runTransfer(const TransferRequest &request, std::shared_ptr<std::atomic<bool>> cancel,
                            std::function<void(qint64)> progress)
{
    TransferOutcome out;
    const int n = std::max(1, request.streams);
    std::atomic<bool> stop{false};
    std::atomic<qint64> moved{0};
    std::vector<std::unique_ptr<Stream>> streams;
    for (int i = 0; i < n; ++i)
        streams.push_back(std::make_unique<Stream>(request, stop, moved));

    // Every stream connects first; the timed transfers then start together.
    std::latch connected(n);
    std::mutex warmMutex;
    bool warmOk = true;
    // The moment the first stream finished, and what all streams had delivered by then.
    std::mutex firstMutex;
    std::optional<std::pair<Clock::time_point, qint64>> firstDone;
    std::atomic<int> finished{0};
    std::vector<std::thread> threads;
    for (auto &s : streams) {
        threads.emplace_back([&, stream = s.get()] {
            const bool ok = stream->warmUp();
            {
                std::lock_guard lock(warmMutex);
                warmOk = warmOk && ok;
            }
            connected.arrive_and_wait();
            bool go;
            {
                std::lock_guard lock(warmMutex);
                go = warmOk && !stop;
            }
            if (go) {
                stream->run();
                if (stream->result().completed) {
                    std::lock_guard lock(firstMutex);
                    if (!firstDone) {
                        qint64 delivered = 0;
                        bool known = true;
                        for (const auto &other : streams) {
                            const std::optional<qint64> d = other->delivered();
                            known = known && d;
                            delivered += d.value_or(0);
                        }
                        if (known) // else the whole window decides
                            firstDone.emplace(Clock::now(), delivered);
                    }
                }
            }
            ++finished;
        });
    }
    // Watch from the start (connects and warm-ups included): external cancel and the deadline cut
    // every stream short, blocked sockets too; progress at ~10 Hz.
    const Clock::time_point begun = Clock::now();
    const auto deadline = begun + std::chrono::milliseconds(qint64((request.timeoutS + kConnectTimeoutS) * 1000));
    std::atomic<bool> timedOut{false};
    std::thread watcher([&] {
        bool aborted = false;
        while (finished.load() < n) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            const bool late = Clock::now() > deadline;
            if (!aborted && ((cancel && cancel->load()) || late)) {
                timedOut = late;
                stop = true;
                for (auto &s : streams)
                    s->abort();
                aborted = true;
            }
            if (progress)
                progress(moved.load());
        }
    });
    for (auto &t : threads)
        t.join();
    watcher.join();
    out.timedOut = timedOut;
    out.bytesPushed = moved.load();

    // The window opens when the first stream starts (this thread may wake after the streams did).
    Clock::time_point t0 = Clock::now();
    for (const auto &s : streams)
        if (s->result().start != Clock::time_point{})
            t0 = std::min(t0, s->result().start);
    const Clock::time_point doneAt = Clock::now();
    out.startUtcUs = core::nowUtcUs() - qint64(std::chrono::duration_cast<std::chrono::microseconds>(doneAt - t0).count());
    Clock::time_point last = t0;
    for (const auto &s : streams) {
        const StreamResult &r = s->result();
        if (r.start != Clock::time_point{}) // a stream that ran loaded the link until it ended, done or not
            last = std::max(last, r.end);
        if (r.status == 429 || r.status == 403) {
            out.rejectedStatus = r.status;
            out.retryAfterS = std::max(out.retryAfterS, r.retryAfterS);
        }
        if (!r.error.empty() && out.error.isEmpty())
            out.error = QString::fromStdString(r.error);
        out.bytes += r.bytes;
        if (r.completed) {
            const double s_ = seconds(r.end - r.start);
            if (s_ > 0)
                out.streamMbps.push_back(double(r.bytes) * 8 / s_ / 1e6);
        }
    }
    const double spanS = seconds(last - t0);
    out.endUtcUs = out.startUtcUs + qint64(spanS * 1e6);
    const bool allCompleted = int(out.streamMbps.size()) == n;
    // The figure is what all streams delivered while every one of them was moving data: from the start until the
    // first stream finished. Equal shares of a fixed size do not finish together, and the streams left at the end
    // cannot fill the path at once (reno adds one segment per round trip): timed to the last byte, 4 streams
    // through the lab's 100 Mbit/s tbf at 20 ms read 4.3 % (download) and 5.2 % (upload) under what it delivered,
    // iperf3 0.1–0.5 % (tst_load_lab). The load window stays the whole transfer: the link was loaded until its end.
    const double firstS = firstDone ? seconds(firstDone->first - t0) : 0;
    if (allCompleted && n > 1 && firstS > 0)
        out.mbps = double(firstDone->second) * 8 / firstS / 1e6;
    else if (allCompleted && spanS > 0)
        out.mbps = double(out.bytes) * 8 / spanS / 1e6;
    if (out.timedOut) {
        out.error = QStringLiteral("timed out after %1 s").arg(qRound(request.timeoutS));
        if (spanS > 0 && out.bytesPushed > 0)
            out.partialMbps = double(out.bytesPushed) * 8 / spanS / 1e6;
    }
    if (!allCompleted && out.error.isEmpty())
        out.error = QStringLiteral("a stream did not complete");
    return out;
}

} // namespace pathlens::collect
