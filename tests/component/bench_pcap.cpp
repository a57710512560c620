// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (label bench): the pcap TCP analysis next to tcptrace and tshark. Writes a deterministic
// pcap (Ethernet, IPv4) of --flows concurrent TCP connections, --packets frames in all, seen from a
// gateway between clients 0.3–3 ms away and servers 8–120 ms away: handshake with MSS/SACK/window
// scale/timestamps, requests and responses of web-like sizes (some uploads), delayed ACKs, losses
// after the capture point repaired by fast retransmit (≥ 3 duplicate ACKs with SACK) or by timeout,
// FIN handshake. Then times, each in a child process pinned to one CPU (wait4: wall and CPU time;
// peak RSS as VmHWM read when the child stops on its way out, under ptrace; runs under 10 s CPU are
// repeated --repeat times (3) and the fastest kept):
//   (a) our analysis over the file: PcapFileReader → decodeTcpSegment → TcpFlowAnalyzer, no store
//   (b) our whole import into a .plcap (importPcapToCapture)
//   tcptrace -n -l -r FILE            (per-connection long output with RTT and retransmissions)
//   tshark -r FILE -q -z conv,tcp     (the conversation table)
//   tshark -r FILE --disable-protocol http --disable-protocol tls -T fields -e tcp.stream
//          -e tcp.analysis.retransmission -e tcp.analysis.fast_retransmission
//          -e tcp.analysis.out_of_order -e tcp.analysis.ack_rtt   (the TCP analysis we do, and no more:
//          the synthetic payloads on ports 80 and 443 would otherwise go through HTTP and TLS)
// and prints a table: packets, wall and CPU seconds, Mpps (packets per CPU second: one core), peak
// RSS, our import's rate and RSS over each tool's, then the verdicts on issue 16's targets (≥ 2.5 Mpps
// on one core, ≥ 1× tcptrace, peak RSS ≤ 0.1× tshark's) and a sanity line (retransmissions found by
// each). The file lives in a temporary folder removed at the end (page cache warm for every reader).
// Prints figures only; exits non-zero only when the generator or our own run fails (a missing tool
// is reported in its row).
//   bench_pcap [--packets N] [--flows N] [--snaplen N] [--cpu N] [--repeat N] [--keep FILE] [--no-tools]
#include "collectors/pcap/pcap_file_reader.h"
#include "collectors/pcap/pcap_import.h"
#include "core/pcap/packet_decoder.h"
#include "core/pcap/tcp_flow_analysis.h"
#include "tests/unit/pcap_frame_builder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <vector>

#include <fcntl.h>
#include <sched.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pathlens;
using core::TcpSegment;

namespace {

// ---- the generator ----------------------------------------------------------------------------

constexpr qint64 kUs = 1000, kMs = 1000 * kUs;
constexpr quint16 kMss = 1448;      // 1500-byte MTU with the timestamps option
constexpr quint16 kWindow = 2048;   // raw window field (scaled by 2^7 on both sides): never changes, so dup ACKs count
constexpr double kLossRate = 0.004; // per data segment, lost after the capture point

// splitmix64: one stream per flow, so the file depends only on (packets, flows).
struct Rng {
    quint64 s;
    quint64 next()
    {
        quint64 z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) / double(1ULL << 53); }
    qint64 range(qint64 lo, qint64 hi) { return lo + qint64(next() % quint64(hi - lo + 1)); } // [lo, hi]
};

// One end of a connection: its address and the next sequence number it sends.
struct End {
    std::array<quint8, 16> ip{};
    quint16 port = 0;
    quint32 next = 0;   // next sequence number to send
    qint64 tsBase = 0;  // TSval clock offset (ms)
};

// One connection's state between batches; copied to try a batch and kept only if it fits the budget.
struct FlowState {
    Rng rng{0};
    End client, server;
    qint64 clientLegNs = 0, serverLegNs = 0; // capture → that end → capture
    qint64 gapNs = 0;                        // between back-to-back full segments at the capture point
    qint64 t = 0;                            // capture time the next batch may start at
    int budget = 0, emitted = 0;
    bool handshakeDone = false, closed = false;
};

