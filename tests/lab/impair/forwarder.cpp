// SPDX-License-Identifier: GPL-3.0-or-later
// Single-threaded AF_PACKET forwarder that applies ImpairModel to every frame of every link.
#include "forwarder.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>

namespace pathlens::lab {

namespace {
// struct virtio_net_hdr is 10 bytes (linux/virtio_net.h, which does not compile as C++).
constexpr size_t kVnetHdrLen = 10;
constexpr size_t kMaxFrame = 65536 + kVnetHdrLen;               // a GSO frame is at most 64 KiB
constexpr int kRcvBufBytes = 8 << 20;      // 8 MiB: absorbs a burst while we are asleep
constexpr size_t kLatenessRing = 65536;    // samples kept for percentiles in the stats
constexpr int kRxBurst = 64;               // frames read from one port per wake-up
constexpr size_t kLogFlushBytes = 1 << 20; // flush the ground-truth log past 1 MiB when idle
constexpr int64_t kIdleForLogNs = 20'000'000; // only flush when no deadline within 20 ms
constexpr int64_t kNsPerSec = 1'000'000'000;
constexpr int64_t kBudgetWindowNs = 100'000'000; // spin budget accounting window (100 ms)

int64_t realtimeNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return int64_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
}

void pushRing(std::vector<int32_t> &ring, size_t &pos, int64_t value)
{
    const auto v = int32_t(std::clamp<int64_t>(value, INT32_MIN, INT32_MAX));
    if (ring.size() < kLatenessRing)
        ring.push_back(v);
    else
        ring[pos++ % kLatenessRing] = v;
}

double percentileUs(std::vector<int32_t> v, double q)
{
    if (v.empty())
        return 0.0;
    const size_t k = std::min(v.size() - 1, size_t(q * double(v.size())));
    std::nth_element(v.begin(), v.begin() + long(k), v.end());
    return v[k] / 1000.0;
}
} // namespace

int64_t monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
}

Forwarder::Forwarder(std::vector<LinkConfig> links, ForwarderOptions options)
    : m_links(std::move(links)), m_opt(std::move(options)), m_rxBuf(kMaxFrame)
{
}

Forwarder::~Forwarder()
{
    flushLog(true);
    if (m_log)
        std::fclose(m_log);
}

std::string Forwarder::openPort(Port &port)
{
    const unsigned ifindex = if_nametoindex(port.ifName.c_str());
    if (ifindex == 0)
        return "no interface '" + port.ifName + "' in this namespace";
    port.fd = UniqueFd(::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL)));
    if (!port.fd.valid())
        return std::string("socket(AF_PACKET): ") + std::strerror(errno) + " (needs CAP_NET_RAW)";
    const int one = 1;
    // The vnet header carries checksum-offload and GSO state, so frames whose checksum the
    // sender left to "hardware" (veth default) stay valid after we re-send them.
    if (setsockopt(port.fd.get(), SOL_PACKET, PACKET_VNET_HDR, &one, sizeof one) < 0)
        return std::string("PACKET_VNET_HDR: ") + std::strerror(errno);
    // Never see our own transmissions on this interface (they would loop forever).
    if (setsockopt(port.fd.get(), SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one) < 0)
        return std::string("PACKET_IGNORE_OUTGOING: ") + std::strerror(errno);
    setsockopt(port.fd.get(), SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    setsockopt(port.fd.get(), SOL_SOCKET, SO_RCVBUFFORCE, &kRcvBufBytes, sizeof kRcvBufBytes);
    setsockopt(port.fd.get(), SOL_SOCKET, SO_SNDBUFFORCE, &kRcvBufBytes, sizeof kRcvBufBytes);
    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex = int(ifindex);
    if (bind(port.fd.get(), reinterpret_cast<sockaddr *>(&sll), sizeof sll) < 0)
        return "bind(" + port.ifName + "): " + std::strerror(errno);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = uint64_t(&port - m_ports.data());
    if (epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, port.fd.get(), &ev) < 0)
        return std::string("epoll_ctl: ") + std::strerror(errno);
    return {};
}

