// SPDX-License-Identifier: GPL-3.0-or-later
// Line I/O of the helper protocol over a Unix stream socket, with descriptors passed as SCM_RIGHTS
// (PROTOCOL.md "Framing"). Shared by pathlens-helper and the client in collectors/privilege.
#pragma once

#include <QByteArray>

#include <vector>

namespace pathlens::collect::wire {

// Writes line + '\n' completely (loops over short writes, bounded by timeoutMs of waiting for
// room). When passFd >= 0 the descriptor travels as SCM_RIGHTS with the line's first byte; that
// needs a Unix socket. Without a descriptor a pipe works too (plain write()). SIGPIPE is never
// raised (MSG_NOSIGNAL). Returns 0 or the errno that stopped it (ETIMEDOUT after timeoutMs).
int writeLine(int fd, const QByteArray &line, int passFd = -1, int timeoutMs = 2000);

// Buffered reader of '\n'-terminated lines. Descriptors that arrive (SCM_RIGHTS, received
// close-on-exec) are handed out with the line being assembled when they came, so a reply and
// its descriptor stay together. Falls back to read() when fd is a pipe. Not thread-safe: one
// owner (the helper's loop, or the client under its mutex).
class LineReader {
public:
    explicit LineReader(int fd) : m_fd(fd) {}
    ~LineReader();
    LineReader(const LineReader &) = delete;
    LineReader &operator=(const LineReader &) = delete;

    enum class Status { Line, Timeout, Closed, Error, TooLong };
    // Next line without its '\n'. Waits at most timeoutMs (-1: forever). fds receives the
    // descriptors that came with it (the caller owns them). TooLong: a line over kMaxLineBytes
    // was discarded up to its '\n' (reported once, the next call goes on). Error sets *err.
    Status next(QByteArray &line, std::vector<int> &fds, int timeoutMs, int *err = nullptr);

private:
    int m_fd;
    bool m_isPipe = false;
    bool m_discarding = false; // inside an over-long line: drop bytes until '\n'
    QByteArray m_buf;
    std::vector<int> m_fds; // received, not yet handed out
};

} // namespace pathlens::collect::wire
