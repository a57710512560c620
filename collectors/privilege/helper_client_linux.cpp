// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-helper as a child over a socketpair (posix_spawn), requests under a mutex, raw sockets
// received as SCM_RIGHTS and checked before they are handed out.
#include "helper_client.h"
#include "collectors/os/errno_error.h"

#include "collectors/wire/helper_protocol.h"
#include "collectors/wire/line_channel_linux.h"

#include <QFileInfo>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

extern char **environ;

namespace pathlens::collect {

namespace {
using core::ErrorCode;
using core::makeError;
using wire::LineReader;
using wire::Message;

constexpr auto kHelperName = "pathlens-helper";
constexpr int kReapGraceMs = 500;

QString selfExe()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? QString::fromLocal8Bit(buf, int(n)) : QString();
}

bool executable(const QString &path)
{
    const QFileInfo fi(path);
    return fi.isFile() && ::access(QFile::encodeName(path).constData(), X_OK) == 0;
}

QString setcapRemedy(const QString &helper)
{
    return QStringLiteral(
               "give the helper raw sockets: sudo setcap cap_net_raw+ep %1 (or sudo installers/setcap-helper.sh %1)")
        .arg(helper);
}

QString familyName(int family)
{
    return family == AF_INET6 ? QStringLiteral("inet6") : QStringLiteral("inet");
}

QString protocolName(int protocol)
{
    switch (protocol) {
    case IPPROTO_ICMP:
        return QStringLiteral("icmp");
    case IPPROTO_ICMPV6:
        return QStringLiteral("icmpv6");
    case IPPROTO_TCP:
        return QStringLiteral("tcp");
    }
    return QString::number(protocol);
}

// Why a file capability the helper should have may be ignored by the kernel.
QString capabilityHints(const QString &helper)
{
    QStringList hints;
    if (::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1)
        hints << QStringLiteral("this process runs with no_new_privs, so the kernel ignores file capabilities on the "
                                "helper: start Pathlens without NoNewPrivileges / --no-new-privs");
    struct statvfs fs {};
    if (::statvfs(QFile::encodeName(helper).constData(), &fs) == 0 && (fs.f_flag & ST_NOSUID))
        hints << QStringLiteral("%1 is on a nosuid mount, where file capabilities are ignored: install it elsewhere")
                     .arg(helper);
    return hints.join(QStringLiteral("; "));
}
} // namespace

