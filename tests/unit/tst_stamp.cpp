// SPDX-License-Identifier: GPL-3.0-or-later
// STAMP (RFC 8762) codec and Session-Reflector policy: exact wire layouts, HMAC against an
// independent implementation (Python's hmac), NTP time, and the reflector's refusals (short, long,
// bad HMAC, replay, flood) with its promise never to answer with more bytes than it received.
#include "core/mesh/stamp_packet.h"
#include "core/mesh/stamp_reflector_policy.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pathlens::core;

namespace {
const QByteArray kKey = "pathlens-test-key";
constexpr qint64 kT = 1'795'341'600'123'456'789; // 2026-11-21, ns since 1970

StampSenderPacket senderPacket(quint32 seq)
{
    return {seq, NtpTimestamp::fromUnixNs(kT + seq * 1'000'000), ErrorEstimate{}};
}
} // namespace

class TstStamp : public QObject {
    Q_OBJECT
private slots:
    void unauthenticatedSenderLayout()
    {
        const QByteArray b = encodeStampSender({0x01020304, {0x11223344, 0x55667788}, ErrorEstimate{true, false, 3, 7}},
                                               StampMode::Unauthenticated);
        QCOMPARE(b.size(), 44);
        QCOMPARE(b.first(16).toHex(), QByteArray("01020304" "1122334455667788" "8307" "0000"));
        QCOMPARE(b.mid(14), QByteArray(30, '\0')); // MBZ
    }

    void unauthenticatedReflectorLayout()
    {
        StampReflectorPacket p;
        p.sequence = 9;
        p.timestamp = {0xA0000001, 2};
        p.receiveTimestamp = {0xA0000000, 1};
        p.senderSequence = 0x0badf00d;
        p.senderTimestamp = {0x9fffffff, 3};
        p.senderTtl = 61;
        const QByteArray b = encodeStampReflector(p, StampMode::Unauthenticated);
        QCOMPARE(b.size(), 44);
        // seq, T3, error, MBZ, T2, sender seq, T1, sender error, MBZ, TTL, MBZ (RFC 8762 §4.3.1)
        QCOMPARE(b.toHex(), QByteArray("00000009" "a000000100000002" "0001" "0000" "a000000000000001" "0badf00d"
                                       "9fffffff00000003" "0001" "0000" "3d" "000000"));
    }

    void authenticatedLayoutAndHmacMatchAnIndependentImplementation()
    {
        const QByteArray b = encodeStampSender({7, {0xE8000000, 0x40000000}, ErrorEstimate{}}, StampMode::Authenticated, kKey);
        QCOMPARE(b.size(), 112);
        QCOMPARE(b.first(4).toHex(), QByteArray("00000007"));
        QCOMPARE(b.mid(4, 12), QByteArray(12, '\0'));
        QCOMPARE(b.mid(16, 10).toHex(), QByteArray("e8000000400000000001"));
        // python3: hmac.new(b"pathlens-test-key", packet[:96], hashlib.sha256).hexdigest()[:32]
        QCOMPARE(b.mid(96).toHex(), QByteArray("89bf0a784121af68e0ffaecaff711659"));
        QVERIFY(decodeStampSender(b, StampMode::Authenticated, kKey));
        const auto wrongKey = decodeStampSender(b, StampMode::Authenticated, "another-key");
        QVERIFY(!wrongKey && *wrongKey.error == StampDecodeError::BadHmac);
        QByteArray altered = b;
        altered[3] = 8; // the sequence number, under the HMAC
        QCOMPARE(*decodeStampSender(altered, StampMode::Authenticated, kKey).error, StampDecodeError::BadHmac);
    }

    void roundTripsBothModesWithPadding()
    {
        for (StampMode mode : {StampMode::Unauthenticated, StampMode::Authenticated}) {
            StampReflectorPacket p;
            p.sequence = 77;
            p.timestamp = NtpTimestamp::fromUnixNs(kT + 300);
            p.receiveTimestamp = NtpTimestamp::fromUnixNs(kT + 100);
            p.senderSequence = 41;
            p.senderTimestamp = NtpTimestamp::fromUnixNs(kT);
            p.senderError = ErrorEstimate{false, false, 0, 9};
            p.senderTtl = 255;
            const QByteArray wire = encodeStampReflector(p, mode, kKey, 1400); // MTU-sized, as packet pairs are
            QCOMPARE(wire.size(), 1400);
            const auto back = decodeStampReflector(wire, mode, kKey);
            QVERIFY(back);
            QCOMPARE(back.packet->senderSequence, 41u);
            QCOMPARE(back.packet->receiveTimestamp, p.receiveTimestamp);
            QCOMPARE(back.packet->senderError, p.senderError);
            QCOMPARE(back.packet->senderTtl, quint8(255));
            QCOMPARE(*decodeStampReflector(wire.first(43), mode, kKey).error, StampDecodeError::TooShort);
        }
        QCOMPARE(*decodeStampSender(QByteArray(kStampMaxSize + 1, '\0'), StampMode::Unauthenticated).error, StampDecodeError::TooLong);
    }

    void ntpTime()
    {
        QCOMPARE(NtpTimestamp::fromUnixNs(0).seconds, 2208988800u);
        QCOMPARE(NtpTimestamp::fromUnixNs(500'000'000).fraction, 0x80000000u);
        for (qint64 ns : {kT, kT + 1, kT + 999'999'999, qint64(2'000'000'000'000'000'000)}) // 2033 included
            QVERIFY(std::abs(NtpTimestamp::fromUnixNs(ns).toUnixNs() - ns) <= 1);
    }