std::string Forwarder::open()
{
    m_epoll = UniqueFd(epoll_create1(EPOLL_CLOEXEC));
    m_timer = UniqueFd(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGHUP);
    sigprocmask(SIG_BLOCK, &mask, nullptr);
    m_signals = UniqueFd(signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC));
    if (!m_epoll.valid() || !m_timer.valid() || !m_signals.valid())
        return std::string("epoll/timerfd/signalfd: ") + std::strerror(errno);
    // Ports first (their epoll tag is the index), then the two control fds with tags past them.
    m_ports.resize(m_links.size() * 2);
    for (size_t i = 0; i < m_links.size(); ++i) {
        const auto &l = m_links[i];
        m_ports[2 * i].ifName = l.ifA;
        m_ports[2 * i].direction = 2 * i;      // frames in on A go a2b
        m_ports[2 * i + 1].ifName = l.ifB;
        m_ports[2 * i + 1].direction = 2 * i + 1;
        m_dirs.push_back(Direction{l.name, "a2b", ImpairModel(l.a2b), 2 * i + 1, 0, {}});
        m_dirs.push_back(Direction{l.name, "b2a", ImpairModel(l.b2a), 2 * i, 0, {}});
    }
    for (auto &p : m_ports)
        if (auto err = openPort(p); !err.empty())
            return err;
    const uint64_t timerTag = m_ports.size(), signalTag = m_ports.size() + 1;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = timerTag;
    epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, m_timer.get(), &ev);
    ev.data.u64 = signalTag;
    epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, m_signals.get(), &ev);
    if (!m_opt.logPath.empty()) {
        m_log = std::fopen(m_opt.logPath.c_str(), "w");
        if (!m_log)
            return "cannot write log " + m_opt.logPath + ": " + std::strerror(errno);
        std::fputs("# link dir seq bytes arrival_ns deadline_ns departure_ns fate"
                   " (CLOCK_MONOTONIC)\n", m_log);
    }
    if (!m_opt.readyPath.empty()) {
        if (std::FILE *f = std::fopen(m_opt.readyPath.c_str(), "w"))
            std::fclose(f);
    }
    return {};
}

void Forwarder::drainPort(size_t portIndex)
{
    Port &port = m_ports[portIndex];
    for (int i = 0; i < kRxBurst; ++i) {
        iovec iov{m_rxBuf.data(), m_rxBuf.size()};
        sockaddr_ll from{};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
        msghdr msg{};
        msg.msg_name = &from;
        msg.msg_namelen = sizeof from;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        const ssize_t n = recvmsg(port.fd.get(), &msg, MSG_DONTWAIT | MSG_TRUNC);
        if (n < 0)
            return; // EAGAIN (drained) or interface gone: either way nothing more now
        if (from.sll_pkttype == PACKET_OUTGOING || size_t(n) > m_rxBuf.size()
            || size_t(n) < kVnetHdrLen + ETH_HLEN)
            continue;
        const int64_t nowMono = monotonicNs();
        int64_t arrival = nowMono;
        // Prefer the kernel's receive stamp (taken when the frame reached our interface), so a
        // late wake-up of this process does not add to the delay. Sanity-checked: veth may
        // carry a sender-side stamp from another clock.
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                timespec ts{};
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                const int64_t age = realtimeNs() - (int64_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec);
                if (age >= 0 && age < kNsPerSec)
                    arrival = nowMono - age;
            }
        }
        Direction &d = m_dirs[port.direction];
        const uint64_t seq = d.seq++;
        ++d.stats.rx;
        const ImpairVerdict v = d.model.onPacket(arrival);
        if (v.fate != ImpairVerdict::Fate::Send) {
            const bool burst = v.fate == ImpairVerdict::Fate::LostBurst;
            ++(burst ? d.stats.lostBurst : d.stats.lostRandom);
            logLine(d, seq, size_t(n) - kVnetHdrLen, arrival, 0, 0, burst ? "lost-burst" : "lost");
            continue;
        }
        if (m_queue.size() >= m_opt.maxQueue) {
            ++d.stats.overflow;
            logLine(d, seq, size_t(n) - kVnetHdrLen, arrival, v.departNs, 0, "overflow");
            continue;
        }
        if (v.reordered)
            ++d.stats.reordered;
        m_queue.push(Pending{v.departNs, m_order++, port.direction, seq, arrival,
                             std::vector<uint8_t>(m_rxBuf.begin(), m_rxBuf.begin() + n)});
    }
}

