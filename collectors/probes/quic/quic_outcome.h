// SPDX-License-Identifier: GPL-3.0-or-later
// What one QUIC handshake attempt saw, as plain values, and the verdict and notes a person reads (pure, no sockets).
#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace pathlens::collect {

// Why a handshake did not complete, in the words the notes use (error=<word>).
enum class QuicFailure {
    None,        // completed
    Blocked,     // nothing came back at all (UDP/443 filtered), or a filter said so (ICMP administratively prohibited)
    Refused,     // ICMP port unreachable: the host is there, nothing listens on the UDP port
    Unreachable, // ICMP host/network unreachable (no route beyond some router)
    Tls,         // a TLS alert (the server's, in its CONNECTION_CLOSE, or our own TLS stack's)
    Version,     // Version Negotiation: the server speaks none of the versions we offered
    Closed,      // the server closed the connection with a transport error, or reset it
    Timeout,     // the server answered, but the handshake did not finish in time
    Error,       // a local failure (socket, library): not the path's fault
};
QString quicFailureWord(QuicFailure failure); // "blocked", "refused", …; empty for None

// An ICMP/ICMPv6 error the kernel queued for the probe's socket.
enum class QuicIcmp { PortUnreachable, Prohibited, Unreachable, Other };
// ICMPv4 type 3 / ICMPv6 type 1 codes (RFC 792, RFC 1812, RFC 4443 §3.1) into the kinds above.
QuicIcmp classifyIcmp(bool ipv6, int type, int code);

// How far the server's certificate was trusted. The probe measures the handshake, so an untrusted
// certificate never fails it; it is noted (cert=untrusted) because it means someone other than the
// named server may have answered (a captive portal, an intercepting middlebox).
enum class QuicCert { Unchecked, Trusted, Pinned, Untrusted };

struct QuicObservation {
    // Completed handshakes.
    bool completed = false;
    quint32 version = 0; // the negotiated QUIC version (1: RFC 9000)
    QString alpn;        // the application protocol the server chose
    QuicCert cert = QuicCert::Unchecked;
    QString certError;   // why untrusted, in the TLS library's words
    bool retried = false; // the server asked for a Retry (one more round trip in the time)

    // What came back on the way.
    qint64 datagramsReceived = 0;
    std::optional<QuicIcmp> icmp;
    QString icmpFrom; // the router or host that sent it
    bool deadlinePassed = false; // the handshake timeout (or the idle timeout) expired
    std::vector<quint32> offeredVersions; // a Version Negotiation packet's list
    bool versionNegotiation = false;
    std::optional<int> alert;  // TLS alert description (RFC 8446 §6)
    bool alertFromServer = false;
    QString tlsError;          // our TLS stack's own text when it failed (e.g. a certificate it could not parse)
    std::optional<quint64> closeCode; // the server's CONNECTION_CLOSE transport error code (not a TLS alert)
    bool statelessReset = false;
    QString localError;        // a local failure before or during the handshake
};

// The verdict, in the order a person would look for the cause: a local failure first, then what
// the server said (version, TLS alert, close), then ICMP, then silence or slowness.
QuicFailure classifyQuic(const QuicObservation &o);

// TLS alert names of RFC 8446 §6 (and RFC 7301's no_application_protocol); "alert_<n>" otherwise.
QString tlsAlertName(int alert);

// The sample's notes (key=value;…): on success version=, alpn=, cert= (and cert_error=, retry=1);
// on failure error=<word> with what explains it (alert=, alert_by=, offered=, close_code=,
// icmp_from=, datagrams=). `extra` pairs (addr=, rtt_src=) are appended.
QString quicNotes(const QuicObservation &o, const std::vector<std::pair<QString, QString>> &extra = {});

} // namespace pathlens::collect
