// SPDX-License-Identifier: GPL-3.0-or-later
// Linux start-time source: perf_event_open on the sock:inet_sock_set_state tracepoint, one ring per
// CPU, stamped with CLOCK_MONOTONIC (the clock of every other Pathlens reading).
#include "tcp_start_source.h"
#include "collectors/os/errno_error.h"
#include "tcp_start_tracker.h"
#include "collectors/os/unique_fd.h"

#include <QFile>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>

#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace pathlens::collect {

namespace {

// 256 data pages (1 MiB) per CPU: a sample is ~100 bytes and a connection makes ~5 state changes,
// so one ring holds ~2,000 connections per CPU between two 1 Hz polls (the churn target is 1,000/s).
constexpr int kRingPages = 256;
// Unfinished handshakes are forgotten after 2 minutes (the kernel gives up on SYNs well before).
constexpr qint64 kPendingKeepUs = 120'000'000;
// A change is applied once it is this old: by then every CPU has written what happened before it
// (a ring write takes microseconds; 1 ms also covers a briefly descheduled vCPU).
constexpr qint64 kReorderWindowUs = 1000;
// Bounded drain: at most this many records per CPU per poll.
constexpr int kMaxRecordsPerPoll = 200000;

const char *const kTracefsRoots[] = {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"};
constexpr char kEventDir[] = "/events/sock/inet_sock_set_state/";

core::Error denied(const QString &what, int err)
{
    return errnoError(what, err,
                           QStringLiteral("exact start times need root (the tracepoint's id is under tracefs, and perf needs CAP_PERFMON); "
                                          "until then sessions start at first sight"),
                      core::ErrorCode::Unsupported);
}

qint64 monoNowUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// The tracefs directory holding the tracepoint; mounts tracefs when it is missing and we may.
QString tracefsRoot()
{
    for (const char *root : kTracefsRoots)
        if (QFile::exists(QString::fromLatin1(root) + QLatin1String(kEventDir) + QLatin1String("id")))
            return QString::fromLatin1(root);
    if (::mount("nodev", kTracefsRoots[0], "tracefs", 0, nullptr) == 0)
        return QString::fromLatin1(kTracefsRoots[0]);
    return {};
}

struct Ring {
    UniqueFd fd;
    void *map = MAP_FAILED;
    std::size_t mapLen = 0;
    ~Ring()
    {
        if (map != MAP_FAILED)
            ::munmap(map, mapLen);
    }
};

class PerfTcpStartSource final : public TcpStartSource {
public:
    core::Result<void> open() override
    {
        const QString root = tracefsRoot();
        if (root.isEmpty())
            return core::makeError(core::ErrorCode::Unsupported, QStringLiteral("tracefs is not available"),
                                   QStringLiteral("mount tracefs on /sys/kernel/tracing; until then sessions start at first sight"));
        QFile idFile(root + QLatin1String(kEventDir) + QLatin1String("id"));
        QFile formatFile(root + QLatin1String(kEventDir) + QLatin1String("format"));
        if (!idFile.open(QIODevice::ReadOnly) || !formatFile.open(QIODevice::ReadOnly))
            return denied(QStringLiteral("cannot read the inet_sock_set_state tracepoint"), EACCES);
        bool ok = false;
        const quint64 id = idFile.readAll().trimmed().toULongLong(&ok);
        if (!ok)
            return denied(QStringLiteral("bad tracepoint id"), EINVAL);
        auto layout = parseStateTracepointFormat(formatFile.readAll());
        if (!layout)
            return layout.error();
        m_layout = *layout;

        const long cpus = ::sysconf(_SC_NPROCESSORS_CONF);
        const long page = ::sysconf(_SC_PAGESIZE);
        for (long cpu = 0; cpu < cpus && cpu < 4096; ++cpu) {
            perf_event_attr attr{};
            attr.size = sizeof attr;
            attr.type = PERF_TYPE_TRACEPOINT;
            attr.config = id;
            attr.sample_period = 1;
            attr.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_RAW;
            attr.use_clockid = 1;
            attr.clockid = CLOCK_MONOTONIC; // same clock as the dump's timestamps
            attr.watermark = 1;
            attr.wakeup_watermark = std::uint32_t(kRingPages * page / 2);
            auto ring = std::make_unique<Ring>();
            ring->fd.reset(int(::syscall(SYS_perf_event_open, &attr, -1, int(cpu), -1, PERF_FLAG_FD_CLOEXEC)));
            if (!ring->fd.valid()) {
                if (errno == ENODEV || errno == EINVAL)
                    continue; // offline CPU
                return denied(QStringLiteral("perf_event_open(inet_sock_set_state)"), errno);
            }
            // Kernel-side filter: only TCP (the tracepoint also fires for SCTP and MPTCP).
            (void)::ioctl(ring->fd.get(), PERF_EVENT_IOC_SET_FILTER, "protocol == 6");
            ring->mapLen = std::size_t(page) * (kRingPages + 1);
            ring->map = ::mmap(nullptr, ring->mapLen, PROT_READ | PROT_WRITE, MAP_SHARED, ring->fd.get(), 0);
            if (ring->map == MAP_FAILED)
                return denied(QStringLiteral("mmap of the perf ring"), errno);
            m_rings.push_back(std::move(ring));
        }
        if (m_rings.empty())
            return denied(QStringLiteral("no CPU accepted the tracepoint"), ENODEV);
        m_dataSize = std::size_t(page) * kRingPages;
        m_pageSize = std::size_t(page);
        return {};
    }

    core::Result<std::vector<TcpLifecycle>> poll() override
    {
        // Rings are per CPU: a connect()'s SYN_SENT and the softirq's ESTABLISHED often land on
        // different CPUs, so changes are merged by time before the tracker sees them. Changes
        // stamped after the cut-off may still be in flight on another CPU: they wait a poll.
        const qint64 cutoff = monoNowUs() - kReorderWindowUs;
        for (auto &ring : m_rings)
            drain(*ring);
        std::stable_sort(m_buffer.begin(), m_buffer.end(),
                         [](const TcpStateChange &a, const TcpStateChange &b) { return a.monoUs < b.monoUs; });
        std::vector<TcpLifecycle> out;
        std::size_t used = 0;
        for (; used < m_buffer.size() && m_buffer[used].monoUs <= cutoff; ++used) {
            auto events = m_tracker.apply(m_buffer[used]);
            out.insert(out.end(), std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
        }
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + std::ptrdiff_t(used));
        m_tracker.expire(cutoff - kPendingKeepUs);
        return out;
    }

    QString describe() const override
    {
        return QStringLiteral("kernel tracepoint sock:inet_sock_set_state%1")
            .arg(m_lost ? QStringLiteral(", %1 state changes lost").arg(m_lost) : QString());
    }

private:
    void drain(Ring &ring)
    {
        auto *meta = static_cast<perf_event_mmap_page *>(ring.map);
        const char *data = static_cast<const char *>(ring.map) + m_pageSize;
        const quint64 head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
        quint64 tail = meta->data_tail;
        char record[512];
        for (int i = 0; i < kMaxRecordsPerPoll && tail + sizeof(perf_event_header) <= head; ++i) {
            perf_event_header h;
            copyOut(data, tail, &h, sizeof h);
            if (h.size < sizeof h || tail + h.size > head)
                break;
            if (h.type == PERF_RECORD_SAMPLE && h.size <= sizeof record) {
                copyOut(data, tail, record, h.size);
                handleSample(record + sizeof h, h.size - sizeof h);
            } else if (h.type == PERF_RECORD_LOST && h.size >= sizeof h + 16) {
                quint64 lost = 0;
                copyOut(data, tail + sizeof h + 8, &lost, sizeof lost); // { u64 id; u64 lost; }
                m_lost += lost;
            }
            tail += h.size;
        }
        __atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
    }

    void copyOut(const char *data, quint64 offset, void *dst, std::size_t len) const
    {
        const std::size_t start = std::size_t(offset % m_dataSize);
        const std::size_t first = std::min(len, m_dataSize - start);
        std::memcpy(dst, data + start, first);
        if (first < len)
            std::memcpy(static_cast<char *>(dst) + first, data, len - first);
    }

    // PERF_SAMPLE_TID | TIME | RAW: { u32 pid, tid; u64 time; u32 size; char raw[size]; }
    void handleSample(const char *p, std::size_t len)
    {
        if (len < 20)
            return;
        quint32 pid = 0, rawSize = 0;
        quint64 timeNs = 0;
        std::memcpy(&pid, p, 4);
        std::memcpy(&timeNs, p + 8, 8);
        std::memcpy(&rawSize, p + 16, 4);
        if (rawSize > len - 20)
            return;
        auto change = parseStateChange(m_layout, QByteArrayView(p + 20, qsizetype(rawSize)), qint64(timeNs / 1000), pid);
        if (change)
            m_buffer.push_back(std::move(*change));
    }

    StateTracepointLayout m_layout;
    std::vector<std::unique_ptr<Ring>> m_rings;
    std::size_t m_dataSize = 0, m_pageSize = 0;
    TcpStartTracker m_tracker;
    std::vector<TcpStateChange> m_buffer; // drained, waiting to be applied in time order
    quint64 m_lost = 0;
};

} // namespace

std::unique_ptr<TcpStartSource> createLiveTcpStartSource() { return std::make_unique<PerfTcpStartSource>(); }

} // namespace pathlens::collect
