// SPDX-License-Identifier: GPL-3.0-or-later
// STAMP wire layouts (RFC 8762 §4.2, §4.3), big-endian.
#include "core/mesh/stamp_packet.h"

#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace pathlens::core {

namespace {
constexpr qint64 kNtpToUnixSeconds = 2'208'988'800; // 1900-01-01 → 1970-01-01

// Field offsets of each layout (RFC 8762 figures 3, 4, 5, 6).
struct SenderLayout {
    int seq, ts, err;
};
struct ReflectorLayout {
    int seq, ts, err, rxTs, senderSeq, senderTs, senderErr, senderTtl;
};
constexpr SenderLayout kSenderUnauth{0, 4, 12};
constexpr SenderLayout kSenderAuth{0, 16, 24};
constexpr ReflectorLayout kReflectorUnauth{0, 4, 12, 16, 24, 28, 36, 40};
constexpr ReflectorLayout kReflectorAuth{0, 16, 24, 32, 48, 64, 72, 80};

void put32(QByteArray &b, int at, quint32 v) { qToBigEndian(v, b.data() + at); }
void put16(QByteArray &b, int at, quint16 v) { qToBigEndian(v, b.data() + at); }
void putTs(QByteArray &b, int at, const NtpTimestamp &t)
{
    put32(b, at, t.seconds);
    put32(b, at + 4, t.fraction);
}
quint32 get32(QByteArrayView b, int at) { return qFromBigEndian<quint32>(b.data() + at); }
quint16 get16(QByteArrayView b, int at) { return qFromBigEndian<quint16>(b.data() + at); }
NtpTimestamp getTs(QByteArrayView b, int at) { return {get32(b, at), get32(b, at + 4)}; }

int minimum(StampMode mode) { return mode == StampMode::Authenticated ? kStampAuthSize : kStampUnauthSize; }

void sign(QByteArray &b, StampMode mode, QByteArrayView key)
{
    if (mode == StampMode::Authenticated)
        b.replace(kStampHmacOffset, kStampHmacSize, stampHmac(QByteArrayView(b).first(kStampHmacOffset), key));
}

// Constant time: a forged packet learns nothing from how long the check took.
bool sameBytes(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    quint8 diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= quint8(a[i]) ^ quint8(b[i]);
    return diff == 0;
}

std::optional<StampDecodeError> check(QByteArrayView d, StampMode mode, QByteArrayView key)
{
    if (d.size() < minimum(mode))
        return StampDecodeError::TooShort;
    if (d.size() > kStampMaxSize)
        return StampDecodeError::TooLong;
    if (mode == StampMode::Authenticated &&
        !sameBytes(stampHmac(d.first(kStampHmacOffset), key), d.sliced(kStampHmacOffset, kStampHmacSize)))
        return StampDecodeError::BadHmac;
    return std::nullopt;
}
} // namespace

NtpTimestamp NtpTimestamp::fromUnixNs(qint64 ns)
{
    const qint64 secs = ns >= 0 ? ns / 1'000'000'000 : (ns - 999'999'999) / 1'000'000'000;
    const qint64 rem = ns - secs * 1'000'000'000;
    NtpTimestamp t;
    t.seconds = quint32(secs + kNtpToUnixSeconds);                    // wraps in 2036, as NTP era 0 does
    t.fraction = quint32((quint64(rem) << 32) / 1'000'000'000ULL);     // rem < 1e9: no overflow in 64 bits
    return t;
}

qint64 NtpTimestamp::toUnixNs() const
{
    // Era 0 only until 2036; timestamps before 1968 (seconds < 2^31) are read as era 1 (after 2036).
    const qint64 secs = qint64(seconds) + (seconds < 0x80000000u ? (qint64(1) << 32) : 0) - kNtpToUnixSeconds;
    return secs * 1'000'000'000 + qint64((quint64(fraction) * 1'000'000'000ULL + (1ULL << 31)) >> 32);
}

