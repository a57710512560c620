// SPDX-License-Identifier: GPL-3.0-or-later
// The capture writer thread: wait, swap the pending batch out under the lock, commit it.
#include "core/store/capture_writer.h"

#include "core/base/logging.h"

#include <QDir>
#include <QUuid>

#include <spdlog/spdlog.h>

namespace pathlens::core {

Result<std::unique_ptr<CaptureStore>> CaptureWriter::openStore(const QString &path, const QMap<QString, QString> &meta,
                                                                TimestampUs now)
{
    auto store = CaptureStore::open(path, CaptureStore::Mode::ReadWrite);
    if (!store)
        return store.error();
    for (auto it = meta.begin(); it != meta.end(); ++it) {
        if (auto r = (*store)->setMeta(it.key(), it.value()); !r)
            return r.error();
    }
    // A capture appended to (agent --capture of an existing file) is open again until this writer closes.
    (void)(*store)->removeMeta(QString::fromLatin1(meta::kEndedUtc));
    if (!(*store)->meta(QString::fromLatin1(meta::kCaptureId)))
        (void)(*store)->setMeta(QString::fromLatin1(meta::kCaptureId), QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!(*store)->meta(QString::fromLatin1(meta::kStartedUtc)))
        (void)(*store)->setMeta(QString::fromLatin1(meta::kStartedUtc), formatUtcMs(now));
    return store;
}

Result<std::unique_ptr<CaptureWriter>> CaptureWriter::open(const QString &path, const QMap<QString, QString> &meta)
{
    auto store = openStore(path, meta, nowUtcUs());
    if (!store)
        return store.error();
    return std::unique_ptr<CaptureWriter>(new CaptureWriter(path, std::move(*store)));
}

Result<std::unique_ptr<CaptureWriter>> CaptureWriter::openRolling(const RolloverOptions &options, const QMap<QString, QString> &meta)
{
    if (!QDir().mkpath(options.dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the capture folder %1").arg(options.dir),
                         QStringLiteral("create it, or give a folder this user may write"));
    const TimestampUs start = rolloverPeriodStart(options.now(), options.periodUs);
    const QString path = QDir(options.dir).filePath(rolledCaptureName(start, options.periodUs));
    auto store = openStore(path, meta, options.now());
    if (!store)
        return store.error();
    applyRetention(options, path, options.now()); // at start too: limits lowered since the last run hold at once
    return std::unique_ptr<CaptureWriter>(new CaptureWriter(path, std::move(*store), options, meta, start));
}

CaptureWriter::CaptureWriter(QString path, std::unique_ptr<CaptureStore> store, std::optional<RolloverOptions> rollover,
                             QMap<QString, QString> meta, TimestampUs periodStart)
    : m_path(std::move(path)), m_store(std::move(store)), m_rollover(std::move(rollover)), m_meta(std::move(meta)),
      m_periodStart(periodStart)
{
    for (Table table : kAllTables)
        m_nextId[table].store(m_store->maxId(table) + 1);
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

CaptureWriter::~CaptureWriter()
{
    m_thread.request_stop();
    m_wake.notify_all();
    m_thread.join();
    if (!m_pending.empty()) {
        // The last commit failed (disk full, file gone): say so, and leave the capture looking
        // interrupted rather than cleanly closed.
        m_rowsDropped += qint64(m_pending.size());
        logger("store")->error("{}: {} rows could not be written before closing", path().toStdString(), m_pending.size());
        return;
    }
    const QString ended = formatUtcMs(nowUtcUs());
    if (m_store->setMeta(QString::fromLatin1(meta::kEndedUtc), ended) && m_listener) {
        auto batch = std::make_shared<CommittedBatch>();
        batch->meta.insert(QString::fromLatin1(meta::kEndedUtc), ended);
        m_listener(std::move(batch));
    }
}

QString CaptureWriter::path() const
{
    std::lock_guard lock(m_mutex);
    return m_path;
}

void CaptureWriter::setCommitListener(CommitListener listener)
{
    std::lock_guard lock(m_mutex);
    m_listener = std::move(listener);
    m_publishAllMeta = true;
    m_flushRequested = true; // deliver the metadata at once, not at the next commit interval
    m_wake.notify_all();
}

void CaptureWriter::enqueue(Row row)
{
    std::vector<Row> one;
    one.push_back(std::move(row));
    enqueue(std::move(one));
}

void CaptureWriter::enqueue(std::vector<Row> rows)
{
    // One lock for the whole vector: rows a collector publishes together (a trace and its hops)
    // are committed, and handed to the analysis, in one batch.
    std::lock_guard lock(m_mutex);
    for (Row &row : rows) {
        m_pending.push_back(std::move(row));
        ++m_enqueuedSeq;
    }
    while (m_pending.size() > kMaxPendingRows) {
        m_pending.pop_front();
        ++m_committedSeq;
        ++m_rowsDropped;
    }
}

qint64 CaptureWriter::allocateId(Table table)
{
    return m_nextId.at(table).fetch_add(1); // at(): every table's counter exists, no insertion from other threads
}

bool CaptureWriter::flush(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    const quint64 target = m_enqueuedSeq;
    m_flushRequested = true;
    m_wake.notify_all();
    return m_flushed.wait_for(lock, timeout, [&] { return m_committedSeq >= target; });
}

void CaptureWriter::run(std::stop_token stop)
{
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, stop, std::chrono::milliseconds(kCommitIntervalMs),
                            [&] { return m_flushRequested; });
            m_flushRequested = false;
        }
        commitPending();
    }
    commitPending(); // whatever arrived before the stop request
}

