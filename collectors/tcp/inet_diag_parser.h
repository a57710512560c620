// SPDX-License-Identifier: GPL-3.0-or-later
// Pure parser of NETLINK_SOCK_DIAG inet_diag replies (dumps and destroy notifications) into readings.
#pragma once

#include "core/base/result.h"
#include "core/passive/tcp_socket_reading.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pathlens::collect {

// The kernel ABI this parser reads, written out here so the parser compiles on any OS and needs no
// <linux/...> header. Every value is from include/uapi/linux/{netlink,inet_diag,sock_diag,tcp}.h;
// tcp_dump_source_linux.cpp static_asserts them against the real headers where they exist.
namespace inet_diag_abi {
inline constexpr std::size_t kNlmsgHdrLen = 16;   // struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32
inline constexpr std::size_t kNlmsgAlign = 4;     // NLMSG_ALIGNTO
inline constexpr std::uint16_t kNlmsgNoop = 1;    // NLMSG_NOOP
inline constexpr std::uint16_t kNlmsgError = 2;   // NLMSG_ERROR: payload int error (+ offending header)
inline constexpr std::uint16_t kNlmsgDone = 3;    // NLMSG_DONE: payload int (0 or -errno)
inline constexpr std::uint16_t kNlmsgOverrun = 4; // NLMSG_OVERRUN
inline constexpr std::uint16_t kSockDiagByFamily = 20; // SOCK_DIAG_BY_FAMILY (dump replies and destroy events)
inline constexpr std::uint16_t kTcpDiagGetSock = 18;   // TCPDIAG_GETSOCK: replies to the older, any-family request

// struct inet_diag_msg (72 bytes since Linux 2.6.x; unchanged since)
inline constexpr std::size_t kDiagMsgLen = 72;
inline constexpr std::size_t kDiagFamily = 0;   // u8 AF_INET(2) / AF_INET6(10)
inline constexpr std::size_t kDiagState = 1;    // u8 TCP state
inline constexpr std::size_t kDiagSport = 4;    // be16 (inet_diag_sockid starts at 4)
inline constexpr std::size_t kDiagDport = 6;    // be16
inline constexpr std::size_t kDiagSrc = 8;      // be32[4]
inline constexpr std::size_t kDiagDst = 24;     // be32[4]
inline constexpr std::size_t kDiagCookie = 44;  // u32[2], low word first (as ss prints it)
inline constexpr std::size_t kDiagUid = 64;     // u32 (unused: owners come from /proc)
inline constexpr std::size_t kDiagInode = 68;   // u32, 0 once the socket is orphaned
inline constexpr std::uint8_t kAfInet = 2;      // AF_INET
inline constexpr std::uint8_t kAfInet6 = 10;    // AF_INET6 (Linux value; the dump is Linux-only)

// struct rtattr: len u16, type u16, RTA_ALIGNTO 4
inline constexpr std::size_t kRtaHdrLen = 4;
inline constexpr std::uint16_t kInetDiagInfo = 2; // INET_DIAG_INFO: struct tcp_info

// struct tcp_info field offsets and the kernel that added them. A shorter tcp_info (older
// kernel) simply lacks the later fields; they stay nullopt.
inline constexpr std::size_t kTcpiRtt = 68;           // u32 µs smoothed RTT          (2.6.x)
inline constexpr std::size_t kTcpiRttVar = 72;        // u32 µs                       (2.6.x)
inline constexpr std::size_t kTcpiTotalRetrans = 100; // u32 segments                 (2.6.x; base struct is 104 bytes)
inline constexpr std::size_t kTcpiBytesAcked = 120;   // u64                          (4.1)
inline constexpr std::size_t kTcpiBytesReceived = 128;// u64                          (4.1)
inline constexpr std::size_t kTcpiSegsOut = 136;      // u32                          (4.2)
inline constexpr std::size_t kTcpiMinRtt = 148;       // u32 µs, ~0u when unknown     (4.6)
inline constexpr std::size_t kTcpiDeliveryRate = 160; // u64 bytes/s                  (4.9)
inline constexpr std::size_t kTcpiMinLen = 104;       // without tcpi_total_retrans the reading is useless
} // namespace inet_diag_abi

// Result of parsing one receive buffer (or several concatenated ones).
struct InetDiagParse {
    std::vector<core::TcpSocketReading> readings;
    int doneCount = 0;      // NLMSG_DONE messages seen (one per completed family dump)
    int withoutInfo = 0;    // sockets the kernel sent without INET_DIAG_INFO (skipped)
};

// Parses netlink messages of type SOCK_DIAG_BY_FAMILY; NLMSG_NOOP is skipped, NLMSG_DONE counted,
// NLMSG_ERROR with a non-zero code, NLMSG_OVERRUN, truncated or malformed messages are errors
// (never a crash, never a read outside `bytes`). Owner and time fields are left to the caller.
core::Result<InetDiagParse> parseInetDiag(QByteArrayView bytes);

// The live poll's variant: parses into `out` (its vector's capacity is reused from poll to poll)
// and, unless `formatAddresses`, leaves localAddr/remoteAddr empty (raw endpoints are always set;
// formatEndpoints() fills the text later for the readings that need it). On error `out` holds
// what was parsed before the error.
core::Result<void> parseInetDiagInto(QByteArrayView bytes, InetDiagParse &out, bool formatAddresses);

// Fills localAddr/remoteAddr from the raw endpoints if they are still empty.
void formatEndpoints(core::TcpSocketReading &r);

// "192.0.2.1:443" or "[2001:db8::1]:443" from a raw network-order address (4 or 16 bytes).
QString formatEndpoint(bool ipv6, const std::uint8_t *addr, std::uint16_t port);

} // namespace pathlens::collect
