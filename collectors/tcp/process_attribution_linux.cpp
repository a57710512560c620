// SPDX-License-Identifier: GPL-3.0-or-later
// Linux process attribution: /proc/PID/fd socket links, cached by inode, rescanned only on misses.
#include "process_attribution.h"
#include "collectors/os/unique_fd.h"

#include <QElapsedTimer>

#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace pathlens::collect {

namespace {

struct DirCloser {
    void operator()(DIR *d) const { ::closedir(d); }
};
using DirPtr = std::unique_ptr<DIR, DirCloser>;

// "socket:[12345]" → 12345, else 0.
quint64 socketInode(const char *link, ssize_t n)
{
    constexpr char kPrefix[] = "socket:[";
    constexpr ssize_t kPrefixLen = sizeof kPrefix - 1;
    if (n <= kPrefixLen + 1 || std::memcmp(link, kPrefix, kPrefixLen) != 0 || link[n - 1] != ']')
        return 0;
    quint64 v = 0;
    for (ssize_t i = kPrefixLen; i < n - 1; ++i) {
        if (link[i] < '0' || link[i] > '9')
            return 0;
        v = v * 10 + quint64(link[i] - '0');
    }
    return v;
}

bool isPidName(const char *name)
{
    if (!*name)
        return false;
    for (; *name; ++name)
        if (*name < '0' || *name > '9')
            return false;
    return true;
}

class LinuxProcessAttribution final : public ProcessAttribution {
public:
    explicit LinuxProcessAttribution(QString procRoot) : m_root(procRoot.toLocal8Bit())
    {
        m_rootFd.reset(::open(m_root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }

    void attribute(std::vector<core::TcpSocketReading> &readings, bool completePoll) override
    {
        std::unordered_set<quint64> wanted;
        for (const auto &r : readings)
            if (r.inode && !m_owners.count(r.inode))
                wanted.insert(r.inode);
        if (!wanted.empty())
            scan(wanted);
        for (auto &r : readings) {
            if (!r.inode) {
                r.attribution = core::Attribution::Unknown;
                r.exeName = unknownName();
                continue;
            }
            fill(r, m_owners[r.inode]);
        }
        // Steady state (no socket came or went) leaves nothing to prune: skip the O(n) pass.
        if (completePoll && (!wanted.empty() || m_owners.size() != m_lastLiveCount || readings.size() != m_lastLiveCount))
            prune(readings);
    }

    void attributeNew(const std::vector<core::TcpSocketReading *> &fresh) override
    {
        std::unordered_set<quint64> wanted;
        for (const core::TcpSocketReading *r : fresh)
            if (r->inode && !m_owners.count(r->inode))
                wanted.insert(r->inode);
        if (!wanted.empty())
            scan(wanted);
        for (core::TcpSocketReading *r : fresh) {
            if (!r->inode) {
                r->attribution = core::Attribution::Unknown;
                r->exeName = unknownName();
                continue;
            }
            fill(*r, m_owners[r->inode]);
        }
        m_newSinceRetain += fresh.size();
    }

    void retainLive(const std::vector<core::TcpSocketReading> &live) override
    {
        // Same rule as attribute(): nothing came or went, nothing to prune.
        if (m_newSinceRetain || m_owners.size() != m_lastLiveCount || live.size() != m_lastLiveCount)
            prune(live);
        m_newSinceRetain = 0;
    }

    void attributePid(core::TcpSocketReading &r, qint64 pid) override
    {
        Owner o;
        o.pid = pid;
        o.attribution = pid > 0 ? core::Attribution::Process : core::Attribution::Unknown;
        fill(r, o);
    }

    Stats stats() const override
    {
        Stats s = m_stats;
        s.cachedInodes = int(m_owners.size());
        return s;
    }

private:
    struct Owner {
        core::Attribution attribution = core::Attribution::Unknown;
        qint64 pid = 0;
    };
    struct Exe {
        QString name, path;
    };

    void fill(core::TcpSocketReading &r, const Owner &o)
    {
        r.attribution = o.attribution;
        r.pid = o.pid;
        if (o.attribution == core::Attribution::Process) {
            const Exe &e = exe(o.pid);
            r.exeName = e.name;
            r.exePath = e.path;
        } else {
            r.exeName = o.attribution == core::Attribution::OtherUser ? otherUsersName() : unknownName();
            r.exePath.clear();
        }
    }

    // Executable of a pid, cached until the pid owns no cached socket any more.
    const Exe &exe(qint64 pid)
    {
        auto it = m_exes.find(pid);
        if (it != m_exes.end())
            return it->second;
        Exe e;
        char link[4096];
        const QByteArray exePath = QByteArray::number(pid) + "/exe";
        const ssize_t n = ::readlinkat(m_rootFd.get(), exePath.constData(), link, sizeof link - 1);
        if (n > 0) {
            e.path = QString::fromLocal8Bit(link, n);
            if (e.path.endsWith(QLatin1String(" (deleted)"))) // binary replaced by an upgrade
                e.path.chop(10);
            e.name = e.path.section(QLatin1Char('/'), -1);
        }
        if (e.name.isEmpty()) { // kernel thread, or exe unreadable: fall back to comm (15 chars)
            const QByteArray commPath = QByteArray::number(pid) + "/comm";
            UniqueFd fd(::openat(m_rootFd.get(), commPath.constData(), O_RDONLY | O_CLOEXEC));
            char buf[64];
            const ssize_t m = fd.valid() ? ::read(fd.get(), buf, sizeof buf) : -1;
            e.name = m > 0 ? QString::fromLocal8Bit(buf, m).trimmed() : QStringLiteral("pid %1").arg(pid);
        }
        return m_exes.emplace(pid, std::move(e)).first->second;
    }

    // One walk of the process table looking for `wanted`; processes that owned a socket recently
    // are visited first and the walk stops once every wanted inode is found.
    void scan(std::unordered_set<quint64> &wanted)
    {
        QElapsedTimer timer;
        timer.start();
        ++m_stats.scans;
        m_stats.deniedDirs = 0;
        std::vector<qint64> pids;
        pids.reserve(1024);
        for (qint64 pid : m_recentPids)
            pids.push_back(pid);
        if (DirPtr dir{m_rootFd.valid() ? ::fdopendir(::dup(m_rootFd.get())) : nullptr}) {
            ::rewinddir(dir.get());
            // Bounded: a process table never exceeds pid_max (4 M on 64-bit Linux).
            for (int i = 0; i < (4 << 20); ++i) {
                const dirent *de = ::readdir(dir.get());
                if (!de)
                    break;
                if (isPidName(de->d_name)) {
                    const qint64 pid = std::strtoll(de->d_name, nullptr, 10);
                    if (!m_recentSet.count(pid))
                        pids.push_back(pid);
                }
            }
        }
        bool denied = false;
        for (qint64 pid : pids) {
            if (wanted.empty())
                break;
            scanPid(pid, wanted, denied);
        }
        for (quint64 inode : wanted) // not found: someone we could not look at, or gone already
            m_owners[inode] = Owner{denied ? core::Attribution::OtherUser : core::Attribution::Unknown, 0};
        m_stats.lastScanMs = double(timer.nsecsElapsed()) / 1e6;
    }

    void scanPid(qint64 pid, std::unordered_set<quint64> &wanted, bool &denied)
    {
        const QByteArray fdPath = QByteArray::number(pid) + "/fd";
        UniqueFd dfd(::openat(m_rootFd.get(), fdPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!dfd.valid()) {
            if (errno == EACCES || errno == EPERM) {
                denied = true;
                ++m_stats.deniedDirs;
            }
            return;
        }
        ++m_stats.processesRead;
        DirPtr dir{::fdopendir(::dup(dfd.get()))};
        if (!dir)
            return;
        bool hit = false;
        char link[64];
        // Bounded by the fd limit (nr_open ≤ 1 M by default on Linux).
        for (int i = 0; i < (1 << 20); ++i) {
            const dirent *de = ::readdir(dir.get());
            if (!de)
                break;
            if (de->d_name[0] == '.')
                continue;
            const ssize_t n = ::readlinkat(dfd.get(), de->d_name, link, sizeof link);
            if (n <= 0)
                continue;
            const quint64 inode = socketInode(link, n);
            if (inode && wanted.erase(inode)) {
                m_owners[inode] = Owner{core::Attribution::Process, pid};
                hit = true;
            }
        }
        if (hit && m_recentSet.insert(pid).second) {
            m_recentPids.push_back(pid);
        }
    }

    void prune(const std::vector<core::TcpSocketReading> &readings)
    {
        m_lastLiveCount = readings.size();
        std::unordered_set<quint64> live;
        live.reserve(readings.size());
        for (const auto &r : readings)
            live.insert(r.inode);
        std::unordered_set<qint64> pidsInUse;
        for (auto it = m_owners.begin(); it != m_owners.end();) {
            if (!live.count(it->first)) {
                it = m_owners.erase(it);
            } else {
                pidsInUse.insert(it->second.pid);
                ++it;
            }
        }
        for (auto it = m_exes.begin(); it != m_exes.end();)
            it = pidsInUse.count(it->first) ? std::next(it) : m_exes.erase(it);
        // Recent-first order: keep only pids that still own sockets.
        std::vector<qint64> recent;
        for (qint64 pid : m_recentPids)
            if (pidsInUse.count(pid))
                recent.push_back(pid);
        m_recentPids = std::move(recent);
        m_recentSet = std::unordered_set<qint64>(m_recentPids.begin(), m_recentPids.end());
    }

    QByteArray m_root;
    UniqueFd m_rootFd;
    std::unordered_map<quint64, Owner> m_owners;  // inode → owner (negative answers too)
    std::unordered_map<qint64, Exe> m_exes;       // pid → executable
    std::vector<qint64> m_recentPids;             // pids owning cached sockets, first found first
    std::unordered_set<qint64> m_recentSet;
    Stats m_stats;
    std::size_t m_lastLiveCount = 0;
    std::size_t m_newSinceRetain = 0;
};

} // namespace

std::unique_ptr<ProcessAttribution> createProcessAttribution(const QString &procRoot)
{
    return std::make_unique<LinuxProcessAttribution>(procRoot);
}

} // namespace pathlens::collect