void Forwarder::sendDue(int64_t now)
{
    while (!m_queue.empty() && m_queue.top().departNs <= now) {
        const Pending &p = m_queue.top();
        Direction &d = m_dirs[p.dir];
        // Departure = the moment the frame is handed to the kernel. On veth the send call also
        // runs the receiver's softirq (tens of microseconds) which is path time, not ours.
        const int64_t sent = monotonicNs();
        const ssize_t n = ::send(m_ports[d.outPort].fd.get(), p.frame.data(), p.frame.size(),
                                 MSG_DONTWAIT);
        if (n < 0) {
            ++d.stats.sendErrors;
            logLine(d, p.seq, p.frame.size() - kVnetHdrLen, p.arrivalNs, p.departNs, sent,
                    "send-error");
        } else {
            ++d.stats.sent;
            pushRing(d.stats.latenessNs, d.stats.ringPos, sent - p.departNs);
            d.stats.latenessMaxNs = std::max(d.stats.latenessMaxNs, sent - p.departNs);
            logLine(d, p.seq, p.frame.size() - kVnetHdrLen, p.arrivalNs, p.departNs, sent, "sent");
        }
        m_queue.pop();
        now = monotonicNs();
    }
}

void Forwarder::logLine(const Direction &d, uint64_t seq, size_t len, int64_t arrival,
                        int64_t deadline, int64_t sent, const char *fate)
{
    if (!m_log)
        return;
    char line[256];
    const int n = std::snprintf(line, sizeof line, "%s %s %llu %zu %lld %lld %lld %s\n",
                                d.link.c_str(), d.name.c_str(), (unsigned long long)seq, len,
                                (long long)arrival, (long long)deadline, (long long)sent, fate);
    if (n > 0)
        m_logBuf.append(line, size_t(std::min(n, int(sizeof line) - 1)));
    if (m_logBuf.size() > 8 * kLogFlushBytes)
        flushLog(true); // never grow without bound, even if we are never idle
}

void Forwarder::flushLog(bool force)
{
    if (!m_log || m_logBuf.empty() || (!force && m_logBuf.size() < kLogFlushBytes))
        return;
    std::fwrite(m_logBuf.data(), 1, m_logBuf.size(), m_log);
    std::fflush(m_log);
    m_logBuf.clear();
}

void Forwarder::writeStats()
{
    if (m_opt.statsPath.empty())
        return;
    const std::string tmp = m_opt.statsPath + ".tmp";
    std::FILE *f = std::fopen(tmp.c_str(), "w");
    if (!f)
        return;
    std::fprintf(f, "{\"uptime_s\": %.3f, \"spin_loops\": %llu, \"sleeps\": %llu, \"queued\": %zu,"
                    " \"spin_budget_exhausted\": %llu, \"directions\": [",
                 double(monotonicNs() - m_startNs) / 1e9, (unsigned long long)m_spinLoops,
                 (unsigned long long)m_sleeps, m_queue.size(), (unsigned long long)m_budgetExhausted);
    for (size_t i = 0; i < m_dirs.size(); ++i) {
        const auto &d = m_dirs[i];
        const auto &s = d.stats;
        std::fprintf(f, "%s\n {\"link\": \"%s\", \"dir\": \"%s\", \"rx\": %llu, \"sent\": %llu,"
                        " \"lost_random\": %llu, \"lost_burst\": %llu, \"reordered\": %llu,"
                        " \"overflow\": %llu, \"send_errors\": %llu,"
                        " \"lateness_p50_us\": %.1f, \"lateness_p99_us\": %.1f,"
                        " \"lateness_max_us\": %.1f}",
                     i ? "," : "", d.link.c_str(), d.name.c_str(), (unsigned long long)s.rx,
                     (unsigned long long)s.sent, (unsigned long long)s.lostRandom,
                     (unsigned long long)s.lostBurst, (unsigned long long)s.reordered,
                     (unsigned long long)s.overflow, (unsigned long long)s.sendErrors,
                     percentileUs(s.latenessNs, 0.5), percentileUs(s.latenessNs, 0.99),
                     double(s.latenessMaxNs) / 1e3);
    }
    for (auto &d : m_dirs) // a new window starts with every request
        d.stats.latenessMaxNs = 0;
    std::fprintf(f, "\n]}\n");
    std::fclose(f);
    std::rename(tmp.c_str(), m_opt.statsPath.c_str());
}