class FlowGenerator {
public:
    FlowGenerator(int index, int budget, qint64 startNs)
    {
        FlowState &f = m_state;
        f.rng.s = 0x5EED0000ULL + quint64(index) * 7919;
        f.client.ip = {198, 18, quint8(index >> 8), quint8(index & 0xFF)}; // RFC 2544 benchmarking range
        f.client.port = quint16(32768 + f.rng.range(0, 28000));
        f.server.ip = {198, 19, 0, quint8(1 + index % 50)};
        f.server.port = index % 5 == 0 ? 80 : 443;
        f.client.next = quint32(f.rng.next());
        f.server.next = quint32(f.rng.next());
        f.client.tsBase = f.rng.range(1, 1 << 30);
        f.server.tsBase = f.rng.range(1, 1 << 30);
        f.clientLegNs = f.rng.range(300, 3000) * kUs;
        f.serverLegNs = f.rng.range(8, 120) * kMs;
        f.gapNs = f.rng.range(12, 120) * kUs; // 1 Gbit/s … 100 Mbit/s bottleneck
        f.t = startNs;
        f.budget = budget;
    }

    bool done() const { return m_state.closed && m_at == m_batch.size(); }
    const TcpSegment *peek() const { return m_at < m_batch.size() ? &m_batch[m_at] : nullptr; }
    void pop()
    {
        if (++m_at == m_batch.size() && !m_state.closed)
            refill();
    }
    void start() { refill(); }

private:
    // A segment from `from` to the other end at capture time `ts`, acknowledging the other end's data.
    static TcpSegment segment(const FlowState &f, bool fromClient, qint64 ts, quint32 seq, quint8 flags, quint32 len)
    {
        const End &me = fromClient ? f.client : f.server, &peer = fromClient ? f.server : f.client;
        TcpSegment s = test::tcpSegment(me.ip, me.port, peer.ip, peer.port, seq, peer.next, flags, kWindow, len);
        s.tsNs = ts;
        s.options.hasTimestamps = true;
        s.options.tsVal = quint32(me.tsBase + ts / kMs);
        s.options.tsEcr = (flags & core::TcpSyn) && !(flags & core::TcpAck)
                              ? 0
                              : quint32(peer.tsBase + (ts - (fromClient ? f.clientLegNs : f.serverLegNs)) / kMs);
        return s;
    }

