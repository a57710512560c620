// SPDX-License-Identifier: GPL-3.0-or-later
// bench_tcp_collector: cost of one tick of the real TcpCollector (dump, parse, owners, tracker,
// sessions snapshot; wall and CPU per stage) against the bare dump, `ss -tin` and `ss -tinp` at
// 1k/10k/100k loopback connections held by several processes; steady state next to a dump that
// rejects every socket (the kernel's walk alone), CPU at 1 Hz, owners vs `ss -p`, churn capture and
// peak memory. Prints figures only. Flags: --quick (no 100k), --scales a,b, --cpu, --churn,
// --no-cpu, --no-churn.
#include "collectors/tcp/inet_diag_parser.h"
#include "collectors/tcp/process_attribution.h"
#include "collectors/tcp/tcp_collector.h"
#include "collectors/tcp/tcp_dump_source.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/rtnetlink.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pathlens;
using Clock = std::chrono::steady_clock;

namespace {
constexpr int kMinHolders = 4; // "owned by several processes"
// Each holder keeps both ends of its connections; the hard fd limit here is 20,000 (no
// CAP_SYS_RESOURCE to raise it), so 100k connections need 11 holders.
constexpr int kFdsPerHolder = 19000;
int holdersFor(int connections) { return std::max(kMinHolders, (2 * connections + kFdsPerHolder - 1) / kFdsPerHolder); }

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void raiseFdLimit(rlim_t n)
{
    rlimit rl{n, n};
    if (::setrlimit(RLIMIT_NOFILE, &rl) != 0)
        std::perror("setrlimit");
}

// Child: holds `count` established loopback connections (both ends) until its pipe closes.
[[noreturn]] void holder(int index, int count, int readyFd, int stopFd)
{
    raiseFdLimit(std::min<rlim_t>(rlim_t(2 * count + 64), 20000));
    const int l = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(20000 + index));
    a.sin_addr.s_addr = htonl(0x7f000101 + index); // 127.0.1.(1+index): own 4-tuple space per holder
    int one = 1;
    ::setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(l, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(l, 4096) != 0)
        _exit(1);
    int made = 0;
    for (int i = 0; i < count; ++i) {
        const int c = ::socket(AF_INET, SOCK_STREAM, 0);
        if (c < 0 || ::connect(c, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0)
            break;
        if (::accept(l, nullptr, nullptr) < 0)
            break;
        ++made;
    }
    ::write(readyFd, &made, sizeof made);
    char b;
    ::read(stopFd, &b, 1); // returns 0 when the parent closes its end
    _exit(0);
}

struct Holders {
    std::vector<pid_t> pids;
    std::vector<int> stopFds;
    int made = 0;
    ~Holders()
    {
        for (int fd : stopFds)
            ::close(fd);
        for (pid_t p : pids)
            ::waitpid(p, nullptr, 0);
    }
};

std::unique_ptr<Holders> spawnHolders(int connections)
{
    auto h = std::make_unique<Holders>();
    const int holders = holdersFor(connections);
    for (int i = 0; i < holders; ++i) {
        int ready[2], stop[2];
        if (::pipe(ready) != 0 || ::pipe(stop) != 0)
            return h;
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::close(ready[0]);
            ::close(stop[1]);
            holder(i, connections / holders, ready[1], stop[0]);
        }
        ::close(ready[1]);
        ::close(stop[0]);
        h->pids.push_back(pid);
        h->stopFds.push_back(stop[1]);
        int made = 0;
        ::read(ready[0], &made, sizeof made);
        ::close(ready[0]);
        h->made += made;
    }
    return h;
}