Result<void> CaptureWriter::commitRows(std::vector<Row> &rows)
{
    auto r = m_store->begin();
    std::vector<size_t> assigned; // rows that got their id from this transaction
    for (size_t i = 0; r && i < rows.size(); ++i) {
        const bool needsId = rows[i].values.at(0).isNull();
        if (auto inserted = m_store->insert(rows[i]); !inserted) {
            r = inserted.error();
        } else if (needsId) {
            rows[i].values[0] = *inserted; // subscribers see the id the file gave the row
            assigned.push_back(i);
        }
    }
    if (r)
        r = m_store->setMeta(QString::fromLatin1(meta::kLastCommitUtc), formatUtcMs(nowUtcUs()));
    if (r)
        r = m_store->commit();
    if (!r) {
        m_store->rollback();
        for (size_t i : assigned) // ids given inside the rolled-back transaction are void
            rows[i].values[0] = QVariant();
    }
    return r;
}

Result<void> CaptureWriter::commitRowByRow(std::vector<Row> &rows)
{
    // The first rows tell an outage (every write fails) from bad rows: stop early in an outage, so a
    // full disk costs a few attempts per interval, not one per pending row.
    constexpr size_t kOutageProbeRows = 8;
    std::vector<Row> kept;
    std::optional<Error> lastError;
    for (size_t i = 0; i < rows.size(); ++i) {
        std::vector<Row> one{rows[i]};
        if (auto r = commitRows(one); r)
            kept.push_back(std::move(one.front()));
        else
            lastError = r.error();
        if (kept.empty() && i + 1 >= std::min(kOutageProbeRows, rows.size()))
            return *lastError; // nothing could be written: an outage, keep every row for later
    }
    const qint64 dropped = qint64(rows.size() - kept.size());
    if (dropped > 0) {
        m_rowsDropped += dropped;
        logger("store")->error("{}: {} rows refused by the capture file were dropped: {}", path().toStdString(), dropped,
                               lastError ? lastError->toString().toStdString() : std::string());
    }
    rows = std::move(kept);
    return {};
}

