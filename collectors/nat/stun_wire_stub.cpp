// SPDX-License-Identifier: GPL-3.0-or-later
// StunWire where libnice's STUN library is not wired up yet: builds nothing, parses nothing, so the
// mesh runs on direct paths only.
#include "collectors/nat/stun_wire.h"

namespace pathlens::collect {

struct StunWire::Agent {};
StunWire::StunWire() = default;
StunWire::~StunWire() = default;
bool StunWire::looksLikeStun(QByteArrayView d)
{
    return d.size() >= 20 && (quint8(d[0]) & 0xC0) == 0 && quint8(d[4]) == 0x21 && quint8(d[5]) == 0x12 && quint8(d[6]) == 0xA4
           && quint8(d[7]) == 0x42;
}
QByteArray StunWire::transactionOf(QByteArrayView m) { return m.size() >= 20 ? m.sliced(8, 12).toByteArray() : QByteArray(); }
QByteArray StunWire::bindingRequest(const QString &) { return {}; }
QByteArray StunWire::bindingAnswer(const StunMessageInfo &, const StunEndpoint &, const QString &) { return {}; }
QByteArray StunWire::allocate(const QByteArray &, const QString &, const QString &, int) { return {}; }
QByteArray StunWire::refresh(const QByteArray &, const QString &, const QString &, int) { return {}; }
QByteArray StunWire::createPermission(const QByteArray &, const std::vector<QHostAddress> &, const QString &, const QString &) { return {}; }
QByteArray StunWire::sendIndication(const StunEndpoint &, QByteArrayView) { return {}; }
std::optional<StunMessageInfo> StunWire::parse(QByteArrayView) { return std::nullopt; }

} // namespace pathlens::collect
