// SPDX-License-Identifier: GPL-3.0-or-later
// fleet_devices columns: who, where, the verdict; the reflector port in notes.
#include "core/store/fleet_rows.h"

#include "core/base/notes_codec.h"

namespace pathlens::core {

Row fleetDeviceToRow(const FleetDevice &d)
{
    Row row = Row::blank(Table::FleetDevices);
    row.set("ts_us", d.utcUs);
    row.set("device_id", d.id);
    row.set("name", d.name);
    row.set("addresses", d.addresses.join(QLatin1Char(' ')));
    if (d.grade != Grade::Ungraded)
        row.set("grade", gradeName(d.grade));
    if (d.medianRttMs)
        row.set("median_rtt_ms", *d.medianRttMs);
    if (d.retransPct)
        row.set("retrans_pct", *d.retransPct);
    // A hello row has `online`, a verdict row `sessions`; a merged device has both.
    if (d.hasVerdict)
        row.set("sessions", d.sessions);
    if (d.hasHello)
        row.set("online", d.online ? 1 : 0);
    if (d.reflectorPort) {
        Notes n;
        n.set(QStringLiteral("reflector_port"), QString::number(d.reflectorPort));
        row.set("notes", n.toString());
    }
    return row;
}

FleetDevice fleetDeviceFromRow(const Row &row)
{
    FleetDevice d;
    d.utcUs = row.get("ts_us").toLongLong();
    d.id = row.get("device_id").toString();
    d.name = row.get("name").toString();
    d.addresses = row.get("addresses").toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    d.grade = gradeFromName(row.get("grade").toString()).value_or(Grade::Ungraded);
    if (!row.get("median_rtt_ms").isNull())
        d.medianRttMs = row.get("median_rtt_ms").toDouble();
    if (!row.get("retrans_pct").isNull())
        d.retransPct = row.get("retrans_pct").toDouble();
    d.hasVerdict = !row.get("sessions").isNull();
    d.sessions = row.get("sessions").toInt();
    d.hasHello = !row.get("online").isNull();
    d.online = !d.hasHello || row.get("online").toInt() != 0;
    const Notes n = Notes::parse(row.get("notes").toString()).value_or(Notes());
    d.reflectorPort = quint16(n.value(QStringLiteral("reflector_port")).value_or(QStringLiteral("0")).toUInt());
    return d;
}

} // namespace pathlens::core