    // `bytes` from one end to the other starting at `start`, in flights that double from 10 segments
    // (slow start) up to 64, each after the previous one's last ACK has reached the sender. The
    // receiver ACKs every second segment (and the last of a flight when `ackLast`); a segment lost
    // after the capture point makes every later one of its flight draw an immediate duplicate ACK with
    // a SACK block, then comes back one sender leg after the third (fast retransmit) or after the
    // timeout (fewer than three). Returns the time of the last packet.
    static qint64 transfer(FlowState &f, std::vector<TcpSegment> &out, bool fromClient, qint64 bytes, qint64 start, bool ackLast)
    {
        End &snd = fromClient ? f.client : f.server;
        const qint64 legS = fromClient ? f.clientLegNs : f.serverLegNs, legR = fromClient ? f.serverLegNs : f.clientLegNs;
        const qint64 gap = fromClient ? f.gapNs / 4 : f.gapNs; // uploads leave a faster LAN
        int cwnd = 10;
        qint64 t = start, last = start;
        while (bytes > 0) {
            struct Sent {
                quint32 seq, len;
                qint64 ts;
            };
            std::vector<Sent> flight;
            for (int j = 0; j < cwnd && bytes > 0; ++j) {
                const quint32 len = quint32(std::min<qint64>(bytes, kMss));
                flight.push_back({snd.next, len, t + j * gap});
                out.push_back(segment(f, fromClient, t + j * gap, snd.next, core::TcpAck | (len < kMss ? core::TcpPsh : 0), len));
                snd.next += len;
                bytes -= len;
            }
            int lost = -1;
            for (size_t j = 0; j < flight.size() && lost < 0; ++j)
                if (f.rng.uniform() < kLossRate)
                    lost = int(j);
            const auto ack = [&](qint64 ts, quint32 ackNo, const core::SackBlock *sack) {
                TcpSegment a = segment(f, !fromClient, ts, (fromClient ? f.server : f.client).next, core::TcpAck, 0);
                a.ack = ackNo;
                if (sack) {
                    a.options.sackCount = 1;
                    a.options.sack[0] = *sack;
                }
                out.push_back(a);
                last = std::max(last, ts);
            };
            qint64 lastAck = t;
            int dupAcks = 0;
            qint64 thirdDupAt = -1;
            for (size_t j = 0; j < flight.size(); ++j) {
                const Sent &s = flight[j];
                const qint64 at = s.ts + legR;
                last = std::max(last, s.ts);
                if (lost < 0 || int(j) < lost) {
                    if (j % 2 == 1 || (j + 1 == flight.size() && ackLast))
                        ack(at, s.seq + s.len, nullptr), lastAck = at;
                } else if (int(j) > lost) {
                    const core::SackBlock sack{flight[size_t(lost) + 1].seq, s.seq + s.len};
                    // The first out-of-order arrival may advance the ACK (a delayed one pending); later ones repeat it.
                    const bool advances = j == size_t(lost) + 1 && lost % 2 == 1;
                    ack(at, flight[size_t(lost)].seq, &sack);
                    if (!advances && ++dupAcks == 3)
                        thirdDupAt = at;
                    lastAck = at;
                }
            }
            if (lost >= 0) {
                const Sent &s = flight[size_t(lost)];
                const qint64 resendAt = thirdDupAt >= 0 ? thirdDupAt + legS : s.ts + std::max<qint64>(200 * kMs, 3 * (legS + legR));
                TcpSegment again = segment(f, fromClient, resendAt, s.seq, core::TcpAck, s.len);
                out.push_back(again);
                ack(resendAt + legR, flight.back().seq + flight.back().len, nullptr); // the hole filled: everything
                lastAck = resendAt + legR;
                last = std::max(last, lastAck);
            }
            t = std::max(lastAck, flight.back().ts) + legS;
            cwnd = std::min(cwnd * 2, 64);
        }
        return last;
    }

    // Sizes: requests mostly one segment, one in six an upload; responses small, medium or bulk.
    static qint64 requestBytes(Rng &rng)
    {
        return rng.range(0, 5) == 0 ? rng.range(8'000, 200'000) : rng.range(180, 1400);
    }
    static qint64 responseBytes(Rng &rng)
    {
        const qint64 kind = rng.range(0, 9);
        return kind < 4 ? rng.range(300, 6'000) : kind < 8 ? rng.range(10'000, 120'000) : rng.range(200'000, 1'500'000);
    }

    void handshake(FlowState &f, std::vector<TcpSegment> &out)
    {
        TcpSegment syn = segment(f, true, f.t, f.client.next, core::TcpSyn, 0);
        test::setSynOptions(syn, kMss, 7, syn.options.tsVal);
        syn.ack = 0;
        syn.flags = core::TcpSyn;
        out.push_back(syn);
        ++f.client.next;
        TcpSegment synAck = segment(f, false, f.t + f.serverLegNs, f.server.next, core::TcpSyn | core::TcpAck, 0);
        test::setSynOptions(synAck, kMss, 7, synAck.options.tsVal, synAck.options.tsEcr);
        out.push_back(synAck);
        ++f.server.next;
        out.push_back(segment(f, true, f.t + f.serverLegNs + f.clientLegNs, f.client.next, core::TcpAck, 0));
        f.t += f.serverLegNs + f.clientLegNs + 20 * kUs;
    }