core::Result<QString> findHelper()
{
    const QByteArray env = qgetenv("PATHLENS_HELPER");
    if (!env.isEmpty()) {
        const QString p = QFile::decodeName(env);
        if (executable(p))
            return p;
        return makeError(ErrorCode::NotFound, QStringLiteral("PATHLENS_HELPER=%1 is not an executable file").arg(p),
                         QStringLiteral("point PATHLENS_HELPER at pathlens-helper, or unset it"));
    }
    const QString exe = selfExe();
    const QString beside =
        exe.isEmpty() ? QString() : QFileInfo(exe).absolutePath() + QLatin1Char('/') + QLatin1String(kHelperName);
    if (!beside.isEmpty() && executable(beside))
        return beside;
    for (const QString &dir : QString::fromLocal8Bit(qgetenv("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QString p = dir + QLatin1Char('/') + QLatin1String(kHelperName);
        if (executable(p))
            return p;
    }
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("pathlens-helper was not found ($PATHLENS_HELPER is unset, it is not beside %1, "
                                    "and not in PATH)")
                         .arg(exe.isEmpty() ? QStringLiteral("this program") : exe),
                     QStringLiteral("install pathlens-helper beside %1 or in PATH (or set PATHLENS_HELPER), then "
                                    "sudo setcap cap_net_raw+ep <its path>")
                         .arg(QFileInfo(exe).fileName()));
}

struct HelperClient::Impl {
    QString path, version;
    QStringList capsAtStart;
    pid_t pid = -1;
    int sock = -1;
    std::unique_ptr<LineReader> reader;
    quint64 nextId = 0;
    mutable std::mutex mutex;

    ~Impl()
    {
        if (sock >= 0)
            ::close(sock); // end of input: the helper exits
        if (pid <= 0)
            return;
        for (int waited = 0; waited < kReapGraceMs; waited += 10) {
            if (::waitpid(pid, nullptr, WNOHANG) != 0)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }

    void markDead()
    {
        if (sock >= 0) {
            ::shutdown(sock, SHUT_RDWR);
            reader.reset();
            ::close(sock);
            sock = -1;
        }
    }

    core::Error ioError(const QString &what)
    {
        markDead();
        return makeError(
            ErrorCode::Io, QStringLiteral("pathlens-helper (%1): %2").arg(path, what),
            QStringLiteral("the next request starts it again; if this repeats, run %1 --version by hand").arg(path));
    }

    // One request and its reply (the reply's descriptors in fds); caller holds the mutex.
    core::Result<Message> request(const QString &verb, QMap<QString, QString> args, std::vector<int> &fds)
    {
        if (sock < 0)
            return makeError(ErrorCode::Io, QStringLiteral("pathlens-helper (%1) is not running").arg(path));
        const QString id = QString::number(++nextId);
        args.insert(QStringLiteral("id"), id);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kRequestTimeoutMs);
        if (const int rc = wire::writeLine(sock, Message{verb, args}.toLine().toUtf8(), -1, kRequestTimeoutMs))
            return ioError(QStringLiteral("cannot send %1: %2").arg(verb, errnoText(rc)));
        for (int lines = 0; lines < 64; ++lines) { // bounded: unsolicited lines are skipped
            const int left =
                int(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                        .count());
            QByteArray line;
            std::vector<int> got;
            int err = 0;
            const auto st = reader->next(line, got, std::max(left, 0), &err);
            if (st == LineReader::Status::Timeout)
                return ioError(QStringLiteral("no answer to %1 within %2 ms").arg(verb).arg(kRequestTimeoutMs));
            if (st == LineReader::Status::Closed)
                return ioError(QStringLiteral("exited while answering %1").arg(verb));
            if (st == LineReader::Status::Error)
                return ioError(QStringLiteral("reading its answer failed: %1").arg(errnoText(err)));
            auto msg = st == LineReader::Status::Line ? wire::parseLine(line) : std::nullopt;
            if (!msg || msg->args.value(QStringLiteral("id")) != id) {
                for (int fd : got)
                    ::close(fd);
                continue;
            }
            fds = std::move(got);
            return *msg;
        }
        return ioError(QStringLiteral("too many unrelated lines while waiting for %1").arg(verb));
    }
};

HelperClient::HelperClient(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
HelperClient::~HelperClient() = default;

core::Result<std::unique_ptr<HelperClient>> HelperClient::start(const QString &path, int timeoutMs)
{
    auto d = std::make_unique<Impl>();
    d->path = path;
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create a socketpair for pathlens-helper: %1").arg(errnoText(errno)));
    d->sock = sv[0];
    int child = sv[1];
    if (child <= STDERR_FILENO) { // dup2 onto 0/1 must not clobber its own source
        const int moved = ::fcntl(child, F_DUPFD_CLOEXEC, 3);
        ::close(child);
        child = moved;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, child, STDOUT_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP})
        sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    const QByteArray file = QFile::encodeName(path);
    char *argv[] = {const_cast<char *>(file.constData()), nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, file.constData(), &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(child);
    if (rc != 0)
        return makeError(rc == EACCES || rc == EPERM ? ErrorCode::PermissionDenied : ErrorCode::Io,
                         QStringLiteral("cannot start pathlens-helper (%1): %2").arg(path, errnoText(rc)),
                         QStringLiteral("check that the file exists and is executable for this user"));
    d->pid = pid;
    d->reader = std::make_unique<LineReader>(d->sock);
    QByteArray line;
    std::vector<int> fds;
    int err = 0;
    const auto st = d->reader->next(line, fds, timeoutMs, &err);
    for (int fd : fds)
        ::close(fd);
    auto hello = st == LineReader::Status::Line ? wire::parseLine(line) : std::nullopt;
    if (!hello || hello->verb != QLatin1String("hello")) {
        const QString why = st == LineReader::Status::Timeout
                                ? QStringLiteral("no hello line within %1 ms").arg(timeoutMs)
                            : st == LineReader::Status::Closed
                                ? QStringLiteral("it exited before its hello line")
                                : QStringLiteral("unexpected first line '%1'").arg(QString::fromUtf8(line.left(200)));
        return makeError(ErrorCode::Io, QStringLiteral("pathlens-helper (%1) did not start: %2").arg(path, why),
                         QStringLiteral("run %1 --version by hand to see why").arg(path));
    }
    if (hello->args.value(QStringLiteral("proto")) != QString::number(wire::kProtocolVersion))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("pathlens-helper (%1) speaks protocol %2, this program %3")
                             .arg(path, hello->args.value(QStringLiteral("proto")))
                             .arg(wire::kProtocolVersion),
                         QStringLiteral("install the pathlens-helper of the same Pathlens version"));
    d->version = hello->args.value(QStringLiteral("version"));
    d->capsAtStart = hello->args.value(QStringLiteral("caps")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    return std::unique_ptr<HelperClient>(new HelperClient(std::move(d)));
}

QString HelperClient::path() const
{
    return d->path;
}
QString HelperClient::version() const
{
    return d->version;
}
QStringList HelperClient::capsAtStart() const
{
    return d->capsAtStart;
}
qint64 HelperClient::pid() const
{
    return d->pid;
}

bool HelperClient::alive() const
{
    std::lock_guard lock(d->mutex);
    return d->sock >= 0;
}

core::Result<void> HelperClient::ping()
{
    std::lock_guard lock(d->mutex);
    std::vector<int> fds;
    auto r = d->request(QStringLiteral("ping"), {}, fds);
    if (!r)
        return r.error();
    return {};
}

core::Result<QStringList> HelperClient::caps()
{
    std::lock_guard lock(d->mutex);
    std::vector<int> fds;
    auto r = d->request(QStringLiteral("caps"), {}, fds);
    if (!r)
        return r.error();
    return r->args.value(QStringLiteral("caps")).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

core::Result<int> HelperClient::rawOpen(int family, int protocol)
{
    std::lock_guard lock(d->mutex);
    std::vector<int> fds;
    auto r = d->request(
        QStringLiteral("raw-open"),
        {{QStringLiteral("family"), familyName(family)}, {QStringLiteral("protocol"), protocolName(protocol)}}, fds);
    if (!r)
        return r.error();
    auto closeAll = [&] {
        for (int fd : fds)
            ::close(fd);
    };
    if (r->verb == QLatin1String("error")) {
        closeAll();
        const QString code = r->args.value(QStringLiteral("code"));
        QString message = r->args.value(QStringLiteral("message"));
        QString remedy = r->args.value(QStringLiteral("remedy"));
        if (code == QLatin1String("permission")) {
            // Our path for it (the one found or configured), not the helper's /proc/self/exe.
            const QString hints = capabilityHints(d->path);
            const bool fileCapSet =
                ::getxattr(QFile::encodeName(d->path).constData(), "security.capability", nullptr, 0) > 0;
            if (fileCapSet)
                remedy = QStringLiteral("%1 has a file capability, but the kernel did not grant it%2")
                             .arg(d->path, hints.isEmpty() ? QStringLiteral(" (check it with getcap; a wrapper script "
                                                                            "or a user namespace drops it)")
                                                           : QStringLiteral(": ") + hints);
            else
                remedy = setcapRemedy(d->path) + (hints.isEmpty() ? QString() : QStringLiteral("; ") + hints);
            return makeError(ErrorCode::PermissionDenied, message, remedy);
        }
        return makeError(code == QLatin1String("bad-argument") ? ErrorCode::InvalidInput : ErrorCode::Io, message,
                         remedy);
    }
    if (r->verb != QLatin1String("ok") || r->args.value(QStringLiteral("fd")) != QLatin1String("passed") ||
        fds.size() != 1) {
        closeAll();
        return d->ioError(
            QStringLiteral("raw-open answered without exactly one descriptor (%1 received)").arg(fds.size()));
    }
    // Trust but verify: the descriptor must be the raw socket we asked for.
    const int fd = fds.front();
    int type = 0, domain = 0, proto = 0;
    socklen_t len = sizeof type;
    const bool okType = ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_RAW;
    len = sizeof domain;
    const bool okDomain = ::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 && domain == family;
    len = sizeof proto;
    const bool okProto = ::getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) == 0 && proto == protocol;
    if (!okType || !okDomain || !okProto) {
        ::close(fd);
        return d->ioError(QStringLiteral("raw-open passed a descriptor that is not a raw %1 %2 socket")
                              .arg(familyName(family), protocolName(protocol)));
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    return fd;
}

namespace {
struct SharedHelper {
    std::mutex mutex;
    std::unique_ptr<HelperClient> client;
};

SharedHelper &sharedHelper()
{
    static SharedHelper s; // destroyed at exit: the helper sees end of input and exits
    return s;
}
} // namespace

core::Result<int> helperRawOpen(int family, int protocol)
{
    SharedHelper &s = sharedHelper();
    std::lock_guard lock(s.mutex);
    // Two attempts at most: a helper that died since the last request (killed, upgraded) is
    // started again once; a fresh one that fails too gives its error.
    for (int attempt = 0;; ++attempt) {
        const bool fresh = !s.client || !s.client->alive();
        if (fresh) {
            s.client.reset();
            auto path = findHelper();
            if (!path)
                return path.error();
            auto c = HelperClient::start(*path);
            if (!c)
                return c.error();
            s.client = std::move(*c);
        }
        auto fd = s.client->rawOpen(family, protocol);
        if (fd || fresh || attempt > 0 || s.client->alive())
            return fd;
    }
}

core::Result<RawSocket> openRawSocket(int family, int protocol)
{
    const int fd = ::socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd >= 0)
        return RawSocket{fd, RawSocketSource::Here};
    const int here = errno;
    const QString what =
        QStringLiteral("cannot open a raw %1 %2 socket").arg(familyName(family), protocolName(protocol));
    if (here != EPERM && here != EACCES) // e.g. no IPv6 in this kernel: the helper would fail the same way
        return makeError(ErrorCode::Io, QStringLiteral("%1: %2").arg(what, errnoText(here)));
    auto viaHelper = helperRawOpen(family, protocol);
    if (viaHelper)
        return RawSocket{*viaHelper, RawSocketSource::Helper};
    const core::Error &e = viaHelper.error();
    return makeError(
        e.code == ErrorCode::NotFound ? ErrorCode::PermissionDenied : e.code,
        QStringLiteral("%1: this process has no CAP_NET_RAW (%2), and %3").arg(what, errnoText(here), e.message),
        e.remedy.isEmpty() ? QStringLiteral("run as root or sudo setcap cap_net_raw+ep on pathlens-helper") : e.remedy);
}

std::function<core::Result<int>(int, int)> rawSocketOpener()
{
    return [](int family, int protocol) -> core::Result<int> {
        auto s = openRawSocket(family, protocol);
        if (!s)
            return s.error();
        return s->fd;
    };
}

} // namespace pathlens::collect