void CaptureWriter::rollOverIfDue()
{
    if (!m_rollover)
        return;
    const TimestampUs now = m_rollover->now();
    const TimestampUs start = rolloverPeriodStart(now, m_rollover->periodUs);
    if (start <= m_periodStart)
        return; // same day, or the clock stepped back: keep the file being written
    const QString oldPath = path();
    const QString newPath = QDir(m_rollover->dir).filePath(rolledCaptureName(start, m_rollover->periodUs));
    auto next = openStore(newPath, m_meta, now); // started_utc by the same clock as the old file's ended_utc
    if (!next) {
        // Keep writing the old file and try again at the next commit: no row is lost meanwhile.
        if (!std::exchange(m_rolloverFailing, true)) {
            logger("store")->error("cannot start the next capture {}: {}", newPath.toStdString(),
                                   next.error().toString().toStdString());
            emit failed(next.error());
        }
        return;
    }
    m_rolloverFailing = false;
    // Close the old file as a finished capture. Everything enqueued before this point was committed
    // to it at the previous commit or is in the batch that now goes to the new file.
    (void)m_store->setMeta(QString::fromLatin1(meta::kEndedUtc), formatUtcMs(now));
    m_store = std::move(*next);
    for (Table table : kAllTables) { // ids stay unique across the folder's files
        const qint64 floor = m_store->maxId(table) + 1;
        auto &counter = m_nextId.at(table);
        qint64 cur = counter.load();
        while (cur < floor && !counter.compare_exchange_weak(cur, floor)) {
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_path = newPath;
    }
    m_periodStart = start;
    const RetentionOutcome kept = applyRetention(*m_rollover, newPath, now);
    logger("store")->info("rolled over from {} to {}; {} captures kept ({} bytes), {} deleted", oldPath.toStdString(),
                          newPath.toStdString(), kept.kept, kept.keptBytes, kept.deleted.size());
    emit rolledOver(oldPath, newPath, kept.deleted);
}

void CaptureWriter::commitPending()
{
    rollOverIfDue(); // before taking the batch: rows committed from the new day on go to the new file

    std::vector<Row> batch;
    quint64 batchEnd = 0;
    CommitListener listener;
    bool allMeta = false;
    {
        std::lock_guard lock(m_mutex);
        batch.assign(std::make_move_iterator(m_pending.begin()), std::make_move_iterator(m_pending.end()));
        m_pending.clear();
        batchEnd = m_enqueuedSeq;
        listener = m_listener;
        allMeta = std::exchange(m_publishAllMeta, false);
    }
    if (allMeta && listener) {
        auto metaBatch = std::make_shared<CommittedBatch>();
        metaBatch->meta = m_store->allMeta();
        listener(std::move(metaBatch));
    }
    if (!batch.empty()) {
        auto r = commitRows(batch);
        if (!r) {
            // A row the file refuses outright (wrong column count, a constraint) must not block every
            // later row: commit row by row, dropping only the ones that still fail. If nothing can be
            // written at all (disk full, file gone), keep the rows for the next attempt.
            r = commitRowByRow(batch);
        }
        if (!r) {
            // Keep the rows for the next attempt: a full disk may be freed.
            std::lock_guard lock(m_mutex);
            for (auto it = batch.rbegin(); it != batch.rend(); ++it)
                m_pending.push_front(std::move(*it));
            if (!std::exchange(m_failing, true))
                emit failed(r.error()); // once per outage, not four times a second
            m_flushed.notify_all();
            return;
        }
        m_failing = false;
        m_rowsCommitted += qint64(batch.size());
        emit committed(m_rowsCommitted.load());
        if (listener) {
            auto committedBatch = std::make_shared<CommittedBatch>();
            committedBatch->rows = std::move(batch);
            listener(std::move(committedBatch));
        }
    }
    std::lock_guard lock(m_mutex);
    m_committedSeq = std::max(m_committedSeq, batchEnd);
    m_flushed.notify_all();
}

} // namespace pathlens::core
