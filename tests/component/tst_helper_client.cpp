// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-helper and its client over a real socketpair: raw sockets passed with SCM_RIGHTS work
// (an ICMP echo to 127.0.0.1 comes back on them), the helper keeps no copy and holds CAP_NET_RAW
// only, a helper without the capability answers `permission` naming setcap, a silent helper costs
// one bounded timeout, and the line protocol over pipes. Needs root for the raw-socket cases
// (CI runs as root); they skip elsewhere.
#include "collectors/privilege/helper_client.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <set>
#include <thread>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
const QString kHelper = QStringLiteral(PATHLENS_BINARY_DIR "/app/helper/pathlens-helper");

bool rootWithRaw()
{
    const int fd = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

quint16 checksum(const unsigned char *p, int n)
{
    quint32 sum = 0;
    for (int i = 0; i + 1 < n; i += 2)
        sum += (p[i] << 8) | p[i + 1];
    if (n % 2)
        sum += p[n - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

// One ICMP echo to 127.0.0.1 over a raw IPv4 socket; true when the matching reply arrives.
bool echoOverRaw(int fd, quint16 id)
{
    unsigned char pkt[16] = {8, 0, 0, 0, quint8(id >> 8), quint8(id), 0, 1, 'p', 'a', 't', 'h', 'l', 'e', 'n', 's'};
    const quint16 sum = checksum(pkt, sizeof pkt);
    pkt[2] = quint8(sum >> 8);
    pkt[3] = quint8(sum);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::sendto(fd, pkt, sizeof pkt, 0, reinterpret_cast<sockaddr *>(&to), sizeof to) != sizeof pkt)
        return false;
    for (int i = 0; i < 50; ++i) { // our own request shows up too (loopback): skip it
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 1000) <= 0)
            return false;
        unsigned char buf[256];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 28)
            continue;
        const int ihl = (buf[0] & 0x0f) * 4;
        if (n >= ihl + 8 && buf[ihl] == 0 && buf[ihl + 4] == quint8(id >> 8) && buf[ihl + 5] == quint8(id))
            return true;
    }
    return false;
}

QString procStatus(qint64 pid, const char *key)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return QString::fromLatin1(line.mid(qstrlen(key))).trimmed();
    return {};
}

// Socket inodes among the helper's descriptors.
std::set<QString> socketInodes(qint64 pid)
{
    std::set<QString> out;
    const QDir dir(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString &e : dir.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
        const QString target = QFile::symLinkTarget(dir.filePath(e));
        if (target.contains(QLatin1String("socket:")))
            out.insert(target.section(QLatin1Char('/'), -1));
    }
    return out;
}

// Our children running pathlens-helper (the process-wide shared helper is not exposed).
std::vector<pid_t> helperChildren()
{
    std::vector<pid_t> out;
    for (const QString &e : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const int pid = e.toInt(&numeric);
        if (!numeric)
            continue;
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const qsizetype close = stat.lastIndexOf(')');
        const QList<QByteArray> rest = stat.mid(close + 2).split(' ');
        if (stat.contains("(pathlens-helper)") && rest.size() > 1 && rest[1].toInt() == ::getpid())
            out.push_back(pid);
    }
    return out;
}

QString writeScript(const QTemporaryDir &dir, const QString &name, const QString &body)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(("#!/bin/sh\n" + body + "\n").toUtf8());
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    return path;
}
} // namespace

class TestHelperClient : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void findsHelperFromEnvironment();
    void passesWorkingRawSockets();
    void helperKeepsOnlyNetRaw();
    void rejectsOtherProtocols();
    void concurrentRequests();
    void withoutCapabilityAnswersPermission();
    void silentHelperTimesOut();
    void lineProtocolOverPipes();
    void sharedHelperRestartsAfterDeath();

private:
    QTemporaryDir m_dir;
};

void TestHelperClient::initTestCase()
{
    QVERIFY2(QFile::exists(kHelper), qPrintable(kHelper));
    QVERIFY(m_dir.isValid());
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                                            QFile::ExeOther); // the setpriv case runs as nobody
}

