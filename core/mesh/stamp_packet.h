// SPDX-License-Identifier: GPL-3.0-or-later
// STAMP (RFC 8762) test packets as values, and their wire layouts: Session-Sender and
// Session-Reflector, unauthenticated (44 octets) and authenticated (112 octets, HMAC-SHA-256
// truncated to 16 octets over the 96 octets before it). Pure: no sockets, no clocks.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace pathlens::core {

inline constexpr quint16 kStampDefaultPort = 862; // RFC 8762 §4.1 (IANA)
inline constexpr int kStampUnauthSize = 44;        // RFC 8762 §4.2.1, §4.3.1
inline constexpr int kStampAuthSize = 112;         // RFC 8762 §4.2.2, §4.3.2
inline constexpr int kStampHmacOffset = 96;        // the HMAC covers everything before it
inline constexpr int kStampHmacSize = 16;          // HMAC-SHA-256 truncated to 128 bits
inline constexpr int kStampMaxSize = 9000;         // a jumbo frame's payload: larger is not a test packet

enum class StampMode { Unauthenticated, Authenticated };

// NTP 64-bit timestamp (RFC 5905): seconds since 1900 and a binary fraction.
struct NtpTimestamp {
    quint32 seconds = 0, fraction = 0;
    static NtpTimestamp fromUnixNs(qint64 ns);
    qint64 toUnixNs() const;
    quint64 raw() const { return (quint64(seconds) << 32) | fraction; }
    bool operator==(const NtpTimestamp &) const = default;
};

// RFC 4656 §4.1.2: S (clock synchronised to UTC externally), Z (0: NTP format), scale, multiplier;
// error = multiplier × 2^(scale − 32) s.
struct ErrorEstimate {
    bool synchronized = false; // we claim no external synchronisation: our delays never need it
    bool ptpFormat = false;
    quint8 scale = 0;
    quint8 multiplier = 1;     // RFC 4656: must not be 0
    quint16 raw() const;
    static ErrorEstimate fromRaw(quint16 raw);
    bool operator==(const ErrorEstimate &) const = default;
};

struct StampSenderPacket {
    quint32 sequence = 0;
    NtpTimestamp timestamp;    // T1 as written by the sender
    ErrorEstimate error;
};

struct StampReflectorPacket {
    quint32 sequence = 0;          // the reflector's own (stateful) or the sender's (stateless)
    NtpTimestamp timestamp;        // T3: when the reflector sent it
    ErrorEstimate error;
    NtpTimestamp receiveTimestamp; // T2: when the reflector received the sender's packet
    quint32 senderSequence = 0;
    NtpTimestamp senderTimestamp;  // T1 copied back
    ErrorEstimate senderError;
    quint8 senderTtl = 0;          // TTL / hop limit the sender's packet arrived with
};

enum class StampDecodeError { TooShort, TooLong, BadHmac };

template <typename T>
struct StampDecoded {
    std::optional<T> packet;
    std::optional<StampDecodeError> error;
    explicit operator bool() const { return packet.has_value(); }
};

// `size`: the datagram length to produce, at least the mode's minimum (longer = zero padding, as a
// sender may pad to test larger packets). `key` is used in authenticated mode only.
QByteArray encodeStampSender(const StampSenderPacket &p, StampMode mode, QByteArrayView key = {}, int size = 0);
QByteArray encodeStampReflector(const StampReflectorPacket &p, StampMode mode, QByteArrayView key = {}, int size = 0);

// MBZ fields are not checked on decode (RFC 8762 §4.2: a receiver ignores them; RFC 8972 puts
// extensions there); the HMAC is, in authenticated mode, in constant time.
StampDecoded<StampSenderPacket> decodeStampSender(QByteArrayView datagram, StampMode mode, QByteArrayView key = {});
StampDecoded<StampReflectorPacket> decodeStampReflector(QByteArrayView datagram, StampMode mode, QByteArrayView key = {});
// A reflector's answer carries its receive timestamp where a sender packet has MBZ zeros: how one
// socket that both sends and reflects (the mesh endpoint) tells an answer from a peer's test packet.
bool isStampReflectorAnswer(QByteArrayView datagram, StampMode mode);

// HMAC-SHA-256 of the first 96 octets, truncated to 16.
QByteArray stampHmac(QByteArrayView first96, QByteArrayView key);

} // namespace pathlens::core
