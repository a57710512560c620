// SPDX-License-Identifier: GPL-3.0-or-later
// tcp-lab-client: a tiny TCP client/server for the TCP grading lab test. Copies under different
// names play different "apps". It prints its own connect/close times (CLOCK_MONOTONIC) as ground truth.
//   tcp-lab-client serve PORT SECONDS            echo ('e') or discard ('b') server, exits after SECONDS;
//                                                echo connections are served at SCHED_FIFO (see serve())
//   tcp-lab-client echo HOST PORT SECONDS        1000-byte request/response every 50 ms
//   tcp-lab-client bulk HOST PORT SECONDS        upload as fast as possible
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

namespace {
long long monoUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

struct Fd { // RAII for the one socket each mode uses
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() { if (fd >= 0) ::close(fd); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
};

bool readFull(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        const ssize_t r = ::recv(fd, buf + got, n - got, 0);
        if (r <= 0)
            return false;
        got += size_t(r);
    }
    return true;
}

void serveOne(int fd)
{
    Fd c(fd);
    char mode = 0;
    if (::recv(fd, &mode, 1, MSG_WAITALL) != 1)
        return;
    if (mode != 'e') { // a bulk sink has no reply to hurry: back to a normal thread
        const sched_param normal{};
        ::sched_setscheduler(0, SCHED_OTHER, &normal);
    }
    std::vector<char> buf(65536);
    for (int i = 0; i < 10000000; ++i) { // bounded: ~10 GB
        const ssize_t r = ::recv(fd, buf.data(), buf.size(), 0);
        if (r <= 0)
            return;
        if (mode == 'e' && ::send(fd, buf.data(), size_t(r), MSG_NOSIGNAL) != r)
            return;
    }
}

int serve(int port, int seconds)
{
    Fd l(::socket(AF_INET6, SOCK_STREAM, 0));
    int one = 1, zero = 0;
    ::setsockopt(l.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(l.fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(uint16_t(port));
    a.sin6_addr = in6addr_any;
    if (::bind(l.fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(l.fd, 128) != 0) {
        std::perror("bind/listen");
        return 1;
    }
    // The client's srtt samples end at the ACK of each request, and the server's kernel holds that
    // ACK back to ride on the echo (delayed ACK, up to ato = 40 ms): every sample includes how long
    // this process takes to wake up and answer. On the shared 2-core lab VM that was 0.9-2 ms median,
    // 10-13 ms p90 and up to 34 ms under CFS (tcpdump on both ends; the forwarder itself was within
    // 0.1 ms), so a 20 ms path read 22-28 ms. A real remote server has its own CPU: like the
    // forwarder, the lab server runs SCHED_FIFO (threads inherit it), which brings its turnaround to
    // ~0.1 ms. The policy is printed so a test can refuse to measure without it.
    const sched_param fifo{10};
    const bool rt = ::sched_setscheduler(0, SCHED_FIFO, &fifo) == 0;
    std::printf("listening %s\n", rt ? "SCHED_FIFO" : "SCHED_OTHER (SCHED_FIFO needs root or CAP_SYS_NICE)");
    std::fflush(stdout);
    timeval tv{1, 0};
    ::setsockopt(l.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const long long end = monoUs() + seconds * 1000000LL;
    while (monoUs() < end) {
        const int c = ::accept(l.fd, nullptr, nullptr);
        if (c >= 0) {
            const int one = 1; // echo replies leave at once, like the client's requests
            ::setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            std::thread(serveOne, c).detach();
        }
    }
    return 0;
}

int client(const char *name, const std::string &mode, const char *host, int port, double seconds)
{
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (std::strchr(host, ':')) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(uint16_t(port));
        if (::inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
            return 2;
        len = sizeof *a;
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&ss);
        a->sin_family = AF_INET;
        a->sin_port = htons(uint16_t(port));
        if (::inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return 2;
        len = sizeof *a;
    }
    const long long start = monoUs();
    long long endMono = 0;
    char local[80] = "";
    unsigned totalRetrans = 0; // the kernel's own count, read by the socket's owner before close
    {
        Fd s(::socket(ss.ss_family, SOCK_STREAM, 0));
        // Interactive apps disable Nagle: otherwise the 1-byte mode byte holds back the first request
        // until the peer's delayed ACK (~40 ms), a start-up artefact in srtt that no real app shows.
        const int one = 1;
        ::setsockopt(s.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(s.fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
            std::perror("connect");
            return 1;
        }
        sockaddr_storage la{};
        socklen_t ll = sizeof la;
        ::getsockname(s.fd, reinterpret_cast<sockaddr *>(&la), &ll);
        char ip[64];
        if (la.ss_family == AF_INET6) {
            auto *a = reinterpret_cast<sockaddr_in6 *>(&la);
            ::inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
            std::snprintf(local, sizeof local, "[%s]:%u", ip, ntohs(a->sin6_port));
        } else {
            auto *a = reinterpret_cast<sockaddr_in *>(&la);
            ::inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
            std::snprintf(local, sizeof local, "%s:%u", ip, ntohs(a->sin_port));
        }
        const char m = mode == "bulk" ? 'b' : 'e';
        ::send(s.fd, &m, 1, MSG_NOSIGNAL);
        std::vector<char> buf(mode == "bulk" ? 65536 : 1000, 'x');
        const long long until = start + (long long)(seconds * 1e6);
        for (int i = 0; i < 1000000 && monoUs() < until; ++i) {
            if (::send(s.fd, buf.data(), buf.size(), MSG_NOSIGNAL) < 0)
                return 1;
            if (mode != "bulk") {
                if (!readFull(s.fd, buf.data(), buf.size()))
                    return 1;
                const long long left = until - monoUs();
                std::this_thread::sleep_for(std::chrono::microseconds(std::min(50000LL, std::max(0LL, left))));
            }
        }
        ::shutdown(s.fd, SHUT_WR);
        char tmp[4096];
        while (::recv(s.fd, tmp, sizeof tmp, 0) > 0) { // wait for the peer's FIN: a clean close
        }
        tcp_info ti{};
        socklen_t tl = sizeof ti;
        if (::getsockopt(s.fd, IPPROTO_TCP, TCP_INFO, &ti, &tl) == 0)
            totalRetrans = ti.tcpi_total_retrans;
    }
    endMono = monoUs();
    std::printf("{\"name\":\"%s\",\"local\":\"%s\",\"start_mono_us\":%lld,\"end_mono_us\":%lld,\"pid\":%d,"
                "\"total_retrans\":%u}\n",
                name, local, start, endMono, int(::getpid()), totalRetrans);
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    const char *name = std::strrchr(argv[0], '/') ? std::strrchr(argv[0], '/') + 1 : argv[0];
    if (argc == 4 && std::string(argv[1]) == "serve")
        return serve(std::atoi(argv[2]), std::min(600, std::atoi(argv[3])));
    if (argc == 5 && (std::string(argv[1]) == "echo" || std::string(argv[1]) == "bulk"))
        return client(name, argv[1], argv[2], std::atoi(argv[3]), std::min(600.0, std::atof(argv[4])));
    std::fprintf(stderr, "usage: %s serve PORT SECONDS | echo|bulk HOST PORT SECONDS\n", name);
    return 2;
}
