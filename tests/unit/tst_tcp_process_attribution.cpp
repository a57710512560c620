// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of /proc socket attribution on a fixture tree: names, cache, one rescan per miss, other users.
#include "collectors/tcp/process_attribution.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/fsuid.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pathlens;

namespace {
core::TcpSocketReading withInode(quint64 inode)
{
    core::TcpSocketReading r;
    r.inode = inode;
    r.cookie = inode * 7;
    return r;
}
} // namespace

class TestTcpProcessAttribution : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_root;

    void makeProcess(int pid, const QString &exe, const QList<QPair<int, QString>> &fds)
    {
        QDir root(m_root);
        QVERIFY(root.mkpath(QStringLiteral("%1/fd").arg(pid)));
        QVERIFY(QFile::link(exe, QStringLiteral("%1/%2/exe").arg(m_root).arg(pid)));
        for (const auto &[fd, target] : fds)
            QVERIFY(QFile::link(target, QStringLiteral("%1/%2/fd/%3").arg(m_root).arg(pid).arg(fd)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path();
        // World-readable like /proc, so the reduced-privilege case below can still walk it.
        QVERIFY(QFile::setPermissions(m_root, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                  | QFileDevice::ReadOther | QFileDevice::ExeOther));
        makeProcess(100, "/usr/lib/firefox/firefox", {{0, "/dev/null"}, {3, "socket:[1001]"}, {4, "socket:[1002]"}});
        makeProcess(200, "/usr/bin/curl (deleted)", {{5, "socket:[2002]"}, {6, "pipe:[77]"}});
        QVERIFY(QDir(m_root).mkpath("self/fd")); // non-numeric entries are ignored
        QVERIFY(QDir(m_root).mkpath("sys"));
    }

    void attributesAtFirstSightAndCaches()
    {
        auto a = collect::createProcessAttribution(m_root);
        std::vector<core::TcpSocketReading> rs{withInode(1001), withInode(2002), withInode(1002)};
        a->attribute(rs, true);
        QCOMPARE(a->stats().scans, quint64(1)); // three unknown inodes, one walk
        QCOMPARE(rs[0].attribution, core::Attribution::Process);
        QCOMPARE(rs[0].pid, 100);
        QCOMPARE(rs[0].exeName, QString("firefox"));
        QCOMPARE(rs[0].exePath, QString("/usr/lib/firefox/firefox"));
        QCOMPARE(rs[1].exeName, QString("curl"));           // " (deleted)" stripped
        QCOMPARE(rs[1].exePath, QString("/usr/bin/curl"));
        QCOMPARE(rs[2].pid, 100);

        a->attribute(rs, true); // nothing new: no walk
        QCOMPARE(a->stats().scans, quint64(1));

        std::vector<core::TcpSocketReading> gone{withInode(1001)};
        a->attribute(gone, true); // complete poll without 2002/1002: they are dropped from the cache
        QCOMPARE(a->stats().cachedInodes, 1);

        std::vector<core::TcpSocketReading> unknown{withInode(1001), withInode(9999)};
        a->attribute(unknown, true);
        QCOMPARE(a->stats().scans, quint64(2));
        QCOMPARE(unknown[1].attribution, core::Attribution::Unknown);
        QCOMPARE(unknown[1].exeName, collect::ProcessAttribution::unknownName());
        a->attribute(unknown, true); // a negative answer is cached too: no walk every tick
        QCOMPARE(a->stats().scans, quint64(2));
    }

    void recentOwnersAreSearchedFirst()
    {
        auto a = collect::createProcessAttribution(m_root);
        std::vector<core::TcpSocketReading> first{withInode(2002)};
        a->attribute(first, true);
        const quint64 before = a->stats().processesRead;
        QVERIFY(QFile::link("socket:[2003]", m_root + "/200/fd/7"));
        std::vector<core::TcpSocketReading> next{withInode(2002), withInode(2003)};
        a->attribute(next, true);
        QCOMPARE(next[1].pid, 200);
        QCOMPARE(a->stats().processesRead - before, quint64(1)); // found in pid 200 at once, walk stopped
        QFile::remove(m_root + "/200/fd/7");
    }

    void orphanedSocketsAndKnownPids()
    {
        auto a = collect::createProcessAttribution(m_root);
        std::vector<core::TcpSocketReading> rs{withInode(0)};
        a->attribute(rs, false);
        QCOMPARE(rs[0].attribution, core::Attribution::Unknown);
        QCOMPARE(a->stats().scans, quint64(0)); // inode 0 (destroyed socket) never triggers a walk
        a->attributePid(rs[0], 100);
        QCOMPARE(rs[0].attribution, core::Attribution::Process);
        QCOMPARE(rs[0].exeName, QString("firefox"));
    }

    void unreadableOwnersAreOtherUsers()
    {
        makeProcess(300, "/usr/bin/sshd", {{3, "socket:[3003]"}});
        QVERIFY(QFile::setPermissions(m_root + "/300/fd", QFileDevice::Permissions()));
        auto a = collect::createProcessAttribution(m_root);
        std::vector<core::TcpSocketReading> rs{withInode(3003), withInode(1001)};
        // Root reads any directory; drop the filesystem uid (clears CAP_DAC_OVERRIDE for this
        // thread) so /proc behaves as it does for an ordinary user.
        const bool root = ::geteuid() == 0;
        if (root) {
            ::setfsgid(65534); // nogroup: else the root group's bits would apply
            ::setfsuid(65534);
        }
        a->attribute(rs, true);
        if (root) {
            ::setfsuid(0);
            ::setfsgid(0);
        }
        QFile::setPermissions(m_root + "/300/fd", QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(rs[1].exeName, QString("firefox"));
        QCOMPARE(rs[0].attribution, core::Attribution::OtherUser);
        QCOMPARE(rs[0].exeName, collect::ProcessAttribution::otherUsersName());
        QVERIFY(collect::ProcessAttribution::otherUsersHint().contains("setcap cap_sys_ptrace"));
        QVERIFY(a->stats().deniedDirs >= 1);
    }

    void liveProcessOwnsItsSocket()
    {
        // The real /proc: this test process owns a socket it just opened (no network needed).
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        struct stat st{};
        QVERIFY(::fstat(fd, &st) == 0);
        auto a = collect::createProcessAttribution();
        std::vector<core::TcpSocketReading> rs{withInode(st.st_ino)};
        a->attribute(rs, true);
        ::close(fd);
        QCOMPARE(rs[0].pid, qint64(::getpid()));
        QCOMPARE(rs[0].exeName, QString("tst_tcp_process_attribution"));
    }
};

QTEST_GUILESS_MAIN(TestTcpProcessAttribution)
#include "tst_tcp_process_attribution.moc"
