// SPDX-License-Identifier: GPL-3.0-or-later
// QUIC probe verdicts and notes from what a handshake saw (blocked, refused, tls, version, timeout, …), ICMP codes,
// TLS alert names, HOST[:PORT] targets and the quic: entries of PATHLENS_TARGETS.
#include "collectors/probes/probe_collector.h"
#include "collectors/probes/quic/quic_outcome.h"
#include "core/active/probe_targets.h"
#include "core/base/notes_codec.h"

#include <QHostAddress>
#include <QTest>

using namespace pathlens;
using namespace pathlens::collect;

namespace {
QString note(const QString &notes, const char *key)
{
    return core::Notes::parse(notes)->value(QString::fromLatin1(key)).value_or(QStringLiteral("<none>"));
}
} // namespace

class TestQuicOutcome : public QObject {
    Q_OBJECT
private slots:
    void completedHandshakeNotes()
    {
        QuicObservation o;
        o.completed = true;
        o.version = 1;
        o.alpn = QStringLiteral("h3");
        o.cert = QuicCert::Untrusted;
        o.certError = QStringLiteral("The certificate issuer is unknown.");
        o.datagramsReceived = 2;
        QCOMPARE(classifyQuic(o), QuicFailure::None);
        const QString n = quicNotes(o, {{QStringLiteral("addr"), QStringLiteral("10.9.0.2")}, {QStringLiteral("rtt_src"), QStringLiteral("kernel")}});
        QCOMPARE(n, QStringLiteral("version=1;alpn=h3;cert=untrusted;cert_error=The certificate issuer is unknown.;"
                                   "addr=10.9.0.2;rtt_src=kernel"));
        o.cert = QuicCert::Trusted;
        o.version = 0x6b3343cf; // QUIC v2 (RFC 9369) reads in the hex it is known by
        o.retried = true;
        const QString v2 = quicNotes(o);
        QCOMPARE(note(v2, "version"), QStringLiteral("0x6b3343cf"));
        QCOMPARE(note(v2, "cert"), QStringLiteral("trusted"));
        QCOMPARE(note(v2, "cert_error"), QStringLiteral("<none>"));
        QCOMPARE(note(v2, "retry"), QStringLiteral("1"));
        QCOMPARE(note(v2, "error"), QStringLiteral("<none>"));
    }

    void silenceIsBlockedAnAnswerIsTimeout()
    {
        QuicObservation o;
        o.deadlinePassed = true;
        QCOMPARE(classifyQuic(o), QuicFailure::Blocked);
        QCOMPARE(quicNotes(o), QStringLiteral("error=blocked;datagrams=0"));
        o.datagramsReceived = 1; // the server answered once, then nothing: slow or lossy, not filtered
        QCOMPARE(classifyQuic(o), QuicFailure::Timeout);
        QCOMPARE(note(quicNotes(o), "error"), QStringLiteral("timeout"));
    }

    void icmpDecides()
    {
        QuicObservation o;
        o.icmp = QuicIcmp::PortUnreachable;
        o.icmpFrom = QStringLiteral("10.9.0.2");
        QCOMPARE(classifyQuic(o), QuicFailure::Refused);
        QCOMPARE(quicNotes(o), QStringLiteral("error=refused;icmp_from=10.9.0.2;datagrams=0"));
        o.icmp = QuicIcmp::Prohibited; // a firewall's REJECT with admin-prohibited: blocked, and says how
        o.icmpFrom = QStringLiteral("10.9.1.1");
        QCOMPARE(classifyQuic(o), QuicFailure::Blocked);
        QCOMPARE(note(quicNotes(o), "icmp"), QStringLiteral("prohibited"));
        o.icmp = QuicIcmp::Unreachable;
        QCOMPARE(classifyQuic(o), QuicFailure::Unreachable);
        o.icmp = QuicIcmp::Other; // e.g. fragmentation needed: decides nothing
        QCOMPARE(classifyQuic(o), QuicFailure::Blocked);
    }

    void icmpCodes()
    {
        QCOMPARE(classifyIcmp(false, 3, 3), QuicIcmp::PortUnreachable);
        QCOMPARE(classifyIcmp(false, 3, 13), QuicIcmp::Prohibited);
        QCOMPARE(classifyIcmp(false, 3, 10), QuicIcmp::Prohibited);
        QCOMPARE(classifyIcmp(false, 3, 1), QuicIcmp::Unreachable);
        QCOMPARE(classifyIcmp(false, 3, 4), QuicIcmp::Other);  // fragmentation needed
        QCOMPARE(classifyIcmp(false, 11, 0), QuicIcmp::Other); // time exceeded
        QCOMPARE(classifyIcmp(true, 1, 4), QuicIcmp::PortUnreachable);
        QCOMPARE(classifyIcmp(true, 1, 1), QuicIcmp::Prohibited);
        QCOMPARE(classifyIcmp(true, 1, 6), QuicIcmp::Prohibited);
        QCOMPARE(classifyIcmp(true, 1, 3), QuicIcmp::Unreachable);
        QCOMPARE(classifyIcmp(true, 2, 0), QuicIcmp::Other); // packet too big
    }

