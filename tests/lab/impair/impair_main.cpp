// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-impair: the lab's delay/jitter/loss/reorder forwarder (entry point and option parsing).
#include "forwarder.h"
#include "impair_config.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sched.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace {

void usage()
{
    std::fputs(
        "usage: pathlens-impair --config FILE [--log FILE] [--stats FILE] [--ready FILE]\n"
        "                       [--spin-us N] [--linger-us N] [--max-seconds N] [--nice N]\n"
        "                       [--rt-priority N] [--spin-budget-pct N] [--check]\n"
        "Bridges pairs of interfaces (AF_PACKET) and impairs each direction as configured.\n"
        "SIGUSR1 writes --stats (and flushes --log); SIGTERM/SIGINT exit cleanly.\n"
        "--check parses the config, prints it and exits (no sockets, no root needed).\n",
        stderr);
}

bool parseInt(const char *s, long long &out)
{
    char *end = nullptr;
    out = std::strtoll(s, &end, 10);
    return end && *end == '\0' && out >= 0;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace pathlens::lab;
    ForwarderOptions opt;
    std::string configPath;
    bool checkOnly = false;
    // -10: a CFS weight ~9x a normal process, so a busy build or test on the other core cannot
    // delay a deadline by a whole time slice; the spin is bounded, so this cannot starve anyone.
    long long niceLevel = -10;
    // SCHED_FIFO 10: a timer or packet wake-up preempts any normal process at once (CFS made
    // deadlines up to 3 ms late on a saturated 2-core VM). Safe because spinning is capped by
    // the spin budget; 0 keeps the normal scheduler.
    long long rtPriority = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        long long v = 0;
        if (a == "--config" && hasValue) {
            configPath = argv[++i];
        } else if (a == "--log" && hasValue) {
            opt.logPath = argv[++i];
        } else if (a == "--stats" && hasValue) {
            opt.statsPath = argv[++i];
        } else if (a == "--ready" && hasValue) {
            opt.readyPath = argv[++i];
        } else if (a == "--spin-us" && hasValue && parseInt(argv[++i], v)) {
            opt.spinNs = v * 1000;
        } else if (a == "--linger-us" && hasValue && parseInt(argv[++i], v)) {
            opt.lingerNs = v * 1000;
        } else if (a == "--max-seconds" && hasValue && parseInt(argv[++i], v) && v > 0) {
            opt.maxRuntimeNs = v * 1'000'000'000LL;
        } else if (a == "--nice" && hasValue) {
            char *end = nullptr;
            niceLevel = std::strtoll(argv[++i], &end, 10);
            if (!end || *end || niceLevel < -20 || niceLevel > 19) {
                usage();
                return 2;
            }
        } else if (a == "--rt-priority" && hasValue && parseInt(argv[++i], v) && v <= 99) {
            rtPriority = v;
        } else if (a == "--spin-budget-pct" && hasValue && parseInt(argv[++i], v) && v <= 100) {
            opt.spinBudgetNs = v * 1'000'000; // percent of the 100 ms window
        } else if (a == "--check") {
            checkOnly = true;
        } else {
            usage();
            return 2;
        }
    }
    if (configPath.empty()) {
        usage();
        return 2;
    }
    std::ifstream in(configPath);
    if (!in) {
        std::fprintf(stderr, "pathlens-impair: cannot read %s\n", configPath.c_str());
        return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    ConfigResult cfg = parseImpairConfig(text.str());
    if (!cfg.error.empty()) {
        std::fprintf(stderr, "pathlens-impair: %s: %s\n", configPath.c_str(), cfg.error.c_str());
        return 2;
    }
    if (checkOnly) {
        for (const auto &l : cfg.links)
            std::printf("link %s %s<->%s a2b delay=%.3f loss=%.3f b2a delay=%.3f loss=%.3f\n",
                        l.name.c_str(), l.ifA.c_str(), l.ifB.c_str(), l.a2b.delayMs,
                        l.a2b.lossPct, l.b2a.delayMs, l.b2a.lossPct);
        return 0;
    }
    // 1 ns timer slack: the default 50 us would be added to every timed wake-up.
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    if (setpriority(PRIO_PROCESS, 0, int(niceLevel)) != 0)
        std::fprintf(stderr, "pathlens-impair: cannot set nice %lld (continuing)\n", niceLevel);
    if (rtPriority > 0) {
        sched_param sp{};
        sp.sched_priority = int(rtPriority);
        if (sched_setscheduler(0, SCHED_FIFO, &sp) != 0)
            std::fprintf(stderr, "pathlens-impair: no SCHED_FIFO (%s); timing may suffer under load\n",
                         std::strerror(errno));
    }
    Forwarder fwd(std::move(cfg.links), opt);
    if (auto err = fwd.open(); !err.empty()) {
        std::fprintf(stderr, "pathlens-impair: %s\n", err.c_str());
        return 1;
    }
    return fwd.run();
}