bool Forwarder::handleSignal()
{
    signalfd_siginfo si{};
    bool stop = false;
    while (::read(m_signals.get(), &si, sizeof si) == ssize_t(sizeof si)) {
        if (si.ssi_signo == SIGUSR1) {
            flushLog(true);
            writeStats();
        } else {
            stop = true;
        }
    }
    return stop;
}

int Forwarder::run()
{
    m_startNs = monotonicNs();
    const int64_t endNs = m_startNs + m_opt.maxRuntimeNs;
    int64_t lastActivity = 0;
    int64_t armedFor = -1;
    int64_t windowStart = m_startNs, spunInWindow = 0, iterStart = m_startNs;
    bool spunLast = false;
    epoll_event events[32];
    for (;;) {
        int64_t now = monotonicNs();
        if (now >= endNs) {
            std::fprintf(stderr, "pathlens-impair: max runtime reached, exiting\n");
            break;
        }
        if (spunLast)
            spunInWindow += now - iterStart;
        iterStart = now;
        if (now - windowStart >= kBudgetWindowNs) {
            windowStart = now;
            spunInWindow = 0;
        }
        const bool budgetLeft = spunInWindow < m_opt.spinBudgetNs;
        const int64_t next = m_queue.empty() ? INT64_MAX : m_queue.top().departNs;
        const bool wantSpin = (next != INT64_MAX && next - now <= m_opt.spinNs)
                              || now - lastActivity < m_opt.lingerNs;
        const bool spin = wantSpin && budgetLeft;
        if (wantSpin && !budgetLeft && spunLast)
            ++m_budgetExhausted;
        spunLast = spin;
        int timeoutMs = 0;
        if (spin) {
            ++m_spinLoops;
        } else {
            ++m_sleeps;
            if (next - now > kIdleForLogNs)
                flushLog(false);
            // Wake spinNs before the earliest deadline (or at it, when the spin budget is spent);
            // the 1 s cap keeps the runtime check alive.
            int64_t wakeAt = 0;
            if (next != INT64_MAX)
                wakeAt = std::max<int64_t>(1, budgetLeft ? next - m_opt.spinNs : next);
            if (wakeAt != armedFor) {
                itimerspec its{};
                its.it_value.tv_sec = wakeAt / kNsPerSec;
                its.it_value.tv_nsec = wakeAt % kNsPerSec;
                timerfd_settime(m_timer.get(), TFD_TIMER_ABSTIME, &its, nullptr);
                armedFor = wakeAt;
            }
            timeoutMs = 1000;
            if (!budgetLeft) // come back when the next window opens, to spin again
                timeoutMs = int((windowStart + kBudgetWindowNs - now) / 1'000'000) + 1;
        }
        const int n = epoll_wait(m_epoll.get(), events, 32, timeoutMs);
        if (n < 0 && errno != EINTR) {
            std::fprintf(stderr, "pathlens-impair: epoll_wait: %s\n", std::strerror(errno));
            return 1;
        }
        bool stop = false;
        for (int i = 0; i < n; ++i) {
            const uint64_t tag = events[i].data.u64;
            if (tag < m_ports.size()) {
                drainPort(tag);
                lastActivity = monotonicNs();
            } else if (tag == m_ports.size()) {
                uint64_t expirations = 0;
                [[maybe_unused]] auto r = ::read(m_timer.get(), &expirations, sizeof expirations);
                armedFor = -1;
            } else {
                stop = handleSignal() || stop;
            }
        }
        if (stop)
            break;
        now = monotonicNs();
        if (!m_queue.empty() && m_queue.top().departNs <= now) {
            sendDue(now);
            lastActivity = monotonicNs();
        }
    }
    flushLog(true);
    writeStats();
    return 0;
}

} // namespace pathlens::lab
