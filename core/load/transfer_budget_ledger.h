// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput endpoints' per-client data budget: bytes each client address moved in a rolling
// 30-minute window, admission against it, and the counters /stats reports.
#pragma once

#include "core/load/throughput_result.h"

#include <QString>

#include <deque>
#include <functional>
#include <map>
#include <vector>

namespace pathlens::core {

struct TransferCounters {
    qint64 bytesSent = 0;      // download body bytes handed to the client's connection
    qint64 bytesReceived = 0;  // upload body bytes read from it
    qint64 transfers = 0;      // transfers admitted
    qint64 incomplete = 0;     // admitted transfers that ended before all their bytes moved
    qint64 rejections = 0;     // transfers refused (budget or test mode)
    qint64 discardedBytes = 0; // bodies of refused uploads, read and thrown away; never "received"

    void add(const TransferCounters &o);
};

struct TransferAdmission {
    bool admitted = false;
    qint64 ticket = 0;   // admit() only: hand it to progress() and finish()
    int retryAfterS = 0; // refused: seconds until enough of the window has expired for it to fit
    QString reason;      // refused: one sentence for the client
};

struct ClientBudgetState {
    QString client;
    TransferCounters counters; // since the server started
    qint64 windowBytes = 0;    // charged in the current window
};

// Owned by the speed server, which serialises every call (one mutex) and owns the clock; this only
// does the sums. A transfer is charged its full size when admitted, so transfers running side by
// side can never together pass the budget; when it ends, what never moved is refunded. A charge
// leaves the window 30 minutes after its admission. It knows nothing of HTTP or sockets.
class TransferBudgetLedger {
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    // 2 GB (issue 14's default): over twice the client's own 900 MB per 30 min, so one client that
    // keeps to its budget never meets this one; two behind one NAT address rarely do.
    static constexpr qint64 kDefaultBudgetBytes = 2'000'000'000;
    static constexpr qint64 kWindowMs = 30LL * 60 * 1000; // SPEC §2: "a data budget per 30 minutes"

    explicit TransferBudgetLedger(qint64 budgetBytes = kDefaultBudgetBytes, Clock clock = {});

    // Charges `bytes` to `client` when they fit in what its window has left, else counts a refusal.
    TransferAdmission admit(const QString &client, qint64 bytes, TransferDirection direction);
    // The answer admit() would give now, charging and counting nothing (an Expect: 100-continue
    // check before the request itself arrives).
    TransferAdmission check(const QString &client, qint64 bytes) const;
    // `bytes` more moved for an admitted transfer; never counted past its admitted size.
    void progress(qint64 ticket, qint64 bytes);
    // The transfer ended (complete or not): what never moved goes back to the window.
    void finish(qint64 ticket);
    void recordRejection(const QString &client); // a refusal decided elsewhere (test mode)
    void recordDiscarded(const QString &client, qint64 bytes);

    qint64 budgetBytes() const { return m_budget; }
    std::vector<ClientBudgetState> clients() const; // by address
    TransferCounters totals() const;

private:
    struct Charge {
        qint64 atMs = 0;
        qint64 bytes = 0;
        qint64 ticket = 0;
    };
    struct Client {
        TransferCounters counters;
        std::deque<Charge> charges; // oldest first
    };
    struct Open {
        QString client;
        TransferDirection direction = TransferDirection::Download;
        qint64 size = 0;
        qint64 moved = 0;
    };

    qint64 now() const;
    qint64 windowBytes(const Client &c, qint64 nowMs) const;
    TransferAdmission decide(const Client *c, qint64 bytes, qint64 nowMs) const;

    qint64 m_budget;
    Clock m_clock;
    std::map<QString, Client> m_clients;
    std::map<qint64, Open> m_open;
    qint64 m_nextTicket = 1;
};

} // namespace pathlens::core
