// SPDX-License-Identifier: GPL-3.0-or-later
// One device of a fleet as its agent last described itself on the fleet bus: who it is, where it
// answers STAMP, and its device verdict (SPEC §1 fleet roll-up).
#pragma once

#include "core/base/time_utc.h"
#include "core/passive/grading.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace pathlens::core {

struct FleetDevice {
    TimestampUs utcUs = 0;       // when its agent sent this report (a last will: when it connected)
    QString id;                  // stable agent id (unique in the fleet)
    QString name;                // what people call it ("berlin-office")
    QStringList addresses;       // where its reflector answers, preferred first
    quint16 reflectorPort = 0;   // 0 = it runs no reflector
    bool online = true;          // false once the broker delivered its last will
    QString instance;            // random per agent run (hello only): two agents with one name differ here
    QString reflected;           // "ip:port" of its mesh socket as its STUN server sees it (NAT ladder)
    QString relay;               // "ip:port" of its TURN allocation
    Grade grade = Grade::Ungraded;
    std::optional<double> medianRttMs, retransPct; // absent until its verdict is graded
    int sessions = 0;
    // Which parts this value carries: a hello (who and where, online) or a verdict, or both once
    // the ranking merged them.
    bool hasHello = false, hasVerdict = false;
};

// "Punch at this moment": one agent asks a peer to fire its hole punch at the same time (issue 12).
struct FleetPunchInvite {
    TimestampUs utcUs = 0;
    QString from, to;     // agent names
    QString reflected;    // the inviter's "ip:port"
    TimestampUs atUtcUs = 0;
};

} // namespace pathlens::core