quint16 ErrorEstimate::raw() const
{
    return quint16((synchronized ? 0x8000 : 0) | (ptpFormat ? 0x4000 : 0) | ((scale & 0x3f) << 8) | multiplier);
}

ErrorEstimate ErrorEstimate::fromRaw(quint16 raw)
{
    return {bool(raw & 0x8000), bool(raw & 0x4000), quint8((raw >> 8) & 0x3f), quint8(raw & 0xff)};
}

QByteArray stampHmac(QByteArrayView first96, QByteArrayView key)
{
    return QMessageAuthenticationCode::hash(first96.toByteArray(), key.toByteArray(), QCryptographicHash::Sha256)
        .left(kStampHmacSize);
}

QByteArray encodeStampSender(const StampSenderPacket &p, StampMode mode, QByteArrayView key, int size)
{
    const SenderLayout &l = mode == StampMode::Authenticated ? kSenderAuth : kSenderUnauth;
    QByteArray b(std::max(size, minimum(mode)), '\0');
    put32(b, l.seq, p.sequence);
    putTs(b, l.ts, p.timestamp);
    put16(b, l.err, p.error.raw());
    sign(b, mode, key);
    return b;
}

QByteArray encodeStampReflector(const StampReflectorPacket &p, StampMode mode, QByteArrayView key, int size)
{
    const ReflectorLayout &l = mode == StampMode::Authenticated ? kReflectorAuth : kReflectorUnauth;
    QByteArray b(std::max(size, minimum(mode)), '\0');
    put32(b, l.seq, p.sequence);
    putTs(b, l.ts, p.timestamp);
    put16(b, l.err, p.error.raw());
    putTs(b, l.rxTs, p.receiveTimestamp);
    put32(b, l.senderSeq, p.senderSequence);
    putTs(b, l.senderTs, p.senderTimestamp);
    put16(b, l.senderErr, p.senderError.raw());
    b[l.senderTtl] = char(p.senderTtl);
    sign(b, mode, key);
    return b;
}

StampDecoded<StampSenderPacket> decodeStampSender(QByteArrayView d, StampMode mode, QByteArrayView key)
{
    StampDecoded<StampSenderPacket> out;
    if ((out.error = check(d, mode, key)))
        return out;
    const SenderLayout &l = mode == StampMode::Authenticated ? kSenderAuth : kSenderUnauth;
    out.packet = StampSenderPacket{get32(d, l.seq), getTs(d, l.ts), ErrorEstimate::fromRaw(get16(d, l.err))};
    return out;
}

StampDecoded<StampReflectorPacket> decodeStampReflector(QByteArrayView d, StampMode mode, QByteArrayView key)
{
    StampDecoded<StampReflectorPacket> out;
    if ((out.error = check(d, mode, key)))
        return out;
    const ReflectorLayout &l = mode == StampMode::Authenticated ? kReflectorAuth : kReflectorUnauth;
    StampReflectorPacket p;
    p.sequence = get32(d, l.seq);
    p.timestamp = getTs(d, l.ts);
    p.error = ErrorEstimate::fromRaw(get16(d, l.err));
    p.receiveTimestamp = getTs(d, l.rxTs);
    p.senderSequence = get32(d, l.senderSeq);
    p.senderTimestamp = getTs(d, l.senderTs);
    p.senderError = ErrorEstimate::fromRaw(get16(d, l.senderErr));
    p.senderTtl = quint8(d[l.senderTtl]);
    out.packet = p;
    return out;
}

bool isStampReflectorAnswer(QByteArrayView d, StampMode mode)
{
    const ReflectorLayout &l = mode == StampMode::Authenticated ? kReflectorAuth : kReflectorUnauth;
    if (d.size() < minimum(mode))
        return false;
    return get32(d, l.rxTs) != 0 || get32(d, l.rxTs + 4) != 0;
}

} // namespace pathlens::core