void TestHelperClient::findsHelperFromEnvironment()
{
    qputenv("PATHLENS_HELPER", kHelper.toLocal8Bit());
    auto found = findHelper();
    QVERIFY2(found, qPrintable(found ? QString() : found.error().toString()));
    QCOMPARE(*found, kHelper);
    qputenv("PATHLENS_HELPER", "/nonexistent/pathlens-helper");
    auto missing = findHelper();
    QVERIFY(!missing);
    QVERIFY(missing.error().message.contains("/nonexistent/pathlens-helper"));
    qunsetenv("PATHLENS_HELPER");
    // Neither beside this test binary nor (normally) in PATH: the error names the setcap fix.
    const QByteArray oldPath = qgetenv("PATH");
    qputenv("PATH", "/nonexistent");
    auto none = findHelper();
    qputenv("PATH", oldPath);
    QVERIFY(!none);
    QCOMPARE(none.error().code, core::ErrorCode::NotFound);
    QVERIFY2(none.error().remedy.contains("setcap cap_net_raw+ep"), qPrintable(none.error().toString()));
}

void TestHelperClient::passesWorkingRawSockets()
{
    if (!rootWithRaw())
        QSKIP("needs root / CAP_NET_RAW (the helper inherits it as root)");
    auto client = HelperClient::start(kHelper);
    QVERIFY2(client, qPrintable(client ? QString() : client.error().toString()));
    HelperClient &c = **client;
    QCOMPARE(c.capsAtStart(), QStringList{"cap_net_raw"});
    QVERIFY(c.ping());
    const auto before = socketInodes(c.pid());
    QCOMPARE(int(before.size()), 1); // only its end of the socketpair (stdin and stdout)

    auto fd = c.rawOpen(AF_INET, IPPROTO_ICMP);
    QVERIFY2(fd, qPrintable(fd ? QString() : fd.error().toString()));
    QVERIFY(*fd > 2);
    QVERIFY(::fcntl(*fd, F_GETFL) & O_NONBLOCK);
    QVERIFY(::fcntl(*fd, F_GETFD) & FD_CLOEXEC);
    QVERIFY2(echoOverRaw(*fd, quint16(::getpid())), "ICMP echo to 127.0.0.1 over the passed raw socket");
    // The helper kept no copy: still only its socketpair end (the ping's answer comes after its
    // close(), which follows the sendmsg that our reply came with).
    QVERIFY(c.ping());
    QCOMPARE(socketInodes(c.pid()), before);
    ::close(*fd);

    for (auto [family, proto] : {std::pair{AF_INET, int(IPPROTO_TCP)}, std::pair{AF_INET6, int(IPPROTO_ICMPV6)},
                                 std::pair{AF_INET6, int(IPPROTO_TCP)}}) {
        auto more = c.rawOpen(family, proto);
        if (!more && family == AF_INET6 && more.error().message.contains("Address family"))
            continue; // a kernel without IPv6
        QVERIFY2(more, qPrintable(more ? QString() : more.error().toString()));
        int type = 0, got = 0;
        socklen_t len = sizeof type;
        QVERIFY(::getsockopt(*more, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_RAW);
        len = sizeof got;
        QVERIFY(::getsockopt(*more, SOL_SOCKET, SO_PROTOCOL, &got, &len) == 0 && got == proto);
        ::close(*more);
    }
    QVERIFY(c.ping());
    QCOMPARE(socketInodes(c.pid()), before);

    // The client going away ends the helper (end of input), and the child is reaped.
    const qint64 pid = c.pid();
    client->reset();
    QVERIFY(::kill(pid_t(pid), 0) != 0 && errno == ESRCH);
}

void TestHelperClient::helperKeepsOnlyNetRaw()
{
    if (!rootWithRaw())
        QSKIP("needs root (the helper then starts with every capability and must drop all but CAP_NET_RAW)");
    auto client = HelperClient::start(kHelper);
    QVERIFY(client);
    const qint64 pid = (*client)->pid();
    const QString raw = QStringLiteral("0000000000002000"); // bit 13: CAP_NET_RAW
    QCOMPARE(procStatus(pid, "CapEff:"), raw);
    QCOMPARE(procStatus(pid, "CapPrm:"), raw);
    QCOMPARE(procStatus(pid, "CapInh:"), QStringLiteral("0000000000000000"));
    QCOMPARE(procStatus(pid, "CapBnd:"), raw); // root may shrink the bounding set, and it does
    QCOMPARE(procStatus(pid, "CapAmb:"), QStringLiteral("0000000000000000"));
    QCOMPARE(procStatus(pid, "NoNewPrivs:"), QStringLiteral("1"));
    auto caps = (*client)->caps();
    QVERIFY(caps);
    QCOMPARE(*caps, QStringList{"cap_net_raw"});
}

void TestHelperClient::rejectsOtherProtocols()
{
    auto client = HelperClient::start(kHelper);
    QVERIFY2(client, qPrintable(client ? QString() : client.error().toString()));
    for (auto [family, proto] : {std::pair{AF_INET, int(IPPROTO_UDP)}, std::pair{AF_INET, int(IPPROTO_ICMPV6)},
                                 std::pair{AF_INET6, int(IPPROTO_ICMP)}}) {
        auto r = (*client)->rawOpen(family, proto);
        QVERIFY(!r);
        QCOMPARE(r.error().code, core::ErrorCode::InvalidInput);
        QVERIFY((*client)->alive()); // a bad request never ends the helper
    }
}

void TestHelperClient::concurrentRequests()
{
    if (!rootWithRaw())
        QSKIP("needs root / CAP_NET_RAW");
    auto client = HelperClient::start(kHelper);
    QVERIFY(client);
    HelperClient &c = **client;
    std::atomic<int> ok{0}, failed{0};
    std::vector<std::thread> threads;
    std::mutex m;
    std::set<int> seen;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                auto fd = c.rawOpen(AF_INET, IPPROTO_ICMP);
                if (!fd) {
                    ++failed;
                    continue;
                }
                int type = 0;
                socklen_t len = sizeof type;
                (::getsockopt(*fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_RAW ? ok : failed)++;
                {
                    std::lock_guard lock(m);
                    seen.insert(*fd);
                }
                ::close(*fd);
            }
        });
    for (auto &t : threads)
        t.join();
    QCOMPARE(failed.load(), 0);
    QCOMPARE(ok.load(), 100);
    QVERIFY(c.ping()); // after the last close() in the helper
    QCOMPARE(int(socketInodes(c.pid()).size()), 1);
}

