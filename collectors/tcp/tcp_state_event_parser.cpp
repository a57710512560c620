// SPDX-License-Identifier: GPL-3.0-or-later
// Bounds-checked reading of inet_sock_set_state tracepoint records, no OS headers.
#include "tcp_state_event_parser.h"

#include "inet_diag_parser.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <cstring>

namespace pathlens::collect {

namespace {
constexpr int kIpProtoTcp = 6;  // IPPROTO_TCP
constexpr int kAfInet6 = 10;    // AF_INET6 on Linux, the only kernel with this tracepoint

template <typename T>
T load(const char *p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
} // namespace

core::Result<StateTracepointLayout> parseStateTracepointFormat(QByteArrayView formatText)
{
    // Lines look like: "\tfield:__u16 sport;\toffset:24;\tsize:2;\tsigned:0;"
    QHash<QByteArray, QPair<std::size_t, std::size_t>> fields;
    for (const QByteArray &raw : QByteArray(formatText.data(), formatText.size()).split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.startsWith("field:"))
            continue;
        const QList<QByteArray> parts = line.split(';');
        if (parts.size() < 3)
            continue;
        QByteArray decl = parts[0].mid(6).trimmed();
        if (const int bracket = decl.indexOf('['); bracket >= 0)
            decl.truncate(bracket);
        const QByteArray name = decl.mid(decl.lastIndexOf(' ') + 1).replace('*', "");
        bool okOff = false, okSize = false;
        const std::size_t off = parts[1].trimmed().mid(7).toULongLong(&okOff);  // "offset:N"
        const std::size_t size = parts[2].trimmed().mid(5).toULongLong(&okSize); // "size:N"
        if (okOff && okSize && off < 4096 && size <= 64)
            fields.insert(name, {off, size});
    }
    StateTracepointLayout l;
    const struct {
        const char *name;
        std::size_t *slot;
        std::size_t size;
    } wanted[] = {{"skaddr", &l.skaddr, 8},  {"oldstate", &l.oldstate, 4}, {"newstate", &l.newstate, 4},
                  {"sport", &l.sport, 2},    {"dport", &l.dport, 2},       {"family", &l.family, 2},
                  {"protocol", &l.protocol, 2}, {"saddr", &l.saddr, 4},    {"daddr", &l.daddr, 4},
                  {"saddr_v6", &l.saddrV6, 16}, {"daddr_v6", &l.daddrV6, 16}};
    for (const auto &w : wanted) {
        const auto it = fields.constFind(w.name);
        if (it == fields.cend() || it->second != w.size)
            return core::makeError(core::ErrorCode::Unsupported,
                                   QStringLiteral("inet_sock_set_state has no %1 field of %2 bytes").arg(w.name).arg(w.size),
                                   QStringLiteral("sessions start at first sight on this kernel"));
        *w.slot = it->first;
        l.minSize = std::max(l.minSize, it->first + w.size);
    }
    return l;
}

std::optional<TcpStateChange> parseStateChange(const StateTracepointLayout &l, QByteArrayView raw, qint64 monoUs,
                                               qint64 pid)
{
    if (l.minSize == 0 || std::size_t(raw.size()) < l.minSize)
        return std::nullopt;
    const char *p = raw.data();
    if (load<quint16>(p + l.protocol) != kIpProtoTcp)
        return std::nullopt;
    const bool v6 = load<quint16>(p + l.family) == kAfInet6;
    TcpStateChange c;
    c.skaddr = load<quint64>(p + l.skaddr);
    c.oldState = load<qint32>(p + l.oldstate);
    c.newState = load<qint32>(p + l.newstate);
    // sport/dport are stored in host order by the tracepoint (ntohs in TP_fast_assign).
    const auto *s = reinterpret_cast<const std::uint8_t *>(p + (v6 ? l.saddrV6 : l.saddr));
    const auto *d = reinterpret_cast<const std::uint8_t *>(p + (v6 ? l.daddrV6 : l.daddr));
    c.localAddr = formatEndpoint(v6, s, load<quint16>(p + l.sport));
    c.remoteAddr = formatEndpoint(v6, d, load<quint16>(p + l.dport));
    c.monoUs = monoUs;
    c.pid = pid;
    return c;
}

} // namespace pathlens::collect