    // One request and its response; the response's first segment acknowledges the request.
    void exchange(FlowState &f, std::vector<TcpSegment> &out)
    {
        const qint64 req = requestBytes(f.rng);
        const qint64 reqEnd = transfer(f, out, true, req, f.t, req > kMss);
        const qint64 think = f.rng.range(0, 4000) * kUs;
        const qint64 respEnd = transfer(f, out, false, responseBytes(f.rng), reqEnd + f.serverLegNs + think, true);
        f.t = respEnd + f.rng.range(1, 300) * kMs; // the user's pause before the next request
    }

    // Exactly `n` ≥ 3 packets: small one-segment messages back and forth (each acknowledging the
    // other's), then the client's FIN, the server's FIN/ACK and the last ACK.
    static void fillAndClose(FlowState &f, std::vector<TcpSegment> &out, int n)
    {
        qint64 t = f.t;
        for (int i = 0; i < n - 3; ++i) {
            const bool fromClient = i % 2 == 0;
            End &me = fromClient ? f.client : f.server;
            out.push_back(segment(f, fromClient, t, me.next, core::TcpAck | core::TcpPsh, 120));
            me.next += 120;
            t += fromClient ? f.serverLegNs : f.clientLegNs + 5 * kMs;
        }
        out.push_back(segment(f, true, t, f.client.next, core::TcpFin | core::TcpAck, 0));
        ++f.client.next;
        out.push_back(segment(f, false, t + f.serverLegNs, f.server.next, core::TcpFin | core::TcpAck, 0));
        ++f.server.next;
        out.push_back(segment(f, true, t + f.serverLegNs + f.clientLegNs, f.client.next, core::TcpAck, 0));
        f.closed = true;
    }

    void refill()
    {
        m_batch.clear();
        m_at = 0;
        FlowState &f = m_state;
        if (!f.handshakeDone) {
            handshake(f, m_batch);
            f.handshakeDone = true;
        } else {
            FlowState trial = f;
            exchange(trial, m_batch);
            if (f.emitted + int(m_batch.size()) + 3 <= f.budget) {
                f = trial;
            } else { // what is left of the budget: small messages and the close
                m_batch.clear();
                f.rng = trial.rng;
                fillAndClose(f, m_batch, f.budget - f.emitted);
            }
        }
        std::stable_sort(m_batch.begin(), m_batch.end(), [](const TcpSegment &a, const TcpSegment &b) { return a.tsNs < b.tsNs; });
        f.emitted += int(m_batch.size());
        if (!m_batch.empty())
            f.t = std::max(f.t, m_batch.back().tsNs + 1 * kMs);
    }

    FlowState m_state;
    std::vector<TcpSegment> m_batch;
    size_t m_at = 0;
};

struct Generated {
    qint64 packets = 0, bytes = 0, dataPackets = 0;
};

void put32(QByteArray &b, quint32 v) { b.append(reinterpret_cast<const char *>(&v), 4); } // host order, as pcap files are

