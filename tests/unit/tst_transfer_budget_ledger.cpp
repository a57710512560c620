// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput endpoints' per-client budget on an injected clock: admission, Retry-After from the
// charges that leave the rolling 30-minute window, refunds, and clients kept apart.
#include "core/load/transfer_budget_ledger.h"

#include <QTest>

using namespace pathlens::core;

namespace {
constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kMB = 1'000'000;
} // namespace

class TstTransferBudgetLedger : public QObject {
    Q_OBJECT
private:
    qint64 m_nowMs = 1'000'000; // any start: only differences matter
    TransferBudgetLedger ledger(qint64 budget)
    {
        return TransferBudgetLedger(budget, [this] { return m_nowMs; });
    }

private slots:
    void init() { m_nowMs = 1'000'000; }

    void admitsUpToTheBudgetExactly()
    {
        auto l = ledger(100 * kMB);
        const auto a = l.admit("192.0.2.1", 60 * kMB, TransferDirection::Download);
        QVERIFY(a.admitted && a.ticket > 0);
        l.progress(a.ticket, 60 * kMB);
        l.finish(a.ticket);
        QVERIFY(l.admit("192.0.2.1", 40 * kMB, TransferDirection::Upload).admitted); // 100 of 100: allowed
        const auto over = l.admit("192.0.2.1", 1, TransferDirection::Download);
        QVERIFY(!over.admitted);
        QCOMPARE(over.ticket, qint64(0));
        QVERIFY2(over.reason.contains("100000000 of 100000000"), qPrintable(over.reason));
        const auto c = l.clients();
        QCOMPARE(int(c.size()), 1);
        QCOMPARE(c[0].counters.transfers, qint64(2));
        QCOMPARE(c[0].counters.rejections, qint64(1));
        QCOMPARE(c[0].counters.bytesSent, 60 * kMB);
        QCOMPARE(c[0].counters.bytesReceived, qint64(0)); // the upload was admitted, nothing has moved yet
        QCOMPARE(c[0].windowBytes, 100 * kMB);   // charged in full at admission
    }

    // Retry-After is when enough of the oldest charges have left the window, rounded up to seconds.
    void retryAfterFollowsTheOldestCharges()
    {
        auto l = ledger(100 * kMB);
        const auto first = l.admit("a", 30 * kMB, TransferDirection::Download); // t = 0
        m_nowMs += 10 * kMinuteMs;
        const auto second = l.admit("a", 50 * kMB, TransferDirection::Download); // t = 10 min
        m_nowMs += 5 * kMinuteMs + 400;                                          // t = 15 min 0.4 s
        for (const auto &t : {first, second}) {
            l.progress(t.ticket, 80 * kMB); // more than admitted: never counted past the size
            l.finish(t.ticket);
        }
        QCOMPARE(l.totals().bytesSent, 80 * kMB);
        // 80 used, 20 left: 30 MB needs the first charge gone (at 30 min: 14 min 59.6 s from now).
        auto r = l.admit("a", 30 * kMB, TransferDirection::Upload);
        QVERIFY(!r.admitted);
        QCOMPARE(r.retryAfterS, 15 * 60); // 899.6 s rounded up
        // 60 MB needs both gone: the second leaves at 40 min, 24 min 59.6 s from now.
        QCOMPARE(l.check("a", 60 * kMB).retryAfterS, 25 * 60);
        QVERIFY(l.check("a", 20 * kMB).admitted);
        // Just before the first charge leaves: still refused; at the instant: admitted.
        m_nowMs += 15 * kMinuteMs - 401;
        QVERIFY(!l.check("a", 30 * kMB).admitted);
        QCOMPARE(l.check("a", 30 * kMB).retryAfterS, 1); // never 0: "now" would be a lie by 1 ms
        m_nowMs += 1;
        QVERIFY(l.admit("a", 30 * kMB, TransferDirection::Upload).admitted);
        QCOMPARE(l.clients()[0].windowBytes, 80 * kMB);
    }

    // Charged at admission: transfers side by side cannot together pass the budget.
    void parallelTransfersCannotOvershoot()
    {
        auto l = ledger(100 * kMB);
        int admitted = 0;
        for (int stream = 0; stream < 8; ++stream)
            admitted += l.admit("198.51.100.9", 30 * kMB, TransferDirection::Download).admitted ? 1 : 0;
        QCOMPARE(admitted, 3); // 90 MB; a fourth would be 120
        QCOMPARE(l.clients()[0].counters.rejections, qint64(5));
    }

    // What never moved goes back to the window; the transfer counts as incomplete.
    void anAbortedTransferIsRefunded()
    {
        auto l = ledger(100 * kMB);
        const auto a = l.admit("a", 90 * kMB, TransferDirection::Upload);
        QVERIFY(!l.check("a", 20 * kMB).admitted);
        l.progress(a.ticket, 25 * kMB);
        l.finish(a.ticket);
        l.finish(a.ticket); // twice: no effect
        l.progress(a.ticket, 5 * kMB); // after the end: ignored
        QVERIFY(l.check("a", 75 * kMB).admitted);
        QVERIFY(!l.check("a", 75 * kMB + 1).admitted);
        const auto c = l.clients()[0];
        QCOMPARE(c.counters.bytesReceived, 25 * kMB);
        QCOMPARE(c.counters.incomplete, qint64(1));
        QCOMPARE(c.windowBytes, 25 * kMB);
    }

    void aTransferLargerThanTheBudgetWaitsAWholeWindow()
    {
        auto l = ledger(10 * kMB);
        const auto r = l.admit("a", 10 * kMB + 1, TransferDirection::Download);
        QVERIFY(!r.admitted);
        QCOMPARE(r.retryAfterS, 1800);
        QVERIFY(r.reason.contains("larger than the whole budget"));
        auto none = ledger(0); // --budget-mb 0: every transfer refused
        QVERIFY(!none.admit("a", 1, TransferDirection::Download).admitted);
        QVERIFY(none.admit("a", 0, TransferDirection::Upload).admitted); // an empty upload costs nothing
    }

    void clientsAreKeptApartAndTotalled()
    {
        auto l = ledger(50 * kMB);
        const auto a = l.admit("10.0.0.2", 50 * kMB, TransferDirection::Download);
        const auto b = l.admit("10.0.0.1", 50 * kMB, TransferDirection::Upload);
        QVERIFY(a.admitted && b.admitted && a.ticket != b.ticket);
        l.progress(a.ticket, 50 * kMB);
        l.progress(b.ticket, 20 * kMB);
        l.recordRejection("10.0.0.3");
        l.recordDiscarded("10.0.0.3", 1234);
        QVERIFY(!l.check("10.0.0.2", 1).admitted);
        QVERIFY(l.check("10.0.0.4", 50 * kMB).admitted); // a new address starts with the whole budget
        QVERIFY(l.clients().size() == 3);                 // check() records nothing
        const auto c = l.clients();
        QCOMPARE(c[0].client, QString("10.0.0.1")); // by address
        QCOMPARE(c[2].counters.discardedBytes, qint64(1234));
        QCOMPARE(c[2].counters.rejections, qint64(1));
        const TransferCounters t = l.totals();
        QCOMPARE(t.bytesSent, 50 * kMB);
        QCOMPARE(t.bytesReceived, 20 * kMB);
        QCOMPARE(t.transfers, qint64(2));
        QCOMPARE(t.rejections, qint64(1));
        QCOMPARE(t.discardedBytes, qint64(1234));
    }
};

QTEST_GUILESS_MAIN(TstTransferBudgetLedger)
#include "tst_transfer_budget_ledger.moc"