    void whatTheServerSaidComesFirst()
    {
        // A TLS alert in the server's CONNECTION_CLOSE (0x100 + 120): tls, with the alert's name.
        QuicObservation o;
        o.datagramsReceived = 1;
        o.alert = 120;
        o.alertFromServer = true;
        o.icmp = QuicIcmp::PortUnreachable; // a stray ICMP later does not hide the alert
        QCOMPARE(classifyQuic(o), QuicFailure::Tls);
        const QString n = quicNotes(o);
        QCOMPARE(note(n, "error"), QStringLiteral("tls"));
        QCOMPARE(note(n, "alert"), QStringLiteral("no_application_protocol"));
        QCOMPARE(note(n, "alert_by"), QStringLiteral("server"));
        // Our own TLS stack refusing the server's handshake.
        QuicObservation mine;
        mine.datagramsReceived = 1;
        mine.alert = 42;
        mine.tlsError = QStringLiteral("Error in the certificate.");
        QCOMPARE(note(quicNotes(mine), "alert"), QStringLiteral("bad_certificate"));
        QCOMPARE(note(quicNotes(mine), "alert_by"), QStringLiteral("client"));
        QCOMPARE(note(quicNotes(mine), "tls_error"), QStringLiteral("Error in the certificate."));
        // Version Negotiation: the versions the server offered instead.
        QuicObservation vn;
        vn.datagramsReceived = 1;
        vn.versionNegotiation = true;
        vn.offeredVersions = {0xff00001d, 0x6b3343cf};
        QCOMPARE(classifyQuic(vn), QuicFailure::Version);
        QCOMPARE(quicNotes(vn), QStringLiteral("error=version;offered=0xff00001d,0x6b3343cf;datagrams=1"));
        // A transport close or a stateless reset.
        QuicObservation closed;
        closed.datagramsReceived = 1;
        closed.closeCode = 0x0a;
        QCOMPARE(classifyQuic(closed), QuicFailure::Closed);
        QCOMPARE(note(quicNotes(closed), "close_code"), QStringLiteral("0xa"));
        // A local failure names itself, not a path condition.
        QuicObservation local;
        local.localError = QStringLiteral("cannot open a UDP socket: Too many open files");
        QCOMPARE(classifyQuic(local), QuicFailure::Error);
        QCOMPARE(quicNotes(local), QStringLiteral("error=cannot open a UDP socket: Too many open files"));
    }

    void alertNames()
    {
        QCOMPARE(tlsAlertName(40), QStringLiteral("handshake_failure"));
        QCOMPARE(tlsAlertName(48), QStringLiteral("unknown_ca"));
        QCOMPARE(tlsAlertName(112), QStringLiteral("unrecognized_name"));
        QCOMPARE(tlsAlertName(201), QStringLiteral("alert_201"));
        QCOMPARE(quicFailureWord(QuicFailure::Blocked), QStringLiteral("blocked"));
        QVERIFY(quicFailureWord(QuicFailure::None).isEmpty());
    }

    void hostPortTargets()
    {
        using core::splitHostPort;
        QCOMPARE(splitHostPort(QStringLiteral("example.org"), 443)->port, quint16(443));
        QCOMPARE(splitHostPort(QStringLiteral("example.org:8443"), 443)->port, quint16(8443));
        QCOMPARE(splitHostPort(QStringLiteral("example.org:8443"), 443)->host, QStringLiteral("example.org"));
        QCOMPARE(splitHostPort(QStringLiteral("2001:db8::1"), 443)->host, QStringLiteral("2001:db8::1"));
        QCOMPARE(splitHostPort(QStringLiteral("2001:db8::1"), 443)->port, quint16(443));
        QCOMPARE(splitHostPort(QStringLiteral("[2001:db8::1]:4433"), 443)->host, QStringLiteral("2001:db8::1"));
        QCOMPARE(splitHostPort(QStringLiteral("[2001:db8::1]:4433"), 443)->port, quint16(4433));
        QCOMPARE(splitHostPort(QStringLiteral("[2001:db8::1]"), 443)->port, quint16(443));
        QVERIFY(!splitHostPort(QStringLiteral("host:0"), 443));
        QVERIFY(!splitHostPort(QStringLiteral("host:65536"), 443));
        QVERIFY(!splitHostPort(QStringLiteral("host:"), 443));
        QVERIFY(!splitHostPort(QStringLiteral(":443"), 443));
        QVERIFY(!splitHostPort(QStringLiteral("[::1"), 443));
        QVERIFY(!splitHostPort(QStringLiteral("[::1]x"), 443));
    }

    void quicEntriesInTheOverride()
    {
        // Plain hosts are QUIC targets too (an address: no SNI); quic: entries replace them for QUIC only.
        core::ProbeTargets t = core::applyTargetOverride(core::embeddedTargets(), QStringLiteral("10.9.0.2"));
        QCOMPARE(t.httpHosts, QStringList{QStringLiteral("10.9.0.2")});
        t = core::applyTargetOverride(core::embeddedTargets(), QStringLiteral("10.9.0.2,quic:lab.test:4433"));
        QCOMPARE(t.httpHosts, QStringList{QStringLiteral("lab.test:4433")});
        QCOMPARE(t.internet, QStringList{QStringLiteral("10.9.0.2")});
        QVERIFY(!t.all().contains(QStringLiteral("www.google.com")));
        // The embedded defaults name hosts (QUIC needs SNI), never addresses.
        for (const QString &h : core::embeddedTargets().httpHosts) {
            QHostAddress a;
            QVERIFY2(!a.setAddress(core::splitHostPort(h, 443)->host), qPrintable(h));
        }
    }

    void ciGuardCoversQuic()
    {
        // On a CI machine the embedded QUIC hosts are public: refused by name; lab targets pass.
        qputenv("CI", "true");
        const auto refused = checkProbeTargetsAllowed(core::embeddedTargets(), {ProbeKind::Quic});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("www.cloudflare.com")), qPrintable(refused.error().message));
        const core::ProbeTargets lab = core::applyTargetOverride(core::embeddedTargets(), QStringLiteral("quic:10.9.0.2:4433"));
        QVERIFY(checkProbeTargetsAllowed(lab, {ProbeKind::Quic}).ok());
        qunsetenv("CI");
    }
};

QTEST_GUILESS_MAIN(TestQuicOutcome)
#include "tst_quic_outcome.moc"
