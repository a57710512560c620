// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: hand-built netlink/inet_diag messages (host order, as the kernel writes them).
#pragma once

#include "collectors/tcp/inet_diag_parser.h"

#include <QByteArray>

#include <array>
#include <cstring>

namespace pathlens::test {

namespace abi = collect::inet_diag_abi;

struct DiagSpec {
    bool ipv6 = false;
    quint8 state = 1; // ESTABLISHED
    quint16 sport = 50000, dport = 443;
    std::array<quint8, 16> src{}, dst{};
    quint64 cookie = 0x1122334455667788ull;
    quint32 inode = 4242;
    int infoLen = 232;      // tcp_info length (232 on Linux 6.x); -1 = no INET_DIAG_INFO
    quint32 rttUs = 20000, rttVarUs = 5000, totalRetrans = 3, segsOut = 100, minRttUs = 19000;
    quint64 bytesAcked = 123456, bytesReceived = 654321, deliveryRate = 1250000;
};

template <typename T>
void put(QByteArray &b, int off, T v)
{
    std::memcpy(b.data() + off, &v, sizeof v);
}

inline QByteArray nlmsg(quint16 type, const QByteArray &payload, quint32 seq = 1)
{
    QByteArray m(int(abi::kNlmsgHdrLen), '\0');
    put<quint32>(m, 0, quint32(abi::kNlmsgHdrLen + payload.size()));
    put<quint16>(m, 4, type);
    put<quint16>(m, 6, 2); // NLM_F_MULTI
    put<quint32>(m, 8, seq);
    m += payload;
    while (m.size() % 4)
        m += '\0';
    return m;
}

inline QByteArray diagPayload(const DiagSpec &s)
{
    QByteArray p(int(abi::kDiagMsgLen), '\0');
    p[0] = char(s.ipv6 ? abi::kAfInet6 : abi::kAfInet);
    p[1] = char(s.state);
    p[4] = char(s.sport >> 8);
    p[5] = char(s.sport & 0xff);
    p[6] = char(s.dport >> 8);
    p[7] = char(s.dport & 0xff);
    std::memcpy(p.data() + abi::kDiagSrc, s.src.data(), 16);
    std::memcpy(p.data() + abi::kDiagDst, s.dst.data(), 16);
    put<quint32>(p, int(abi::kDiagCookie), quint32(s.cookie));
    put<quint32>(p, int(abi::kDiagCookie + 4), quint32(s.cookie >> 32));
    put<quint32>(p, int(abi::kDiagInode), s.inode);
    if (s.infoLen >= 0) {
        QByteArray info(s.infoLen, '\0');
        auto putIf = [&](std::size_t off, auto v) {
            if (off + sizeof v <= std::size_t(info.size()))
                put(info, int(off), v);
        };
        putIf(abi::kTcpiRtt, s.rttUs);
        putIf(abi::kTcpiRttVar, s.rttVarUs);
        putIf(abi::kTcpiTotalRetrans, s.totalRetrans);
        putIf(abi::kTcpiBytesAcked, s.bytesAcked);
        putIf(abi::kTcpiBytesReceived, s.bytesReceived);
        putIf(abi::kTcpiSegsOut, s.segsOut);
        putIf(abi::kTcpiMinRtt, s.minRttUs);
        putIf(abi::kTcpiDeliveryRate, s.deliveryRate);
        QByteArray rta(4, '\0');
        put<quint16>(rta, 0, quint16(4 + info.size()));
        put<quint16>(rta, 2, abi::kInetDiagInfo);
        rta += info;
        while (rta.size() % 4)
            rta += '\0';
        p += rta;
    }
    return p;
}

inline QByteArray diagMsg(const DiagSpec &s) { return nlmsg(abi::kSockDiagByFamily, diagPayload(s)); }

inline QByteArray doneMsg(qint32 code = 0)
{
    QByteArray p(4, '\0');
    put<qint32>(p, 0, code);
    return nlmsg(abi::kNlmsgDone, p);
}

inline QByteArray errorMsg(qint32 code)
{
    QByteArray p(4 + int(abi::kNlmsgHdrLen), '\0');
    put<qint32>(p, 0, code);
    return nlmsg(abi::kNlmsgError, p);
}

inline std::array<quint8, 16> v4(quint8 a, quint8 b, quint8 c, quint8 d) { return {a, b, c, d}; }

} // namespace pathlens::test
