// SPDX-License-Identifier: GPL-3.0-or-later
// The probe collector against the kernel's own routes (netlink route events, /proc/thread-self),
// each test in a private network namespace of its own thread: Linux only, registered only there.
#include "auto_gateway_environment.h"
#include "collectors/probes/default_gateway.h"
#include "collectors/probes/probe_collector.h"
#include "collectors/probes/route_watch.h"

#include <QEventLoop>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <thread>

#include <poll.h>
#include <sched.h>
#include <unistd.h>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
// Why the real-kernel route tests cannot make a private network namespace here, or nullptr.
const char *privateNetnsUnavailable()
{
    if (::geteuid() != 0)
        return "needs root for a private network namespace";
    if (QStandardPaths::findExecutable("ip").isEmpty())
        return "needs iproute2's ip";
    return nullptr;
}
} // namespace

class TestProbeCollectorKernelRoutes : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        // Only loopback, whatever the caller's environment says.
        qputenv(core::kTargetsEnvVar, "127.0.0.1");
    }
    void routeWatchSeesKernelChange();
    void gatewayFollowsKernelRoutes();
};

void TestProbeCollectorKernelRoutes::routeWatchSeesKernelChange()
{
    if (const char *why = privateNetnsUnavailable())
        QSKIP(why);
    // One thread moves to a new, empty network namespace (namespaces are per thread; its children
    // inherit it): the kernel's real route events and /proc/thread-self/net/route, and the host's
    // routes are never touched.
    struct Outcome {
        QString error, gatewayBefore, gatewayAfter;
        bool quiet = false, readable = false, changed = false, drained = false;
    } out;
    std::thread t([&out] {
        if (::unshare(CLONE_NEWNET) != 0) {
            out.error = QStringLiteral("unshare(CLONE_NEWNET): %1").arg(errno);
            return;
        }
        if (std::system("ip link set lo up && ip addr add 10.9.9.1/24 dev lo") != 0) {
            out.error = QStringLiteral("ip addr add failed");
            return;
        }
        auto watch = RouteWatch::open();
        if (!watch) {
            out.error = watch.error().toString();
            return;
        }
        RouteWatch &w = **watch;
        out.quiet = !w.drain();
        out.gatewayBefore = detectDefaultGateway(QStringLiteral("/proc/thread-self"));
        if (std::system("ip route add default via 10.9.9.2 dev lo") != 0) {
            out.error = QStringLiteral("ip route add failed");
            return;
        }
        pollfd p{w.fd(), POLLIN, 0};
        out.readable = ::poll(&p, 1, 2000) == 1;
        out.changed = w.drain();
        out.drained = !w.drain();
        out.gatewayAfter = detectDefaultGateway(QStringLiteral("/proc/thread-self"));
    });
    t.join();
    if (out.error.startsWith("unshare"))
        QSKIP(qPrintable(out.error)); // e.g. a container without CAP_SYS_ADMIN
    QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
    QVERIFY(out.quiet);
    QCOMPARE(out.gatewayBefore, QString());
    QVERIFY2(out.readable, "a new default route wakes the watcher");
    QVERIFY(out.changed);
    QVERIFY(out.drained);
    QCOMPARE(out.gatewayAfter, QStringLiteral("10.9.9.2"));
}

void TestProbeCollectorKernelRoutes::gatewayFollowsKernelRoutes()
{
    if (const char *why = privateNetnsUnavailable())
        QSKIP(why);
    // The whole path: a collector on a thread in its own network namespace, gateway "auto" from
    // /proc/thread-self (that thread's routes; a fixture procRoot for the CI guard), the kernel's
    // route message through the netlink notifier. Gateways 10.9.9.x exist only in that namespace.
    const AutoGatewayEnvironment env;
    QString error, before, after;
    std::vector<core::Row> rows;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        if (::unshare(CLONE_NEWNET) != 0) {
            error = QStringLiteral("unshare(CLONE_NEWNET): %1").arg(errno);
            return;
        }
        if (std::system("ip link set lo up && ip addr add 10.9.9.1/24 dev lo && "
                        "ip route add default via 10.9.9.2 dev lo") != 0) {
            error = QStringLiteral("ip setup failed");
            return;
        }
        ProbeCollectorOptions o;
        o.probes = {ProbeKind::Icmp};
        o.targets = core::ProbeTargets{};
        o.targets.gateway = QStringLiteral("auto");
        o.procRoot = QStringLiteral("/proc/thread-self");
        ProbeCollector c(o);
        if (auto ok = c.checkSupported(); !ok) {
            error = ok.error().toString();
            return;
        }
        c.attach(1, std::make_shared<std::atomic<quint64>>(1),
                 [&rows](std::vector<core::Row> r) { rows.insert(rows.end(), r.begin(), r.end()); });
        c.start();
        before = c.currentGateway();
        QEventLoop loop;
        QTimer::singleShot(300, [] { std::system("ip route replace default via 10.9.9.3 dev lo"); });
        QTimer::singleShot(1300, &loop, &QEventLoop::quit); // no recheckGateway() call: only the kernel's message
        loop.exec();
        after = c.currentGateway();
        c.stop();
    }));
    thread->start();
    QVERIFY(thread->wait(10000));
    if (error.startsWith("unshare"))
        QSKIP(qPrintable(error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(before, QStringLiteral("10.9.9.2"));
    QCOMPARE(after, QStringLiteral("10.9.9.3"));
    QStringList changes;
    for (const core::Row &r : rows)
        if (r.table == core::Table::Events && r.get("message").toString().startsWith("gateway changed"))
            changes << r.get("message").toString();
    QCOMPARE(changes, QStringList{QStringLiteral("gateway changed from 10.9.9.2 to 10.9.9.3")});
}

QTEST_MAIN(TestProbeCollectorKernelRoutes)
#include "tst_probe_collector_linux.moc"
