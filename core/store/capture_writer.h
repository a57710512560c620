// SPDX-License-Identifier: GPL-3.0-or-later
// Batches rows from any thread and commits them to a capture file on its own thread.
#pragma once

#include "core/store/capture_rollover.h"
#include "core/store/capture_store.h"
#include "core/base/result.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace pathlens::core {

// What one commit added to the file: the rows with their final ids, and metadata changes.
struct CommittedBatch {
    std::vector<Row> rows;
    QMap<QString, QString> meta;
};
using CommittedBatchPtr = std::shared_ptr<const CommittedBatch>;

// Threading: enqueue()/allocateId()/flush() may be called from any thread. The store lives on
// the writer's own std::jthread, which commits every kCommitInterval (so a killed process loses
// at most that much). The owner (app or agent) creates and destroys it; destruction flushes,
// stamps ended_utc and joins. Knows nothing about what produces the rows.
class CaptureWriter : public QObject {
    Q_OBJECT
public:
    // 250 ms: SPEC allows losing at most the last second on kill -9; four commits a second
    // leave margin for a slow disk while keeping the transaction count low.
    static constexpr int kCommitIntervalMs = 250;
    // Upper bound on rows waiting when the disk fails; beyond it the oldest are dropped and counted.
    static constexpr size_t kMaxPendingRows = 2'000'000;

    // Opens (or creates) the capture and stamps the given metadata plus started_utc.
    static Result<std::unique_ptr<CaptureWriter>> open(const QString &path, const QMap<QString, QString> &meta);
    // Rolling captures: writes options.dir/pathlens-YYYY-MM-DD.plcap for the current UTC day (by
    // options.clock) and, at the first commit of a new day, closes that file cleanly (ended_utc)
    // and opens the next. A row lands in the file open when it is committed, so in exactly one
    // file; a batch is never split. Id counters continue across files, so a session upserted on
    // both sides of midnight keeps its id (see docs/man/pathlens-agent.1). Retention
    // (applyRetention) runs at open and after every rollover.
    static Result<std::unique_ptr<CaptureWriter>> openRolling(const RolloverOptions &options, const QMap<QString, QString> &meta);
    ~CaptureWriter() override;

    void enqueue(Row row);
    void enqueue(std::vector<Row> rows); // committed in one batch (never split across two)
    // Ids for rows that others will reference (sessions, traces) before they are committed.
    qint64 allocateId(Table table);
    // Blocks until everything enqueued so far is committed; false if that took longer than
    // `timeout` (the disk is failing; failed() says why).
    bool flush(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // Called on the writer thread after every commit with what it committed; the first call after
    // setting it carries every metadata entry (so a subscriber needs nothing else), the last one
    // (from the destructor) the capture's ended_utc. Set it before collectors start.
    using CommitListener = std::function<void(CommittedBatchPtr)>;
    void setCommitListener(CommitListener listener);

    QString path() const; // the file being written (changes at a rollover)
    qint64 rowsCommitted() const { return m_rowsCommitted.load(); }
    qint64 rowsDropped() const { return m_rowsDropped.load(); }

signals:
    void failed(const pathlens::core::Error &error);
    void committed(qint64 totalRows);
    // Emitted on the writer thread after a rollover, with the files retention deleted.
    void rolledOver(const QString &closedPath, const QString &openedPath, const QStringList &deleted);

private:
    CaptureWriter(QString path, std::unique_ptr<CaptureStore> store, std::optional<RolloverOptions> rollover = {},
                  QMap<QString, QString> meta = {}, TimestampUs periodStart = 0);
    static Result<std::unique_ptr<CaptureStore>> openStore(const QString &path, const QMap<QString, QString> &meta, TimestampUs now);
    void run(std::stop_token stop);
    void rollOverIfDue(); // writer thread
    void commitPending();
    Result<void> commitRows(std::vector<Row> &rows);     // one transaction; fills in ids
    Result<void> commitRowByRow(std::vector<Row> &rows); // drops (and counts) rows the file refuses

    QString m_path; // guarded by m_mutex once the thread runs (a rollover changes it)
    std::unique_ptr<CaptureStore> m_store;
    std::optional<RolloverOptions> m_rollover;
    QMap<QString, QString> m_meta; // stamped into every rolled file
    TimestampUs m_periodStart = 0;
    bool m_rolloverFailing = false; // writer thread only: the next file could not be opened
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::condition_variable m_flushed;
    std::deque<Row> m_pending;
    quint64 m_enqueuedSeq = 0;  // rows ever enqueued
    quint64 m_committedSeq = 0; // rows ever committed (or dropped)
    bool m_flushRequested = false;
    CommitListener m_listener;      // guarded by m_mutex; called outside it
    bool m_publishAllMeta = false;  // the next commit sends every metadata entry
    bool m_failing = false;         // writer thread only: failed() already said so for this outage
    std::atomic<qint64> m_rowsCommitted{0};
    std::atomic<qint64> m_rowsDropped{0};
    std::map<Table, std::atomic<qint64>> m_nextId;
    std::jthread m_thread;
};

} // namespace pathlens::core