    void reflectorAnswersOneToOneWithTimes()
    {
        StampReflectorPolicy stateless({StampMode::Unauthenticated, {}, false});
        const QByteArray request = encodeStampSender(senderPacket(5), StampMode::Unauthenticated, {}, 200);
        const auto reply = stateless.reflect("192.0.2.1:4000", request, kT + 2'000'000, 63, kT + 2'050'000);
        QVERIFY(reply);
        QCOMPARE(reply->size(), request.size()); // never more bytes than received
        const auto r = decodeStampReflector(*reply, StampMode::Unauthenticated);
        QCOMPARE(r.packet->sequence, 5u); // stateless: the sender's number
        QCOMPARE(r.packet->senderSequence, 5u);
        QCOMPARE(r.packet->senderTtl, quint8(63));
        QVERIFY(std::abs(r.packet->receiveTimestamp.toUnixNs() - (kT + 2'000'000)) <= 1);
        QVERIFY(std::abs(r.packet->timestamp.toUnixNs() - (kT + 2'050'000)) <= 1);
        QCOMPARE(r.packet->senderTimestamp, senderPacket(5).timestamp);

        StampReflectorPolicy stateful({StampMode::Unauthenticated, {}, true});
        for (quint32 i = 0; i < 3; ++i) {
            const auto s = stateful.reflect("192.0.2.1:4000", encodeStampSender(senderPacket(100 + i * 7), StampMode::Unauthenticated),
                                            kT, 64, kT);
            QCOMPARE(decodeStampReflector(*s, StampMode::Unauthenticated).packet->sequence, i); // its own numbering
        }
    }

    void reflectorRefusesAbuseAndCountsIt()
    {
        StampReflectorConfig config{StampMode::Authenticated, kKey, true, 10, 20};
        StampReflectorPolicy policy(config);
        const QByteArray good = encodeStampSender(senderPacket(1), StampMode::Authenticated, kKey);
        QVERIFY(policy.reflect("198.51.100.2:862", good, kT, 64, kT));
        QVERIFY(!policy.reflect("198.51.100.2:862", good, kT + 1000, 64, kT)); // the same packet again
        QCOMPARE(policy.counters().replayed, qint64(1));
        QVERIFY(!policy.reflect("198.51.100.2:862", encodeStampSender(senderPacket(2), StampMode::Authenticated, "wrong"), kT, 64, kT));
        QCOMPARE(policy.counters().badHmac, qint64(1));
        QVERIFY(!policy.reflect("198.51.100.2:862", good.first(60), kT, 64, kT));
        QCOMPARE(policy.counters().tooShort, qint64(1));
        // Older but inside the window: answered once; far older: refused.
        QVERIFY(policy.reflect("198.51.100.2:862", encodeStampSender(senderPacket(2000), StampMode::Authenticated, kKey), kT, 64, kT));
        QVERIFY(policy.reflect("198.51.100.2:862", encodeStampSender(senderPacket(1990), StampMode::Authenticated, kKey), kT, 64, kT));
        QVERIFY(!policy.reflect("198.51.100.2:862", encodeStampSender(senderPacket(1990), StampMode::Authenticated, kKey), kT, 64, kT));
        QVERIFY(!policy.reflect("198.51.100.2:862", encodeStampSender(senderPacket(5), StampMode::Authenticated, kKey), kT, 64, kT));
        // A flood from one source: the burst (20, three used) then 10/s.
        int answered = 0;
        for (quint32 i = 0; i < 200; ++i) // 200 packets within 100 ms
            answered += bool(policy.reflect("198.51.100.2:862", encodeStampSender(senderPacket(3000 + i), StampMode::Authenticated, kKey),
                                            kT + i * 500'000, 64, kT));
        QVERIFY2(answered >= 17 && answered <= 18, qPrintable(QString::number(answered)));
        QVERIFY(policy.counters().rateLimited >= 180);
        // Another source is not starved by the flood.
        QVERIFY(policy.reflect("203.0.113.9:862", encodeStampSender(senderPacket(1), StampMode::Authenticated, kKey), kT, 64, kT));
    }

    void mutatedPacketsNeverAmplify()
    {
        StampReflectorPolicy policy({StampMode::Unauthenticated, {}, true, 1e9, 1e9});
        QRandomGenerator rng(862);
        qint64 inBytes = 0, outBytes = 0;
        for (int i = 0; i < 5000; ++i) {
            QByteArray d = encodeStampSender(senderPacket(quint32(i)), StampMode::Unauthenticated, {}, 44 + int(rng.bounded(200)));
            for (int e = 0, n = int(rng.bounded(4)); e < n && !d.isEmpty(); ++e) {
                const int pos = int(rng.bounded(d.size()));
                if (rng.bounded(2))
                    d[pos] = char(rng.bounded(256));
                else
                    d.truncate(pos);
            }
            inBytes += d.size();
            if (const auto reply = policy.reflect(QStringLiteral("192.0.2.%1:1").arg(i % 50), d, kT, 64, kT)) {
                QVERIFY(reply->size() <= d.size());
                outBytes += reply->size();
            }
            (void)decodeStampReflector(d, StampMode::Authenticated, kKey); // must not crash either
        }
        QVERIFY(outBytes <= inBytes);
        QVERIFY(policy.counters().tooShort > 100 && policy.counters().reflected > 1000);
    }
};

QTEST_GUILESS_MAIN(TstStamp)
#include "tst_stamp.moc"
