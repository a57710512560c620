// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput endpoints every agent serves (issue 14): GET /download?bytes=N, POST /upload and
// GET /stats over HTTP or HTTPS through cpp-httplib, with a per-client data budget and a test mode.
#pragma once

#include "core/base/result.h"
#include "core/load/transfer_budget_ledger.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace httplib {
class Server;
class ContentReader;
struct Request;
struct Response;
} // namespace httplib

namespace pathlens::collect {

struct SpeedServerOptions {
    QString bindAddress = QStringLiteral("0.0.0.0"); // an IPv4 or IPv6 literal; "::" is both families
    int port = 8080;                                 // 0: any free port (port() says which)
    QString certificatePath, keyPath;                // both set: HTTPS (PEM files)
    qint64 budgetBytes = core::TransferBudgetLedger::kDefaultBudgetBytes; // per client per 30 min
    int rejectFirst = 0;    // test mode: refuse the first N transfer requests …
    int rejectStatus = 429; // … with 429 or 403, then serve normally
    core::TransferBudgetLedger::Clock clockMs; // monotonic ms; empty: the steady clock (tests inject one)
};

// Owns the listening socket, the thread that accepts on it and cpp-httplib's pool of connection
// threads. Threading contract: construct, start(), stop() and destroy from one thread (any thread;
// no event loop needed). Requests are served on the pool's threads; every piece of shared state
// (the budget ledger, the test-mode counter) sits behind one mutex, so stats(), totals() and
// statsJson() may be called from any thread at any time. stop() returns within milliseconds: it
// closes the listener, makes running transfers end at their next chunk, shuts down the accepted
// connections (idle keep-alives and stalled peers included) and joins every thread it started.
// Memory is bounded: every download is written from one 256 KiB buffer, an upload is counted and
// dropped as it is read. It knows nothing of captures, collectors or the throughput client.
class SpeedServer {
public:
    static constexpr qint64 kMaxTransferBytes = 1LL << 30; // 1 GiB: /download's and /upload's limit
    static constexpr int kDefaultPort = 8080, kDefaultTlsPort = 8443;

    explicit SpeedServer(SpeedServerOptions options);
    ~SpeedServer(); // stop()
    SpeedServer(const SpeedServer &) = delete;
    SpeedServer &operator=(const SpeedServer &) = delete;

    // Binds and starts serving; an error names the fix (port in use, a certificate that does not
    // load, a bad address or option).
    core::Result<void> start();
    void stop();

    bool running() const { return m_thread.joinable(); }
    quint16 port() const { return m_port; }
    bool tls() const { return !m_options.certificatePath.isEmpty(); }
    QString url() const; // e.g. "https://0.0.0.0:8443"

    std::vector<core::ClientBudgetState> stats() const;
    core::TransferCounters totals() const;
    QByteArray statsJson() const; // what GET /stats answers

private:
    struct Decision {
        bool admitted = false;
        qint64 ticket = 0;
        int status = 200;
        int retryAfterS = 0;
        QString reason;
    };
    // Admission of one transfer: the test mode first, then the budget. `charge` false only looks
    // (Expect: 100-continue) — but a refusal it gives is final and counted.
    Decision decide(const QString &client, qint64 bytes, core::TransferDirection direction, bool charge);
    static Decision refusal(int status, int retryAfterS, const QString &reason);
    void progress(qint64 ticket, qint64 bytes);
    void finish(qint64 ticket);

    void routes();
    void download(const httplib::Request &req, httplib::Response &res);
    void upload(const httplib::Request &req, httplib::Response &res, const httplib::ContentReader &reader);
    int expectContinue(const httplib::Request &req, httplib::Response &res);
    void dropBody(const QString &client, const httplib::ContentReader &reader, httplib::Response &res);
    // The body size an upload declares; nullopt after answering 411, 400 or 413 in `res`.
    static std::optional<qint64> declaredUploadSize(const httplib::Request &req, httplib::Response &res);

    SpeedServerOptions m_options;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_listenEnded{false};
    quint16 m_port = 0;
    std::vector<char> m_pattern; // one chunk of download content, written again and again

    mutable std::mutex m_mutex; // guards the two below
    core::TransferBudgetLedger m_ledger;
    int m_rejectLeft = 0;
};

} // namespace pathlens::collect
