// SPDX-License-Identifier: GPL-3.0-or-later
// The capture writer thread: wait, swap the pending batch out under the lock, commit it.
#include "core/store/capture_writer.h"

#include <QUuid>

namespace pathlens::core {

Result<std::unique_ptr<CaptureWriter>> CaptureWriter::open(const QString &path, const QMap<QString, QString> &meta)
{
    auto store = CaptureStore::open(path, CaptureStore::Mode::ReadWrite);
    if (!store)
        return store.error();
    for (auto it = meta.begin(); it != meta.end(); ++it) {
        if (auto r = (*store)->setMeta(it.key(), it.value()); !r)
            return r.error();
    }
    if (!(*store)->meta(QString::fromLatin1(meta::kCaptureId)))
        (void)(*store)->setMeta(QString::fromLatin1(meta::kCaptureId), QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!(*store)->meta(QString::fromLatin1(meta::kStartedUtc)))
        (void)(*store)->setMeta(QString::fromLatin1(meta::kStartedUtc), formatUtcMs(nowUtcUs()));
    return std::unique_ptr<CaptureWriter>(new CaptureWriter(path, std::move(*store)));
}

CaptureWriter::CaptureWriter(QString path, std::unique_ptr<CaptureStore> store)
    : m_path(std::move(path)), m_store(std::move(store))
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
    const QString ended = formatUtcMs(nowUtcUs());
    if (m_store->setMeta(QString::fromLatin1(meta::kEndedUtc), ended) && m_listener) {
        auto batch = std::make_shared<CommittedBatch>();
        batch->meta.insert(QString::fromLatin1(meta::kEndedUtc), ended);
        m_listener(std::move(batch));
    }
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
    return m_nextId[table].fetch_add(1);
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

void CaptureWriter::commitPending()
{
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
        auto r = m_store->begin();
        for (size_t i = 0; r && i < batch.size(); ++i) {
            if (auto inserted = m_store->insert(batch[i]); !inserted)
                r = inserted.error();
            else if (batch[i].values.at(0).isNull())
                batch[i].values[0] = *inserted; // subscribers see the id the file gave the row
        }
        if (r)
            r = m_store->setMeta(QString::fromLatin1(meta::kLastCommitUtc), formatUtcMs(nowUtcUs()));
        if (r)
            r = m_store->commit();
        if (!r) {
            m_store->rollback();
            // Keep the rows for the next attempt: a full disk may be freed.
            std::lock_guard lock(m_mutex);
            for (auto it = batch.rbegin(); it != batch.rend(); ++it)
                m_pending.push_front(std::move(*it));
            emit failed(r.error());
            m_flushed.notify_all();
            return;
        }
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
