// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-helper: the privileged side-car (collectors/wire/PROTOCOL.md). It keeps CAP_NET_RAW
// and nothing else, then answers requests on its stdin/stdout, a Unix socket from the client's
// socketpair. raw-open hands over raw sockets with SCM_RIGHTS and keeps no copy.
#include "collectors/wire/helper_protocol.h"
#include "collectors/wire/line_channel_linux.h"
#include "helper_caps_linux.h"
#include "pathlens/version.h"

#include <QByteArray>
#include <QString>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pathlens::collect::wire;

namespace {
using Args = QMap<QString, QString>;

// Replies go to fd 1; a client that vanished ends the helper (nothing else to do).
void send(const QString &verb, const Args &args, int passFd = -1)
{
    const int rc = writeLine(STDOUT_FILENO, Message{verb, args}.toLine().toUtf8(), passFd);
    if (rc != 0) {
        std::fprintf(stderr, "pathlens-helper: cannot answer: %s\n", std::strerror(rc));
        std::_Exit(rc == EPIPE ? 0 : 1);
    }
}

void error(const QString &id, const QString &code, const QString &message, const QString &remedy = {})
{
    Args a{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!id.isEmpty())
        a.insert(QStringLiteral("id"), id);
    if (!remedy.isEmpty())
        a.insert(QStringLiteral("remedy"), remedy);
    send(QStringLiteral("error"), a);
}

QString selfPath()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? QString::fromLocal8Bit(buf, int(n)) : QStringLiteral("pathlens-helper");
}

// raw-open family=inet|inet6 protocol=icmp|icmpv6|tcp: only these three raw socket kinds.
void rawOpen(const QString &id, const Args &args)
{
    QString why;
    const auto request = parseRawOpen(Message{QStringLiteral("raw-open"), args}, &why);
    if (!request)
        return error(id, QStringLiteral("bad-argument"), why);
    const int af = request->family == RawFamily::Inet ? AF_INET : AF_INET6;
    const int proto = request->protocol == RawProtocol::Icmp     ? IPPROTO_ICMP
                      : request->protocol == RawProtocol::Icmpv6 ? IPPROTO_ICMPV6
                                                                 : IPPROTO_TCP;
    const QString family = args.value(QStringLiteral("family")), protocol = args.value(QStringLiteral("protocol"));
    const int fd = ::socket(af, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
    if (fd < 0) {
        const int e = errno;
        const QString what = QStringLiteral("pathlens-helper cannot open a raw %1 %2 socket: %3")
                                 .arg(family, protocol, QString::fromLocal8Bit(std::strerror(e)));
        if (e == EPERM || e == EACCES)
            return error(id, QStringLiteral("permission"), what,
                         QStringLiteral("give the helper CAP_NET_RAW: sudo setcap cap_net_raw+ep %1").arg(selfPath()));
        return error(id, QStringLiteral("io"), what);
    }
    // The descriptor rides on the reply line; ours is closed right after, so only the client holds it.
    const int rc = writeLine(
        STDOUT_FILENO,
        Message{QStringLiteral("ok"), {{QStringLiteral("id"), id}, {QStringLiteral("fd"), QStringLiteral("passed")}}}
            .toLine()
            .toUtf8(),
        fd);
    ::close(fd);
    if (rc == ENOTSOCK)
        return error(id, QStringLiteral("io"),
                     QStringLiteral("the helper's stdout is not a Unix socket, so it cannot pass descriptors"),
                     QStringLiteral("start pathlens-helper with a socketpair as stdin/stdout (as Pathlens does)"));
    if (rc != 0) {
        std::fprintf(stderr, "pathlens-helper: cannot answer: %s\n", std::strerror(rc));
        std::_Exit(rc == EPIPE ? 0 : 1);
    }
}
} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::string(argv[1]) == "--version") {
        std::printf("pathlens-helper %s (protocol %d)\n", pathlens::kVersion, kProtocolVersion);
        return 0;
    }
    std::signal(SIGPIPE, SIG_IGN); // a vanished client is an error return, not a signal
    // Descriptors the client leaked into us (not close-on-exec) stay out of the privileged process.
    ::close_range(3, ~0U, 0);
    const QString dropProblem = pathlens::helper::dropCapabilities();
    if (!dropProblem.isEmpty())
        std::fprintf(stderr, "pathlens-helper: %s\n", dropProblem.toLocal8Bit().constData());
    send(QStringLiteral("hello"), {{QStringLiteral("proto"), QString::number(kProtocolVersion)},
                                   {QStringLiteral("version"), QString::fromLatin1(pathlens::kVersion)},
                                   {QStringLiteral("caps"), pathlens::helper::heldCapabilities()}});
    LineReader in(STDIN_FILENO);
    for (;;) {
        QByteArray line;
        std::vector<int> fds;
        const auto status = in.next(line, fds, -1);
        for (int fd : fds) // clients never send descriptors; none may linger here
            ::close(fd);
        if (status == LineReader::Status::Closed || status == LineReader::Status::Error ||
            status == LineReader::Status::Timeout)
            return 0; // the client went away (closed its end): nothing left to serve
        if (status == LineReader::Status::TooLong) {
            error({}, QStringLiteral("line-too-long"),
                  QStringLiteral("request longer than %1 bytes ignored").arg(kMaxLineBytes));
            continue;
        }
        QString why;
        auto msg = parseLine(line, &why);
        if (!msg) {
            if (!line.trimmed().isEmpty())
                error({}, QStringLiteral("bad-argument"), why);
            continue;
        }
        const QString id = msg->args.value(QStringLiteral("id"));
        if (msg->verb == QLatin1String("ping")) {
            send(QStringLiteral("ok"), {{QStringLiteral("id"), id}});
        } else if (msg->verb == QLatin1String("caps")) {
            send(QStringLiteral("ok"),
                 {{QStringLiteral("id"), id}, {QStringLiteral("caps"), pathlens::helper::heldCapabilities()}});
        } else if (msg->verb == QLatin1String("raw-open")) {
            rawOpen(id, msg->args);
        } else if (msg->verb == QLatin1String("quit")) {
            send(QStringLiteral("ok"), {{QStringLiteral("id"), id}});
            return 0;
        } else {
            error(id, QStringLiteral("unknown-verb"), QStringLiteral("no such request '%1'").arg(msg->verb));
        }
    }
}
