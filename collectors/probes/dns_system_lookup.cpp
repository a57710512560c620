// SPDX-License-Identifier: GPL-3.0-or-later
// Lookups on their own threads, results posted back to the owner's thread (or dropped once it is gone).
#include "dns_system_lookup.h"

#include <QMetaObject>

#include <chrono>
#include <mutex>
#include <thread>

namespace pathlens::collect {

// Shared with every lookup thread; outlives the AsyncLookup when a lookup is still running.
struct AsyncLookup::Shared {
    std::mutex mutex;
    QObject *context = nullptr; // null once the owner is gone: results are dropped
    int running = 0;
};

AsyncLookup::AsyncLookup(SystemLookupFn fn, int maxRunning)
    : m_shared(std::make_shared<Shared>()), m_fn(fn ? std::move(fn) : SystemLookupFn(systemLookup)),
      m_maxRunning(std::max(1, maxRunning)), m_context(std::make_unique<QObject>())
{
    m_shared->context = m_context.get();
}

AsyncLookup::~AsyncLookup()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->context = nullptr; // no thread posts to it from here on
    }
    m_context.reset(); // also discards results already posted
}

core::Result<void> AsyncLookup::start(quint64 id, const QString &name, Done done)
{
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->running >= m_maxRunning)
            return core::makeError(
                core::ErrorCode::Io,
                QStringLiteral("%1 earlier lookups have not returned yet (the resolver hangs)").arg(m_shared->running),
                QStringLiteral("check the DNS servers in the system's resolver configuration"));
        ++m_shared->running;
    }
    m_waiting.emplace_back(id, std::move(done));
    std::thread([shared = m_shared, fn = m_fn, id, name, this] {
        const auto t0 = std::chrono::steady_clock::now();
        SystemLookupResult r = fn(name);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::lock_guard lock(shared->mutex);
        --shared->running;
        if (!shared->context)
            return; // the owner is gone; `this` must not be touched
        // Queued to the owner's thread; `this` is alive there as long as the context is (it owns it).
        QMetaObject::invokeMethod(
            shared->context,
            [this, id, r = std::move(r), ms] {
                for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
                    if (it->first != id)
                        continue;
                    Done d = std::move(it->second);
                    m_waiting.erase(it);
                    d(id, r, ms);
                    return;
                }
            },
            Qt::QueuedConnection);
    }).detach();
    return {};
}

void AsyncLookup::cancel(quint64 id)
{
    std::erase_if(m_waiting, [id](const auto &w) { return w.first == id; });
}

int AsyncLookup::running() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->running;
}

} // namespace pathlens::collect