void TestHelperClient::withoutCapabilityAnswersPermission()
{
    if (::geteuid() != 0 || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        QSKIP("needs root and setpriv to start the helper as nobody without capabilities");
    // The helper started as nobody with no capabilities at all (what an un-setcap'd install gives).
    const QString wrapper = writeScript(m_dir, QStringLiteral("nocaps-helper"),
                                        QStringLiteral("exec setpriv --reuid=65534 --regid=65534 --clear-groups "
                                                       "--inh-caps=-all %1")
                                            .arg(kHelper));
    auto client = HelperClient::start(wrapper);
    QVERIFY2(client, qPrintable(client ? QString() : client.error().toString()));
    QVERIFY((*client)->capsAtStart().isEmpty());
    auto r = (*client)->rawOpen(AF_INET, IPPROTO_ICMP);
    QVERIFY(!r);
    QCOMPARE(r.error().code, core::ErrorCode::PermissionDenied);
    QVERIFY2(r.error().remedy.contains(QStringLiteral("sudo setcap cap_net_raw+ep ") + wrapper),
             qPrintable(r.error().toString()));
    QVERIFY((*client)->ping()); // still serving
}

void TestHelperClient::silentHelperTimesOut()
{
    // Says hello, then never answers: one request costs one timeout, then the client is dead
    // and fails fast; destroying it kills the child within the grace period.
    const QString mute = writeScript(m_dir, QStringLiteral("mute-helper"),
                                     QStringLiteral("echo 'hello caps= proto=1 version=test'\nexec sleep 30"));
    auto client = HelperClient::start(mute);
    QVERIFY2(client, qPrintable(client ? QString() : client.error().toString()));
    const auto t0 = std::chrono::steady_clock::now();
    auto r = (*client)->rawOpen(AF_INET, IPPROTO_ICMP);
    const auto waited =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    QVERIFY(!r);
    QCOMPARE(r.error().code, core::ErrorCode::Io);
    QVERIFY2(waited >= HelperClient::kRequestTimeoutMs - 50 && waited < HelperClient::kRequestTimeoutMs + 1000,
             qPrintable(QString::number(waited)));
    QVERIFY(!(*client)->alive());
    const auto t1 = std::chrono::steady_clock::now();
    QVERIFY(!(*client)->ping());
    QVERIFY(std::chrono::steady_clock::now() - t1 < std::chrono::milliseconds(100));
    const auto t2 = std::chrono::steady_clock::now();
    client->reset();
    QVERIFY(std::chrono::steady_clock::now() - t2 < std::chrono::milliseconds(1500));

    // No hello at all: start() gives up after its timeout. Wrong protocol: refused.
    const QString silent = writeScript(m_dir, QStringLiteral("silent-helper"), QStringLiteral("exec sleep 30"));
    auto s = HelperClient::start(silent, 300);
    QVERIFY(!s);
    QVERIFY(s.error().message.contains("no hello"));
    const QString future =
        writeScript(m_dir, QStringLiteral("future-helper"), QStringLiteral("echo 'hello proto=9'\nexec sleep 30"));
    auto f = HelperClient::start(future);
    QVERIFY(!f);
    QCOMPARE(f.error().code, core::ErrorCode::Unsupported);
}

void TestHelperClient::lineProtocolOverPipes()
{
    // Manual use over pipes: everything but raw-open (which needs a Unix socket) works; bad lines
    // get errors and the helper goes on; an over-long line is refused as such.
    QProcess p;
    p.start(kHelper, {});
    QVERIFY(p.waitForStarted());
    p.write("ping id=1\n");
    p.write("raw-open id=2 family=inet protocol=icmp\n");
    p.write("bogus id=3\n");
    p.write(QByteArray(5000, 'a') + "\n");
    p.write("caps id=4\n");
    p.write("quit id=5\n");
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    QVERIFY(lines[0].startsWith("hello ") && lines[0].contains("proto=1"));
    QCOMPARE(lines[1], QStringLiteral("ok id=1"));
    // Root: the socket opens but cannot travel over a pipe (io); otherwise: permission.
    QVERIFY2(lines[2].startsWith("error code=io id=2") || lines[2].startsWith("error code=permission id=2"),
             qPrintable(lines[2]));
    QVERIFY(lines[3].startsWith("error code=unknown-verb id=3"));
    QVERIFY(lines[4].startsWith("error code=line-too-long"));
    QVERIFY(lines[5].startsWith("ok caps=") && lines[5].endsWith("id=4"));
    QCOMPARE(lines[6], QStringLiteral("ok id=5"));
}

void TestHelperClient::sharedHelperRestartsAfterDeath()
{
    if (!rootWithRaw())
        QSKIP("needs root / CAP_NET_RAW");
    qputenv("PATHLENS_HELPER", kHelper.toLocal8Bit());
    auto first = helperRawOpen(AF_INET, IPPROTO_ICMP);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    ::close(*first);
    const auto children = helperChildren();
    QCOMPARE(int(children.size()), 1); // one helper for the whole process
    auto second = helperRawOpen(AF_INET6, IPPROTO_TCP);
    QVERIFY(second || second.error().message.contains("Address family"));
    if (second)
        ::close(*second);
    QCOMPARE(helperChildren(), children); // reused, not started again
    // Killed behind our back: the next request starts a new one and succeeds.
    QVERIFY(::kill(children.front(), SIGKILL) == 0);
    QTest::qWait(100);
    auto third = helperRawOpen(AF_INET, IPPROTO_ICMP);
    QVERIFY2(third, qPrintable(third ? QString() : third.error().toString()));
    QVERIFY(echoOverRaw(*third, quint16(::getpid() + 1)));
    ::close(*third);
    const auto now = helperChildren();
    QCOMPARE(int(now.size()), 1);
    QVERIFY(now.front() != children.front());
    qunsetenv("PATHLENS_HELPER");
}

QTEST_MAIN(TestHelperClient)
#include "tst_helper_client.moc"