// Writes the capture (classic pcap, µs timestamps, host byte order): every flow's next packet
// merged by time.
bool writeCapture(const QString &path, qint64 packets, int flows, quint32 snaplen, Generated *g)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray out;
    put32(out, 0xa1b2c3d4);
    put32(out, 2 | 4u << 16); // version 2.4
    put32(out, 0);            // thiszone
    put32(out, 0);            // sigfigs
    put32(out, snaplen);
    put32(out, 1); // LINKTYPE_ETHERNET
    std::vector<FlowGenerator> gens;
    gens.reserve(size_t(flows));
    constexpr qint64 kT0 = 1'796'000'000LL * 1'000'000'000LL; // 2026-11-30, whole seconds
    for (int i = 0; i < flows; ++i) {
        const int budget = int(packets / flows + (i < packets % flows ? 1 : 0));
        gens.emplace_back(i, budget, kT0 + qint64(i) * 100 * kUs); // all open within 0.2 s: concurrent
        gens.back().start();
    }
    using Next = std::pair<qint64, int>; // (timestamp, flow)
    std::priority_queue<Next, std::vector<Next>, std::greater<>> heap;
    for (int i = 0; i < flows; ++i)
        heap.push({gens[size_t(i)].peek()->tsNs, i});
    while (!heap.empty()) {
        const int i = heap.top().second;
        heap.pop();
        FlowGenerator &gen = gens[size_t(i)];
        const TcpSegment &seg = *gen.peek();
        const QByteArray frame = test::ethernet(test::ipv4Packet(seg, int(seg.payloadLen)), 0x0800);
        const quint32 caplen = std::min<quint32>(quint32(frame.size()), snaplen);
        const qint64 us = seg.tsNs / kUs;
        put32(out, quint32(us / 1'000'000));
        put32(out, quint32(us % 1'000'000));
        put32(out, caplen);
        put32(out, quint32(frame.size()));
        out.append(frame.constData(), caplen);
        ++g->packets;
        g->dataPackets += seg.payloadLen ? 1 : 0;
        gen.pop();
        if (!gen.done())
            heap.push({gen.peek()->tsNs, i});
        if (out.size() > (8 << 20)) {
            if (file.write(out) != out.size())
                return false;
            g->bytes += out.size();
            out.clear();
        }
    }
    g->bytes += out.size();
    return file.write(out) == out.size() && file.flush();
}

// ---- our runs (in a child, so each is timed and measured like the tools) ---------------------

// (a) read + decode + flow analysis, nothing stored. Prints "flows N tcp N retrans N rtt_samples N".
int childAnalysis(const QString &pcap)
{
    auto reader = collect::PcapFileReader::open(pcap);
    if (!reader) {
        std::fprintf(stderr, "%s\n", qPrintable(reader.error().toString()));
        return 1;
    }
    const auto link = core::linkTypeFromPcap(quint32((*reader)->dataLinkType()));
    if (!link)
        return 1;
    core::TcpFlowAnalyzer analyzer;
    qint64 tcp = 0;
    auto read = (*reader)->forEachFrame([&](const collect::PcapFrame &frame) {
        const QByteArrayView bytes(reinterpret_cast<const char *>(frame.bytes.data()), qsizetype(frame.bytes.size()));
        if (auto segment = core::decodeTcpSegment(*link, bytes, frame.tsNs, frame.origLen)) {
            ++tcp;
            analyzer.add(*segment);
        }
    });
    if (!read)
        return 1;
    quint64 retrans = 0, samples = 0;
    const std::vector<core::PcapFlow> flows = analyzer.finish();
    for (const core::PcapFlow &f : flows) {
        retrans += f.fromClient.retransmissions() + f.fromServer.retransmissions();
        samples += f.fromClient.rtt.count + f.fromServer.rtt.count;
    }
    std::printf("flows %zu tcp %lld retrans %llu rtt_samples %llu\n", flows.size(), tcp, retrans, samples);
    return 0;
}

// (b) the whole import, as `pathlens-agent import` runs it.
int childImport(const QString &pcap, const QString &out)
{
    auto report = collect::importPcapToCapture(pcap, out);
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().toString()));
        return 1;
    }
    std::printf("%s\n", qPrintable(report->summary()));
    return 0;
}

// ---- timing children --------------------------------------------------------------------------

struct Measured {
    bool ran = false;  // started and exited 0
    QString why;       // when not
    double wallS = 0, cpuS = 0, rssMiB = 0;
    QByteArray out;    // its standard output
};

double seconds(const timeval &tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; }

