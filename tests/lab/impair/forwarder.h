// SPDX-License-Identifier: GPL-3.0-or-later
// Single-threaded AF_PACKET forwarder that applies ImpairModel to every frame of every link.
#pragma once

#include "impair_config.h"
#include "impair_model.h"
#include "unique_fd.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <queue>
#include <string>
#include <vector>

namespace pathlens::lab {

struct ForwarderOptions {
    int64_t spinNs = 500'000;       // wake this early before a deadline, then spin. MEASURED.md:
                                    // CFS wake-ups run ~1.7 ms late here; with SCHED_FIFO and 1 ns
                                    // timer slack we measured p50 52 us late, rare ones ~0.4 ms;
                                    // 2 ms margins cost 3x the CPU for no gain in accuracy
    int64_t lingerNs = 300'000;     // keep spinning this long after any packet (the reply of a
                                    // ping crosses back within tens of microseconds)
    int64_t spinBudgetNs = 50'000'000; // at most 50 ms of spinning per 100 ms window: a lab can
                                       // never take more than half a core from the tests, even
                                       // with SCHED_FIFO; past the budget, deadlines use timers
    int64_t maxRuntimeNs = 7'200'000'000'000; // hard stop after 2 h: a lab never lives longer
    size_t maxQueue = 65536;        // pending frames across all links; beyond that, drop (counted)
    std::string logPath;            // ground truth: one line per frame (deadline, departure)
    std::string statsPath;          // JSON stats, written on SIGUSR1 and at exit
    std::string readyPath;          // created once every socket is bound
};

// Owns its sockets, timerfd, signalfd and epoll fd; runs on the calling thread until SIGTERM,
// SIGINT or maxRuntime. Exactly one thread (this one) ever spins. Does not know about
// namespaces or scenarios: it is handed interface names in its own network namespace.
class Forwarder {
public:
    Forwarder(std::vector<LinkConfig> links, ForwarderOptions options);
    ~Forwarder();

    // Opens everything; returns an error message or empty.
    std::string open();
    // Event loop; returns the process exit code.
    int run();

private:
    struct Port {
        UniqueFd fd;
        std::string ifName;
        size_t direction = 0; // index into m_dirs for frames received here
    };
    struct DirStats {
        uint64_t rx = 0, sent = 0, lostRandom = 0, lostBurst = 0, reordered = 0, overflow = 0,
                 sendErrors = 0;
        std::vector<int32_t> latenessNs; // ring of the most recent samples
        size_t ringPos = 0;
        int64_t latenessMaxNs = 0; // the worst since the last stats request: a bound for a test's window
    };
    struct Direction {
        std::string link;
        std::string name; // a2b or b2a
        ImpairModel model;
        size_t outPort = 0;
        uint64_t seq = 0;
        DirStats stats;
    };
    struct Pending {
        int64_t departNs;
        uint64_t order;
        size_t dir;
        uint64_t seq;
        int64_t arrivalNs;
        std::vector<uint8_t> frame; // virtio_net_hdr + Ethernet frame
    };
    struct Later {
        bool operator()(const Pending &x, const Pending &y) const
        {
            return x.departNs != y.departNs ? x.departNs > y.departNs : x.order > y.order;
        }
    };

    std::string openPort(Port &port);
    void drainPort(size_t portIndex);
    void sendDue(int64_t now);
    bool handleSignal();
    void writeStats();
    void logLine(const Direction &d, uint64_t seq, size_t len, int64_t arrival, int64_t deadline,
                 int64_t sent, const char *fate);
    void flushLog(bool force);

    std::vector<LinkConfig> m_links;
    ForwarderOptions m_opt;
    std::vector<Port> m_ports;
    std::vector<Direction> m_dirs;
    std::priority_queue<Pending, std::vector<Pending>, Later> m_queue;
    uint64_t m_order = 0;
    UniqueFd m_epoll;
    UniqueFd m_timer;
    UniqueFd m_signals;
    std::string m_logBuf;
    std::FILE *m_log = nullptr;
    std::vector<uint8_t> m_rxBuf;
    int64_t m_startNs = 0;
    uint64_t m_spinLoops = 0, m_sleeps = 0, m_budgetExhausted = 0;
};

int64_t monotonicNs();

} // namespace pathlens::lab