double cpuSeconds(int who = RUSAGE_SELF)
{
    rusage ru{};
    ::getrusage(who, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Wall time and CPU (user + system) of one run. The machine is shared: CPU time is what the
// targets are about and is far less disturbed by other load than wall time.
struct Cost {
    double wallMs = 0, cpuMs = 0;
};

Cost runTool(const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    if (!out)
        p.setStandardOutputFile(QProcess::nullDevice());
    const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
    const auto t0 = Clock::now();
    p.start(QStringLiteral("ss"), args);
    p.waitForFinished(120000);
    const double t = ms(Clock::now() - t0);
    if (out)
        *out = p.readAllStandardOutput();
    return {t, 1000.0 * (cpuSeconds(RUSAGE_CHILDREN) - cpu0)}; // the child is reaped by now
}

// The real collector (live source, attribution, exact-start source, tracker, sessions snapshot),
// stepped by hand: tick() is what runs once a second. Rows are dropped; the sessions snapshot is
// taken by value as a queued connection to the GUI would copy it.
struct LiveCollector {
    qint64 nextId = 0;
    collect::TcpCollector collector{[] {
                                        collect::TcpCollectorOptions o;
                                        o.includeLoopback = true;
                                        return o;
                                    }(),
                                    [this] { return ++nextId; }};
    std::vector<core::TcpSession> sessions;
    bool keepSessions = false;
    LiveCollector()
    {
        collector.attach(1, std::make_shared<std::atomic<quint64>>(1), [](std::vector<core::Row>) {});
        // As the GUI listens: a direct connection by reference (it rolls up on the collector's thread).
        QObject::connect(&collector, &collect::TcpCollector::sessionsReady,
                         [this](quint64, const std::vector<core::TcpSession> &s) {
                             if (keepSessions)
                                 sessions = s;
                         });
    }
    const collect::TcpCollector::TickCosts &start()
    {
        collector.start(); // opens the sources and ticks once (timers never fire: no event loop here)
        return collector.lastTickCosts();
    }
    const collect::TcpCollector::TickCosts &tick()
    {
        collector.tick();
        return collector.lastTickCosts();
    }
};

// Owners by `ss -tinp`: "users:(("name",pid=123,fd=4))" on the socket line.
std::map<QString, qint64> ssOwners(const QByteArray &out)
{
    std::map<QString, qint64> owners;
    static const QRegularExpression re(QStringLiteral(R"(^\S+\s+\d+\s+\d+\s+(\S+)\s+(\S+)\s+users:\(\("[^"]*",pid=(\d+))"));
    for (const QByteArray &line : out.split('\n')) {
        const auto m = re.match(QString::fromLatin1(line));
        if (m.hasMatch())
            owners[m.captured(1) + '|' + m.captured(2)] = m.captured(3).toLongLong();
    }
    return owners;
}

// The kernel's floor for a full poll: the same two family dumps with a bytecode filter that rejects
// every socket (one INET_DIAG_BC_JMP past the end, as ss builds "nothing"). The walk over the
// established hash and every socket is done; no socket is filled or copied.
Cost rejectAllDump()
{
    static const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    const double c0 = threadCpuMs();
    const auto t0 = Clock::now();
    for (const unsigned char family : {AF_INET, AF_INET6}) {
        struct {
            nlmsghdr nlh;
            inet_diag_req_v2 req;
            rtattr rta;
            inet_diag_bc_op op;
        } msg{};
        msg.nlh.nlmsg_len = sizeof msg;
        msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
        msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        msg.req.sdiag_family = family;
        msg.req.sdiag_protocol = IPPROTO_TCP;
        msg.req.idiag_ext = 1u << (INET_DIAG_INFO - 1);
        msg.req.idiag_states = ((1u << 13) - 1) & ~((1u << 6) | (1u << 7) | (1u << 10) | (1u << 12) | 1u); // as the source
        msg.rta.rta_type = INET_DIAG_REQ_BYTECODE;
        msg.rta.rta_len = RTA_LENGTH(sizeof msg.op);
        msg.op = {INET_DIAG_BC_JMP, 4, 8}; // "no" jumps past the end: rejected
        sockaddr_nl kernel{};
        kernel.nl_family = AF_NETLINK;
        if (::sendto(fd, &msg, sizeof msg, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0)
            return {};
        static char buf[32768];
        for (int i = 0; i < 1000; ++i) {
            const ssize_t got = ::recv(fd, buf, sizeof buf, 0);
            if (got <= 0)
                return {};
            bool done = false;
            int n = int(got);
            for (auto *h = reinterpret_cast<nlmsghdr *>(buf); NLMSG_OK(h, n) && !done; h = NLMSG_NEXT(h, n))
                done = h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR;
            if (done)
                break;
        }
    }
    return {ms(Clock::now() - t0), threadCpuMs() - c0};
}

void printCosts(const char *what, const collect::TcpCollector::TickCosts &c)
{
    std::printf("%s: %.1f ms wall / %.1f ms CPU (dump %.1f/%.1f, parse %.1f/%.1f, attribution %.1f/%.1f, tracker %.1f/%.1f, "
                "snapshot %.1f/%.1f), %d readings\n",
                what, c.total.wallMs, c.total.cpuMs, c.dump.wallMs, c.dump.cpuMs, c.parse.wallMs, c.parse.cpuMs,
                c.attribution.wallMs, c.attribution.cpuMs, c.tracker.wallMs, c.tracker.cpuMs, c.publish.wallMs,
                c.publish.cpuMs, c.readings);
}

void scale(int connections, int runs)
{
    auto holders = spawnHolders(connections);
    std::printf("\n== %d connections requested, %d established (%d sockets, %d holder processes)\n", connections,
                holders->made, 2 * holders->made, int(holders->pids.size()));
    auto bareSource = collect::createLiveTcpDumpSource();
    auto perFamilySource = collect::createLiveTcpDumpSource(collect::TcpDumpWalk::OneRequestPerFamily); // the old way, for the ratio
    if (!bareSource->open().ok() || !perFamilySource->open().ok()) {
        std::printf("cannot open NETLINK_SOCK_DIAG\n");
        return;
    }
    LiveCollector live;
    printCosts("first tick (cold /proc scan, every socket new)", live.start());
    std::vector<double> full, fullCpu, noSnap, noSnapCpu, dump, parse, attr, track, snap, bare, bareCpu, ssTin, ssTinCpu,
        ssTinp, ssTinpCpu, perFamilyCpu;
    collect::TcpCollector::TickCosts last;
    for (int i = 0; i < runs; ++i) {
        last = live.tick();
        full.push_back(last.total.wallMs);
        fullCpu.push_back(last.total.cpuMs);
        noSnap.push_back(last.total.wallMs - last.publish.wallMs);
        noSnapCpu.push_back(last.total.cpuMs - last.publish.cpuMs);
        dump.push_back(last.dump.cpuMs);
        parse.push_back(last.parse.cpuMs);
        attr.push_back(last.attribution.cpuMs);
        track.push_back(last.tracker.cpuMs);
        snap.push_back(last.publish.cpuMs);
        const double c0 = threadCpuMs();
        auto t0 = Clock::now();
        (void)bareSource->dump();
        bare.push_back(ms(Clock::now() - t0));
        bareCpu.push_back(threadCpuMs() - c0);
        const double c1 = threadCpuMs();
        (void)perFamilySource->dump();
        perFamilyCpu.push_back(threadCpuMs() - c1);
        const Cost tin = runTool({"-tin"}), tinp = runTool({"-tinp"});
        ssTin.push_back(tin.wallMs);
        ssTinCpu.push_back(tin.cpuMs);
        ssTinp.push_back(tinp.wallMs);
        ssTinpCpu.push_back(tinp.cpuMs);
    }
    const double f = median(full), fc = median(fullCpu), b = median(bare), bc = median(bareCpu), s1 = median(ssTin),
                 s1c = median(ssTinCpu), s2 = median(ssTinp), s2c = median(ssTinpCpu);
    std::printf("median of %d ticks, wall / CPU: full tick %.2f / %.2f ms (without the sessions snapshot %.2f / %.2f) | "
                "bare dump %.2f / %.2f ms | ss -tin %.1f / %.1f ms | ss -tinp %.1f / %.1f ms\n",
                runs, f, fc, median(noSnap), median(noSnapCpu), b, bc, s1, s1c, s2, s2c);
    std::printf("  CPU by stage: dump %.2f, parse %.2f, attribution %.2f, tracker %.2f, snapshot %.2f ms\n", median(dump),
                median(parse), median(attr), median(track), median(snap));
    std::printf("  bare dump CPU, one walk for both families %.2f ms against one request per family %.2f ms (%.2fx)\n", bc,
                median(perFamilyCpu), bc / median(perFamilyCpu));
    std::printf("ratios wall (CPU): full/bare %.2fx (%.2fx) target <=1.5 | full/ss-tin %.3fx (%.3fx) target <=0.2 | "
                "full/ss-tinp %.4fx (%.4fx) target <=0.05\n",
                f / b, fc / bc, f / s1, fc / s1c, f / s2, fc / s2c);

    // Owners: set-equal to ss -p?
    live.keepSessions = true;
    live.tick();
    live.keepSessions = false;
    QByteArray out;
    runTool({"-tinp"}, &out);
    const auto theirs = ssOwners(out);
    int same = 0, differ = 0, onlyOurs = 0;
    for (const auto &s : live.sessions) {
        if (s.closed)
            continue;
        const auto it = theirs.find(s.localAddr + '|' + s.remoteAddr);
        if (it == theirs.end())
            ++onlyOurs;
        else if (it->second == s.pid)
            ++same;
        else
            ++differ;
    }
    std::printf("owners vs ss -p: %d equal, %d different, %d not listed by ss (of %zu sessions)\n", same, differ, onlyOurs,
                live.sessions.size());

    if (connections == 10000) { // steady state: no new sockets, cache warm, rows of the first sight written
        for (int i = 0; i < 15; ++i) // the row budget (2000/tick) has written every first-sight row by now
            live.tick();
        std::vector<double> steady, steadyCpu, steadyBare, steadyBareCpu;
        for (int i = 0; i < 10; ++i) {
            const auto &c = live.tick();
            steady.push_back(c.total.wallMs);
            steadyCpu.push_back(c.total.cpuMs);
            const double c0 = threadCpuMs();
            auto t0 = Clock::now();
            (void)bareSource->dump();
            steadyBare.push_back(ms(Clock::now() - t0));
            steadyBareCpu.push_back(threadCpuMs() - c0);
        }
        std::vector<double> floorWall, floorCpu;
        for (int i = 0; i < 5; ++i) {
            const Cost c = rejectAllDump();
            floorWall.push_back(c.wallMs);
            floorCpu.push_back(c.cpuMs);
        }
        std::printf("steady-state tick at 10k connections: median %.2f ms wall / %.2f ms CPU (target <=5 ms); the bare "
                    "dump alone %.2f ms wall / %.2f ms CPU; a dump whose filter rejects every socket %.2f ms wall / %.2f ms CPU\n",
                    median(steady), median(steadyCpu), median(steadyBare), median(steadyBareCpu), median(floorWall),
                    median(floorCpu));
        printCosts("  last steady tick", live.collector.lastTickCosts());
    }
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    std::printf("peak RSS of the benchmark process so far: %.1f MB\n", ru.ru_maxrss / 1024.0);
}

// The real collector at 1 Hz (exact start source and destroy events included) for `seconds`.
struct CollectorRun {
    std::vector<core::TcpSession> sessions;
    double cpuPct = 0;
    QString diagnostics;
    int ticks = 0;                  // after the warm-up
    double tickCpuMs = 0, dumpCpuMs = 0; // summed over those ticks (tick: every stage before the snapshot)
};

CollectorRun runCollector(int seconds, int warmupSeconds = 0)
{
    collect::TcpCollectorOptions o;
    o.includeLoopback = true;
    qint64 n = 0;
    collect::TcpCollector c(o, [&n] { return ++n; });
    c.attach(1, std::make_shared<std::atomic<quint64>>(1), [](std::vector<core::Row>) {});
    CollectorRun run;
    bool measuring = warmupSeconds == 0;
    QObject::connect(&c, &collect::TcpCollector::sessionsReady, [&](quint64, std::vector<core::TcpSession> s) {
        run.sessions = std::move(s);
        if (!measuring)
            return;
        const auto &k = c.lastTickCosts(); // every stage up to the snapshot is complete here
        ++run.ticks;
        run.tickCpuMs += k.finals.cpuMs + k.dump.cpuMs + k.parse.cpuMs + k.attribution.cpuMs + k.tracker.cpuMs;
        run.dumpCpuMs += k.dump.cpuMs;
    });
    double cpu0 = cpuSeconds();
    auto t0 = Clock::now();
    c.start();
    QTimer::singleShot(warmupSeconds * 1000, [&] { // after the first (cold) poll: steady running cost
        cpu0 = cpuSeconds();
        t0 = Clock::now();
        measuring = true;
    });
    QTimer::singleShot((warmupSeconds + seconds) * 1000, [&] {
        run.cpuPct = 100.0 * (cpuSeconds() - cpu0) / (ms(Clock::now() - t0) / 1000.0);
        c.tick();
        run.diagnostics = c.diagnostics();
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    c.stop();
    return run;
}

// Child: opens `perSecond` connections a second for `seconds` to a listener of its own (a second
// child accepts), each living 10–900 ms; sends 100 bytes after connect and 100 before close.
// Writes each client's local port to `portsFd` at the end.
[[noreturn]] void churner(int perSecond, int seconds, int portsFd)
{
    raiseFdLimit(65536);
    const int l = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(21000);
    a.sin_addr.s_addr = htonl(0x7f000201); // 127.0.2.1
    int one = 1;
    ::setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(l, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(l, 4096) != 0)
        _exit(1);
    if (::fork() == 0) { // acceptor: reads until EOF, then closes
        std::vector<pollfd> fds{{l, POLLIN, 0}};
        const auto end = Clock::now() + std::chrono::seconds(seconds + 3);
        char buf[512];
        while (Clock::now() < end) {
            if (::poll(fds.data(), fds.size(), 100) <= 0)
                continue;
            if (fds[0].revents & POLLIN) {
                const int c = ::accept(l, nullptr, nullptr);
                if (c >= 0)
                    fds.push_back({c, POLLIN, 0});
            }
            for (size_t i = 1; i < fds.size();) {
                if (fds[i].revents && ::read(fds[i].fd, buf, sizeof buf) <= 0) {
                    ::close(fds[i].fd);
                    fds[i] = fds.back();
                    fds.pop_back();
                } else {
                    ++i;
                }
            }
        }
        _exit(0);
    }
    QRandomGenerator rng(4242);
    std::multimap<Clock::time_point, int> closing;
    std::vector<quint16> ports;
    const auto start = Clock::now();
    const auto end = start + std::chrono::seconds(seconds);
    char msg[100] = {};
    for (int i = 0; Clock::now() < end || !closing.empty(); ++i) {
        const auto now = Clock::now();
        while (!closing.empty() && closing.begin()->first <= now) {
            const int fd = closing.begin()->second;
            ::send(fd, msg, sizeof msg, MSG_NOSIGNAL);
            ::close(fd);
            closing.erase(closing.begin());
        }
        const auto due = start + std::chrono::microseconds(qint64(ports.size()) * 1000000 / perSecond);
        if (now < end && now >= due) {
            const int c = ::socket(AF_INET, SOCK_STREAM, 0);
            if (c >= 0 && ::connect(c, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0) {
                ::send(c, msg, sizeof msg, MSG_NOSIGNAL);
                sockaddr_in la{};
                socklen_t ll = sizeof la;
                ::getsockname(c, reinterpret_cast<sockaddr *>(&la), &ll);
                ports.push_back(ntohs(la.sin_port));
                closing.emplace(now + std::chrono::milliseconds(10 + rng.bounded(891)), c); // 10–900 ms
            } else if (c >= 0) {
                ::close(c);
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    for (quint16 p : ports)
        ::write(portsFd, &p, sizeof p);
    _exit(0);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains("--quick"); // 1k and 10k only
    std::printf("bench_tcp_collector: loopback connections held by >= %d processes; times are medians; nothing is asserted\n", kMinHolders);
    const bool churnOnly = args.contains("--churn"), cpuOnly = args.contains("--cpu");
    const bool noCpu = args.contains("--no-cpu");
    // Closed benchmark connections linger in TIME_WAIT for 60 s and every dump walks them: the CPU
    // figure is taken first, before the large scales leave up to 100k of them behind.
    if (!churnOnly && !noCpu) { // CPU at 1 Hz with 1,000 sockets (500 connections, both ends)
        auto holders = spawnHolders(500);
        const CollectorRun run = runCollector(10, 2);
        std::printf("\nCPU of the collector at 1 Hz with %d sockets over 10 s (after 2 s warm-up): %.3f %% of one core "
                    "(target <=0.5 %%), %zu sessions\n  %s\n",
                    2 * holders->made, run.cpuPct, run.sessions.size(), qPrintable(run.diagnostics));
        if (run.ticks)
            std::printf("  per tick: %.2f ms CPU, of which the kernel dump %.2f ms; the rest of the %.2f ms a second is the "
                        "event loop, the 20 Hz start-source drain and the sessions snapshot\n",
                        run.tickCpuMs / run.ticks, run.dumpCpuMs / run.ticks, run.cpuPct * 10.0);
    }
    // --scales 10000[,100000]: only these connection counts (for profiling one size).
    QList<int> scales{1000, 10000};
    if (!quick)
        scales << 100000;
    if (const qsizetype i = args.indexOf("--scales"); i >= 0 && i + 1 < args.size()) {
        scales.clear();
        for (const QString &n : args.at(i + 1).split(','))
            scales << n.toInt();
    }
    if (!churnOnly && !cpuOnly)
        for (int n : scales)
            scale(n, n >= 100000 ? 3 : n >= 10000 ? 5 : 7);
    if (cpuOnly || args.contains("--no-churn"))
        return 0;
    { // churn: 1,000 connections/s, lifetimes 10–900 ms, 5 s
        const int perSecond = 1000, seconds = 5;
        int portsPipe[2];
        if (::pipe(portsPipe) != 0)
            return 1;
        ::fcntl(portsPipe[1], F_SETPIPE_SZ, 1 << 20);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(portsPipe[0]);
            churner(perSecond, seconds, portsPipe[1]);
        }
        ::close(portsPipe[1]);
        const CollectorRun run = runCollector(seconds + 3);
        std::vector<quint16> ports;
        quint16 port = 0;
        while (::read(portsPipe[0], &port, sizeof port) == sizeof port)
            ports.push_back(port);
        ::waitpid(child, nullptr, 0);
        QHash<QString, const core::TcpSession *> byLocal;
        for (const auto &s : run.sessions)
            byLocal.insert(s.localAddr, &s);
        int seen = 0, withFinal = 0, exactStart = 0, attributed = 0;
        for (quint16 p : ports) {
            const auto it = byLocal.constFind(QStringLiteral("127.0.0.1:%1").arg(p));
            if (it == byLocal.cend())
                continue;
            ++seen;
            withFinal += (*it)->closed && (*it)->bytesUp >= 200; // both messages: the final counters
            exactStart += (*it)->startExact;
            if (!(*it)->startExact && qEnvironmentVariableIsSet("PATHLENS_BENCH_DEBUG"))
                std::printf("  not exact: %s readings %d duration %.3f s first %lld last %lld\n", qPrintable((*it)->localAddr),
                            (*it)->readings, (*it)->durationS(), (*it)->firstMonoUs, (*it)->lastMonoUs);
            attributed += (*it)->attribution == core::Attribution::Process;
        }
        const double n = ports.empty() ? 1 : double(ports.size());
        std::printf("churn: %zu connections at %d/s, lifetimes 10-900 ms: %.2f %% seen, %.2f %% with final counters "
                    "(target >=99.9 %%), %.2f %% exact start, %.2f %% attributed; collector CPU %.2f %% of one core\n",
                    ports.size(), perSecond, 100 * seen / n, 100 * withFinal / n, 100 * exactStart / n, 100 * attributed / n,
                    run.cpuPct);
        std::printf("  %s\n", qPrintable(run.diagnostics));
    }
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    std::printf("peak RSS of the benchmark process: %.1f MB\n", ru.ru_maxrss / 1024.0);
    return 0;
}
