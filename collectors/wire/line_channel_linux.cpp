// SPDX-License-Identifier: GPL-3.0-or-later
// sendmsg/recvmsg line framing with SCM_RIGHTS for the helper protocol.
#include "line_channel_linux.h"

#include "helper_protocol.h"

#include <cerrno>
#include <chrono>
#include <cstring>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pathlens::collect::wire {

namespace {
using Clock = std::chrono::steady_clock;

int remainingMs(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? int(left) : 0;
}

// Waits for `events` on fd; 1 ready, 0 timeout, -1 error (errno set). timeoutMs -1: forever.
int waitFor(int fd, short events, int timeoutMs)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs < 0 ? 0 : timeoutMs);
    for (;;) {
        pollfd p{fd, events, 0};
        const int rc = ::poll(&p, 1, timeoutMs < 0 ? -1 : remainingMs(deadline));
        if (rc >= 0)
            return rc > 0 ? 1 : 0;
        if (errno != EINTR)
            return -1;
    }
}
} // namespace

int writeLine(int fd, const QByteArray &line, int passFd, int timeoutMs)
{
    const QByteArray data = line + '\n';
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    qsizetype done = 0;
    bool fdSent = passFd < 0;
    bool plainWrite = false; // a pipe (manual use: `echo ping id=1 | pathlens-helper`)
    while (done < data.size()) {
        ssize_t n;
        if (plainWrite) {
            n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        } else {
            iovec iov{const_cast<char *>(data.constData() + done), size_t(data.size() - done)};
            msghdr msg{};
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
            if (!fdSent) {
                msg.msg_control = control;
                msg.msg_controllen = sizeof control;
                cmsghdr *c = CMSG_FIRSTHDR(&msg);
                c->cmsg_level = SOL_SOCKET;
                c->cmsg_type = SCM_RIGHTS;
                c->cmsg_len = CMSG_LEN(sizeof(int));
                std::memcpy(CMSG_DATA(c), &passFd, sizeof(int));
            }
            n = ::sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && errno == ENOTSOCK && fdSent) {
                plainWrite = true;
                continue;
            }
        }
        if (n > 0) {
            done += n;
            fdSent = true; // the kernel attached it to the bytes just sent
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const int w = waitFor(fd, POLLOUT, remainingMs(deadline));
            if (w == 0)
                return ETIMEDOUT;
            if (w < 0)
                return errno;
            continue;
        }
        return n < 0 ? errno : EIO;
    }
    return 0;
}

LineReader::~LineReader()
{
    for (int fd : m_fds)
        ::close(fd);
}

LineReader::Status LineReader::next(QByteArray &line, std::vector<int> &fds, int timeoutMs, int *err)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs < 0 ? 0 : timeoutMs);
    for (;;) {
        const qsizetype nl = m_buf.indexOf('\n');
        if (nl >= 0) {
            const bool tooLong = m_discarding || nl > kMaxLineBytes;
            line = m_buf.left(nl);
            m_buf.remove(0, nl + 1);
            m_discarding = false;
            fds.insert(fds.end(), m_fds.begin(), m_fds.end());
            m_fds.clear();
            if (tooLong) {
                line.clear();
                return Status::TooLong;
            }
            return Status::Line;
        }
        if (m_buf.size() > kMaxLineBytes) { // keep memory bounded: drop the rest of this line
            m_buf.clear();
            m_discarding = true;
        }
        const int w = waitFor(m_fd, POLLIN, timeoutMs < 0 ? -1 : remainingMs(deadline));
        if (w == 0)
            return Status::Timeout;
        if (w < 0) {
            if (err)
                *err = errno;
            return Status::Error;
        }
        char chunk[4096];
        ssize_t n;
        if (m_isPipe) {
            n = ::read(m_fd, chunk, sizeof chunk);
        } else {
            iovec iov{chunk, sizeof chunk};
            msghdr msg{};
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 8)];
            msg.msg_control = control;
            msg.msg_controllen = sizeof control;
            n = ::recvmsg(m_fd, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
            if (n < 0 && errno == ENOTSOCK) {
                m_isPipe = true;
                continue;
            }
            if (n >= 0) {
                for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
                    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
                        continue;
                    const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
                    for (size_t i = 0; i < count; ++i) {
                        int fd;
                        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                        m_fds.push_back(fd);
                    }
                }
                // MSG_CTRUNC: more than 8 descriptors in one message, never sent by this
                // protocol; the kernel closed the surplus, and the line's reply check fails.
            }
        }
        if (n == 0)
            return Status::Closed;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            if (err)
                *err = errno;
            return Status::Error;
        }
        if (!m_discarding)
            m_buf.append(chunk, n);
        else if (const char *p = static_cast<const char *>(std::memchr(chunk, '\n', size_t(n)))) {
            m_buf.append(p, n - (p - chunk)); // from the '\n' that ends the discarded line
        }
    }
}

} // namespace pathlens::collect::wire
