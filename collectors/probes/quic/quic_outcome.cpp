// SPDX-License-Identifier: GPL-3.0-or-later
// QUIC handshake verdicts and notes from what the attempt saw.
#include "quic_outcome.h"

#include "core/base/notes_codec.h"

#include <QStringList>

namespace pathlens::collect {

QString quicFailureWord(QuicFailure failure)
{
    switch (failure) {
    case QuicFailure::None:
        return {};
    case QuicFailure::Blocked:
        return QStringLiteral("blocked");
    case QuicFailure::Refused:
        return QStringLiteral("refused");
    case QuicFailure::Unreachable:
        return QStringLiteral("unreachable");
    case QuicFailure::Tls:
        return QStringLiteral("tls");
    case QuicFailure::Version:
        return QStringLiteral("version");
    case QuicFailure::Closed:
        return QStringLiteral("closed");
    case QuicFailure::Timeout:
        return QStringLiteral("timeout");
    case QuicFailure::Error:
        return QStringLiteral("error");
    }
    return {};
}

QuicIcmp classifyIcmp(bool ipv6, int type, int code)
{
    if (ipv6) {
        if (type != 1) // RFC 4443 §3.1: type 1 = destination unreachable; the rest (time exceeded, too big) is not a refusal
            return QuicIcmp::Other;
        switch (code) {
        case 4:
            return QuicIcmp::PortUnreachable;
        case 1: // communication administratively prohibited
        case 5: // source address failed ingress/egress policy
        case 6: // reject route to destination
            return QuicIcmp::Prohibited;
        default: // 0 no route, 2 beyond scope, 3 address unreachable
            return QuicIcmp::Unreachable;
        }
    }
    if (type != 3) // RFC 792: type 3 = destination unreachable
        return QuicIcmp::Other;
    switch (code) {
    case 3:
        return QuicIcmp::PortUnreachable;
    case 9:  // network administratively prohibited (RFC 1122)
    case 10: // host administratively prohibited
    case 13: // communication administratively prohibited (RFC 1812 §5.2.7.1)
        return QuicIcmp::Prohibited;
    case 4: // fragmentation needed: the path MTU, not a refusal (QUIC's Initial is only 1200 bytes)
        return QuicIcmp::Other;
    default: // 0 net, 1 host, 2 protocol unreachable, …
        return QuicIcmp::Unreachable;
    }
}

QuicFailure classifyQuic(const QuicObservation &o)
{
    if (o.completed)
        return QuicFailure::None;
    if (!o.localError.isEmpty())
        return QuicFailure::Error;
    if (o.versionNegotiation)
        return QuicFailure::Version;
    if (o.alert || !o.tlsError.isEmpty())
        return QuicFailure::Tls;
    if (o.closeCode || o.statelessReset)
        return QuicFailure::Closed;
    if (o.icmp) {
        switch (*o.icmp) {
        case QuicIcmp::PortUnreachable:
            return QuicFailure::Refused;
        case QuicIcmp::Prohibited:
            return QuicFailure::Blocked;
        case QuicIcmp::Unreachable:
            return QuicFailure::Unreachable;
        case QuicIcmp::Other:
            break;
        }
    }
    // Silence is data: a network that filters UDP/443 answers nothing at all (SPEC §2 probe table:
    // such networks show 100 % QUIC loss). Anything from the server means it was reachable but slow.
    return o.datagramsReceived == 0 ? QuicFailure::Blocked : QuicFailure::Timeout;
}

QString tlsAlertName(int alert)
{
    // RFC 8446 §6 (the alerts TLS 1.3 may send) and RFC 7301 §3.2 (120).
    switch (alert) {
    case 0:
        return QStringLiteral("close_notify");
    case 10:
        return QStringLiteral("unexpected_message");
    case 20:
        return QStringLiteral("bad_record_mac");
    case 22:
        return QStringLiteral("record_overflow");
    case 40:
        return QStringLiteral("handshake_failure");
    case 42:
        return QStringLiteral("bad_certificate");
    case 43:
        return QStringLiteral("unsupported_certificate");
    case 44:
        return QStringLiteral("certificate_revoked");
    case 45:
        return QStringLiteral("certificate_expired");
    case 46:
        return QStringLiteral("certificate_unknown");
    case 47:
        return QStringLiteral("illegal_parameter");
    case 48:
        return QStringLiteral("unknown_ca");
    case 49:
        return QStringLiteral("access_denied");
    case 50:
        return QStringLiteral("decode_error");
    case 51:
        return QStringLiteral("decrypt_error");
    case 70:
        return QStringLiteral("protocol_version");
    case 71:
        return QStringLiteral("insufficient_security");
    case 80:
        return QStringLiteral("internal_error");
    case 86:
        return QStringLiteral("inappropriate_fallback");
    case 90:
        return QStringLiteral("user_canceled");
    case 109:
        return QStringLiteral("missing_extension");
    case 110:
        return QStringLiteral("unsupported_extension");
    case 112:
        return QStringLiteral("unrecognized_name");
    case 113:
        return QStringLiteral("bad_certificate_status_response");
    case 115:
        return QStringLiteral("unknown_psk_identity");
    case 116:
        return QStringLiteral("certificate_required");
    case 120:
        return QStringLiteral("no_application_protocol");
    default:
        return QStringLiteral("alert_%1").arg(alert);
    }
}

namespace {
QString versionText(quint32 v)
{
    // Version 1 (RFC 9000) reads as 1; others (v2 = 0x6b3343cf, drafts 0xff0000xx) in the hex they are known by.
    return v == 1 ? QStringLiteral("1") : QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

QString certWord(QuicCert c)
{
    switch (c) {
    case QuicCert::Trusted:
        return QStringLiteral("trusted");
    case QuicCert::Pinned:
        return QStringLiteral("pinned");
    case QuicCert::Untrusted:
        return QStringLiteral("untrusted");
    case QuicCert::Unchecked:
        break;
    }
    return QStringLiteral("unchecked");
}
} // namespace

QString quicNotes(const QuicObservation &o, const std::vector<std::pair<QString, QString>> &extra)
{
    core::Notes n;
    const QuicFailure failure = classifyQuic(o);
    if (failure == QuicFailure::None) {
        n.set(QStringLiteral("version"), versionText(o.version));
        n.set(QStringLiteral("alpn"), o.alpn.isEmpty() ? QStringLiteral("none") : o.alpn);
        n.set(QStringLiteral("cert"), certWord(o.cert));
        if (o.cert == QuicCert::Untrusted && !o.certError.isEmpty())
            n.set(QStringLiteral("cert_error"), o.certError);
        if (o.retried)
            n.set(QStringLiteral("retry"), QStringLiteral("1"));
    } else if (failure == QuicFailure::Error) {
        n.set(QStringLiteral("error"), o.localError);
    } else {
        n.set(QStringLiteral("error"), quicFailureWord(failure));
        switch (failure) {
        case QuicFailure::Version: {
            QStringList offered;
            for (quint32 v : o.offeredVersions)
                offered << versionText(v);
            n.set(QStringLiteral("offered"), offered.isEmpty() ? QStringLiteral("none") : offered.join(QLatin1Char(',')));
            break;
        }
        case QuicFailure::Tls:
            if (o.alert) {
                n.set(QStringLiteral("alert"), tlsAlertName(*o.alert));
                n.set(QStringLiteral("alert_by"), o.alertFromServer ? QStringLiteral("server") : QStringLiteral("client"));
            }
            if (!o.tlsError.isEmpty())
                n.set(QStringLiteral("tls_error"), o.tlsError);
            break;
        case QuicFailure::Closed:
            if (o.closeCode)
                n.set(QStringLiteral("close_code"), QStringLiteral("0x%1").arg(*o.closeCode, 0, 16));
            if (o.statelessReset)
                n.set(QStringLiteral("reset"), QStringLiteral("1"));
            break;
        case QuicFailure::Blocked:
            if (o.icmp == QuicIcmp::Prohibited)
                n.set(QStringLiteral("icmp"), QStringLiteral("prohibited"));
            break;
        case QuicFailure::Timeout:
            if (o.retried)
                n.set(QStringLiteral("retry"), QStringLiteral("1"));
            break;
        default:
            break;
        }
        if (o.icmp && !o.icmpFrom.isEmpty() && failure != QuicFailure::Timeout)
            n.set(QStringLiteral("icmp_from"), o.icmpFrom);
        n.set(QStringLiteral("datagrams"), QString::number(o.datagramsReceived));
    }
    for (const auto &[k, v] : extra)
        if (!v.isEmpty())
            n.set(k, v);
    return n.toString();
}

} // namespace pathlens::collect
