// SPDX-License-Identifier: GPL-3.0-or-later
// bench_tcp_collector: cost of one TCP poll (dump, parse, attribution, tracker) against the bare
// dump, `ss -tin` and `ss -tinp` at 1k/10k/100k loopback connections held by several processes;
// steady state, CPU at 1 Hz, owners vs `ss -p`, churn capture and peak memory. Prints figures only.
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
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include <arpa/inet.h>
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

double runTool(const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    if (!out)
        p.setStandardOutputFile(QProcess::nullDevice());
    const auto t0 = Clock::now();
    p.start(QStringLiteral("ss"), args);
    p.waitForFinished(120000);
    const double t = ms(Clock::now() - t0);
    if (out)
        *out = p.readAllStandardOutput();
    return t;
}

struct Pipeline {
    std::unique_ptr<collect::TcpDumpSource> source = collect::createLiveTcpDumpSource();
    std::unique_ptr<collect::ProcessAttribution> attribution = collect::createProcessAttribution();
    core::TcpSessionTracker tracker{[] {
                                        core::TcpSessionTracker::Options o;
                                        o.includeLoopback = true;
                                        return o;
                                    }(),
                                    [n = qint64(0)]() mutable { return ++n; }};
    core::TcpSnapshot last;
    double dumpMs = 0, parseMs = 0, attrMs = 0, trackMs = 0;

    bool poll()
    {
        auto t0 = Clock::now();
        auto batch = source->dump();
        auto t1 = Clock::now();
        if (!batch)
            return false;
        auto parsed = collect::parseInetDiag(batch->bytes);
        auto t2 = Clock::now();
        if (!parsed)
            return false;
        for (auto &r : parsed->readings) {
            r.monoUs = batch->monoUs;
            r.utcUs = batch->utcUs;
        }
        attribution->attribute(parsed->readings, true);
        auto t3 = Clock::now();
        (void)tracker.applyPoll(parsed->readings, batch->monoUs);
        auto t4 = Clock::now();
        dumpMs = ms(t1 - t0);
        parseMs = ms(t2 - t1);
        attrMs = ms(t3 - t2);
        trackMs = ms(t4 - t3);
        last = std::move(parsed->readings);
        return true;
    }
    double total() const { return dumpMs + parseMs + attrMs + trackMs; }
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

void scale(int connections, int runs)
{
    auto holders = spawnHolders(connections);
    std::printf("\n== %d connections requested, %d established (%d sockets, %d holder processes)\n", connections,
                holders->made, 2 * holders->made, int(holders->pids.size()));
    Pipeline p;
    if (!p.source->open().ok()) {
        std::printf("cannot open NETLINK_SOCK_DIAG\n");
        return;
    }
    QElapsedTimer cold;
    cold.start();
    p.poll();
    std::printf("first poll (cold /proc scan): %.1f ms (dump %.1f, parse %.1f, attribution %.1f, tracker %.1f), %zu readings\n",
                double(cold.nsecsElapsed()) / 1e6, p.dumpMs, p.parseMs, p.attrMs, p.trackMs, p.last.size());
    std::vector<double> full, bare, parse, attr, track, ssTin, ssTinp;
    for (int i = 0; i < runs; ++i) {
        p.poll();
        full.push_back(p.total());
        parse.push_back(p.parseMs);
        attr.push_back(p.attrMs);
        track.push_back(p.trackMs);
        auto t0 = Clock::now();
        (void)p.source->dump();
        bare.push_back(ms(Clock::now() - t0));
        ssTin.push_back(runTool({"-tin"}));
        ssTinp.push_back(runTool({"-tinp"}));
    }
    const double f = median(full), b = median(bare), s1 = median(ssTin), s2 = median(ssTinp);
    std::printf("median of %d: full poll %.2f ms (parse %.2f, attribution %.2f, tracker %.2f) | bare dump %.2f ms | "
                "ss -tin %.1f ms | ss -tinp %.1f ms\n",
                runs, f, median(parse), median(attr), median(track), b, s1, s2);
    std::printf("ratios: full/bare %.2fx (target <=1.5) | full/ss-tin %.3fx (target <=0.2) | full/ss-tinp %.4fx (target <=0.05)\n",
                f / b, f / s1, f / s2);

    // Owners: set-equal to ss -p?
    QByteArray out;
    runTool({"-tinp"}, &out);
    const auto theirs = ssOwners(out);
    int same = 0, differ = 0, onlyOurs = 0;
    for (const auto &r : p.last) {
        const auto it = theirs.find(r.localAddr + '|' + r.remoteAddr);
        if (it == theirs.end())
            ++onlyOurs;
        else if (it->second == r.pid)
            ++same;
        else
            ++differ;
    }
    std::printf("owners vs ss -p: %d equal, %d different, %d not listed by ss (of %zu)\n", same, differ, onlyOurs, p.last.size());

    if (connections == 10000) { // steady state: no new sockets, cache warm
        std::vector<double> steady;
        for (int i = 0; i < 10; ++i) {
            p.poll();
            steady.push_back(p.total());
        }
        std::printf("steady-state poll at 10k connections: median %.2f ms (target <=5 ms)\n", median(steady));
    }
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    std::printf("peak RSS of the benchmark process so far: %.1f MB\n", ru.ru_maxrss / 1024.0);
}

double cpuSeconds()
{
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// The real collector at 1 Hz (exact start source and destroy events included) for `seconds`.
struct CollectorRun {
    std::vector<core::TcpSession> sessions;
    double cpuPct = 0;
    QString diagnostics;
};

CollectorRun runCollector(int seconds, int warmupSeconds = 0)
{
    collect::TcpCollectorOptions o;
    o.includeLoopback = true;
    qint64 n = 0;
    collect::TcpCollector c(o, [&n] { return ++n; });
    c.attach(1, std::make_shared<std::atomic<quint64>>(1), [](std::vector<core::Row>) {});
    CollectorRun run;
    QObject::connect(&c, &collect::TcpCollector::sessionsReady, [&](quint64, std::vector<core::TcpSession> s) { run.sessions = std::move(s); });
    double cpu0 = cpuSeconds();
    auto t0 = Clock::now();
    c.start();
    QTimer::singleShot(warmupSeconds * 1000, [&] { // after the first (cold) poll: steady running cost
        cpu0 = cpuSeconds();
        t0 = Clock::now();
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
    // Closed benchmark connections linger in TIME_WAIT for 60 s and every dump walks them: the CPU
    // figure is taken first, before the large scales leave up to 100k of them behind.
    if (!churnOnly) { // CPU at 1 Hz with 1,000 sockets (500 connections, both ends)
        auto holders = spawnHolders(500);
        const CollectorRun run = runCollector(10, 2);
        std::printf("\nCPU of the collector at 1 Hz with %d sockets over 10 s (after 2 s warm-up): %.3f %% of one core "
                    "(target <=0.5 %%), %zu sessions\n  %s\n",
                    2 * holders->made, run.cpuPct, run.sessions.size(), qPrintable(run.diagnostics));
    }
    if (!churnOnly && !cpuOnly) {
        scale(1000, 7);
        scale(10000, 5);
        if (!quick)
            scale(100000, 3);
    }
    if (cpuOnly)
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