// VmHWM of process `pid` in KiB (the peak resident set of its address space), -1 when unreadable.
qint64 peakRssKiB(pid_t pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Runs `program args` with stdout to `outFile` and stderr discarded, pinned to `cpu`, and measures it.
Measured measure(const QString &program, const QStringList &args, const QString &outFile, int cpu)
{
    Measured m;
    const QString exe = program.contains(QLatin1Char('/')) ? program : QStandardPaths::findExecutable(program);
    if (exe.isEmpty()) {
        m.why = QStringLiteral("%1 not installed").arg(program);
        return m;
    }
    // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
    const QByteArray exeBytes = QFile::encodeName(exe);
    std::vector<QByteArray> argBytes{exeBytes};
    for (const QString &a : args)
        argBytes.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argBytes)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const int outFd = ::open(QFile::encodeName(outFile).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int nullFd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    const pid_t pid = fork();
    if (pid == 0) {
        sched_setaffinity(0, sizeof set, &set);
        dup2(outFd, 1);
        dup2(nullFd, 2);
        if (ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) == 0)
            raise(SIGSTOP); // the parent sets its options before the exec
        execv(argv[0], argv.data());
        _exit(127);
    }
    ::close(outFd);
    ::close(nullFd);
    if (pid < 0) {
        m.why = QStringLiteral("fork failed");
        return m;
    }
    // Peak RSS is read from /proc/PID/status (VmHWM) when the child stops on its way out: its new
    // address space only. ru_maxrss would be at least this process's RSS at fork time, which the
    // child's copy of it kept until its exec (the generator's memory, tens of MiB).
    qint64 hwmKiB = -1;
    int status = 0;
    rusage ru{};
    timespec t0{}, t1{};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        if (wait4(pid, &status, 0, &ru) != pid) {
            m.why = QStringLiteral("wait4 failed");
            return m;
        }
        if (WIFEXITED(status) || WIFSIGNALED(status))
            break;
        if (!WIFSTOPPED(status))
            continue;
        const int sig = WSTOPSIG(status), event = status >> 16;
        if (sig == SIGSTOP && event == 0 && hwmKiB == -1) { // the stop before the exec
            ptrace(PTRACE_SETOPTIONS, pid, nullptr, PTRACE_O_TRACEEXIT | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
            hwmKiB = 0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            ptrace(PTRACE_CONT, pid, nullptr, nullptr);
        } else if (sig == SIGTRAP && event == PTRACE_EVENT_EXIT) {
            hwmKiB = peakRssKiB(pid);
            ptrace(PTRACE_CONT, pid, nullptr, nullptr);
        } else if (sig == SIGTRAP && event != 0) {
            ptrace(PTRACE_CONT, pid, nullptr, nullptr); // the exec
        } else {
            ptrace(PTRACE_CONT, pid, nullptr, reinterpret_cast<void *>(quintptr(sig))); // its own signal, delivered
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    m.wallS = double(t1.tv_sec - t0.tv_sec) + double(t1.tv_nsec - t0.tv_nsec) / 1e9;
    m.cpuS = seconds(ru.ru_utime) + seconds(ru.ru_stime);
    m.rssMiB = double(hwmKiB > 0 ? hwmKiB : ru.ru_maxrss) / 1024.0; // ru_maxrss (KiB) only where ptrace is refused
    QFile out(outFile);
    if (out.open(QIODevice::ReadOnly))
        m.out = out.readAll();
    m.ran = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!m.ran)
        m.why = QStringLiteral("%1 failed (status %2)").arg(program).arg(status);
    return m;
}

double loadAverage()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

// Sum of tcptrace's "rexmt data pkts" (both directions of every connection).
qint64 tcptraceRetransmissions(const QByteArray &out)
{
    static const QRegularExpression field(QStringLiteral("rexmt data pkts:\\s+(\\d+)"));
    qint64 n = 0;
    for (auto it = field.globalMatch(QString::fromLatin1(out)); it.hasNext();)
        n += it.next().captured(1).toLongLong();
    return n;
}

// Segments of the fields run marked retransmission (or fast retransmission, columns 2 and 3), and
// those marked out of order instead (column 4).
std::pair<qint64, qint64> tsharkRetransmissions(const QByteArray &out)
{
    qint64 resent = 0, outOfOrder = 0;
    for (const QByteArray &line : out.split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() >= 4 && (!f[1].isEmpty() || !f[2].isEmpty()))
            ++resent;
        else if (f.size() >= 4 && !f[3].isEmpty())
            ++outOfOrder;
    }
    return {resent, outOfOrder};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == QLatin1String("--child-analysis"))
        return childAnalysis(args[2]);
    if (args.size() == 4 && args[1] == QLatin1String("--child-import"))
        return childImport(args[2], args[3]);

    auto option = [&](const char *name, qint64 fallback) {
        const int at = args.indexOf(QString::fromLatin1(name));
        return at > 0 && at + 1 < args.size() ? args[at + 1].toLongLong() : fallback;
    };
    const qint64 packets = option("--packets", 2'000'000);
    const int flows = int(option("--flows", 2'000));
    const quint32 snaplen = quint32(option("--snaplen", 262'144));
    const int cpus = int(sysconf(_SC_NPROCESSORS_ONLN));
    const int cpu = int(option("--cpu", cpus - 1));
    const int keepAt = args.indexOf(QStringLiteral("--keep"));
    const bool tools = !args.contains(QStringLiteral("--no-tools"));
    const int repeat = int(std::max<qint64>(1, option("--repeat", 3)));
    if (flows < 1 || packets < qint64(flows) * 6) {
        std::fprintf(stderr, "need at least 6 packets per flow\n");
        return 2;
    }

    QTemporaryDir dir;
    const QString pcap = keepAt > 0 && keepAt + 1 < args.size() ? args[keepAt + 1] : dir.filePath(QStringLiteral("bench.pcap"));
    QElapsedTimer clock;
    clock.start();
    Generated g;
    if (!writeCapture(pcap, packets, flows, snaplen, &g) || g.packets != packets) {
        std::fprintf(stderr, "could not write %s\n", qPrintable(pcap));
        return 1;
    }
    std::printf("bench_pcap: %lld packets (%lld with data), %d concurrent TCP flows, %.0f MiB pcap (Ethernet, snaplen %u), "
                "written in %.1f s\n",
                g.packets, g.dataPackets, flows, double(g.bytes) / (1 << 20), snaplen, double(clock.elapsed()) / 1e3);
    std::printf("each run a child pinned to CPU %d of %d, the fastest of %d kept for runs under 10 s; load average %.2f before the runs\n\n",
                cpu, cpus, repeat, loadAverage());

    struct Row {
        const char *name;
        Measured m;
    };
    std::vector<Row> rows;
    // Runs under 10 s CPU (ours, tcptrace) are repeated and the fastest kept: on a shared machine one
    // run can lose a third to a busy neighbour core. tshark takes minutes and runs once.
    auto best = [&](const QString &program, const QStringList &args, const QString &out, const QString &removeAfter = {}) {
        Measured m = measure(program, args, out, cpu);
        auto clean = [&] {
            if (!removeAfter.isEmpty())
                QFile::remove(removeAfter);
        };
        for (int i = 1; i < repeat && m.ran && m.cpuS < 10; ++i) {
            clean();
            Measured again = measure(program, args, out, cpu);
            if (again.ran && again.cpuS < m.cpuS)
                m = again;
        }
        clean();
        return m;
    };
    const QString self = QCoreApplication::applicationFilePath();
    rows.push_back({"pathlens analysis (a)", best(self, {QStringLiteral("--child-analysis"), pcap}, dir.filePath("a.out"))});
    const QString plcap = dir.filePath(QStringLiteral("bench.plcap"));
    rows.push_back({"pathlens import (b)", best(self, {QStringLiteral("--child-import"), pcap, plcap}, dir.filePath("b.out"), plcap)});
    if (tools) {
        rows.push_back({"tcptrace -n -l -r", best(QStringLiteral("tcptrace"), {"-n", "-l", "-r", pcap}, dir.filePath("tt.out"))});
        rows.push_back({"tshark -z conv,tcp", measure(QStringLiteral("tshark"), {"-r", pcap, "-q", "-z", "conv,tcp"}, dir.filePath("tc.out"), cpu)});
        rows.push_back({"tshark tcp.analysis fields",
                        measure(QStringLiteral("tshark"),
                                {"-r", pcap, "--disable-protocol", "http", "--disable-protocol", "tls", "-T", "fields", "-e",
                                 "tcp.stream", "-e", "tcp.analysis.retransmission", "-e", "tcp.analysis.fast_retransmission", "-e",
                                 "tcp.analysis.out_of_order", "-e", "tcp.analysis.ack_rtt"},
                                dir.filePath("tf.out"), cpu)});
    }
    std::printf("load average %.2f after the runs\n", loadAverage());

    const Measured &ours = rows[1].m; // the whole import: what a user runs
    auto mpps = [&](const Measured &m) { return m.cpuS > 0 ? double(packets) / m.cpuS / 1e6 : 0.0; };
    std::printf("%-28s %9s %8s %8s %11s %13s %16s %16s\n", "tool", "packets", "wall s", "CPU s", "Mpps (CPU)", "peak RSS MiB",
                "ours/it Mpps", "ours/it RSS");
    for (const Row &r : rows) {
        if (!r.m.ran) {
            std::printf("%-28s %s\n", r.name, qPrintable(r.m.why));
            continue;
        }
        std::printf("%-28s %9lld %8.2f %8.2f %11.2f %13.1f %15.2fx %15.3fx\n", r.name, packets, r.m.wallS, r.m.cpuS, mpps(r.m), r.m.rssMiB,
                    ours.ran ? mpps(ours) / mpps(r.m) : 0.0, ours.ran ? ours.rssMiB / r.m.rssMiB : 0.0);
    }
    if (!rows[0].m.ran || !ours.ran) {
        std::printf("our run failed: %s %s\n", qPrintable(rows[0].m.why), qPrintable(ours.why));
        return 1;
    }

    auto verdict = [](bool ok) { return ok ? "met" : "MISSED"; };
    std::printf("\ntargets (issue 16):\n");
    std::printf("  >= 2.5 Mpps on one core:    analysis %.2f Mpps %s, import %.2f Mpps %s\n", mpps(rows[0].m), verdict(mpps(rows[0].m) >= 2.5),
                mpps(ours), verdict(mpps(ours) >= 2.5));
    if (tools && rows[2].m.ran)
        std::printf("  >= 1x tcptrace:             import %.2fx tcptrace's rate %s\n", mpps(ours) / mpps(rows[2].m),
                    verdict(mpps(ours) >= mpps(rows[2].m)));
    double tsharkRss = 0;
    for (size_t i = 3; i < rows.size(); ++i)
        if (rows[i].m.ran)
            tsharkRss = tsharkRss > 0 ? std::min(tsharkRss, rows[i].m.rssMiB) : rows[i].m.rssMiB;
    if (tsharkRss > 0)
        std::printf("  peak RSS <= 0.1x tshark's:  import %.1f MiB = %.3fx tshark's smaller run (%.1f MiB) %s\n", ours.rssMiB,
                    ours.rssMiB / tsharkRss, tsharkRss, verdict(ours.rssMiB <= 0.1 * tsharkRss));

    // Sanity: the file is what it claims (the tools find the same retransmissions as we do).
    std::printf("\nour analysis: %s", rows[0].m.out.constData());
    std::printf("our import:   %s", ours.out.constData());
    if (tools && rows[2].m.ran)
        std::printf("tcptrace: %lld retransmitted data segments\n", tcptraceRetransmissions(rows[2].m.out));
    if (tools && rows.size() > 4 && rows[4].m.ran)
    {
        // tshark calls a resend "out of order" when it comes sooner than the RTT it estimates after the
        // highest segment (tst_pcap_import.cpp explains); here every such segment carries seen bytes.
        const auto [resent, outOfOrder] = tsharkRetransmissions(rows[4].m.out);
        std::printf("tshark:   %lld segments marked retransmission + %lld marked out of order (bytes already seen) = %lld\n", resent,
                    outOfOrder, resent + outOfOrder);
    }
    return 0;
}
