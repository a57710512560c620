// SPDX-License-Identifier: GPL-3.0-or-later
// A STAMP Session-Reflector on a UDP port: answers what StampReflectorPolicy allows, stamps T2 with
// the kernel's receive time and T3 as late as possible before the send.
#pragma once

#include "collectors/mesh/stamp_socket.h"
#include "core/mesh/stamp_reflector_policy.h"

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace pathlens::collect {

// Lives on the thread that calls start() (the agent's main thread for `reflect`, a collector
// thread inside `run`); reads until the socket is empty on every notification, at most
// kMaxPerWakeup datagrams, so a flood cannot starve the thread's other work.
class StampReflector : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxPerWakeup = 256;

    StampReflector(quint16 port, core::StampReflectorConfig config, QObject *parent = nullptr);
    ~StampReflector() override;

    core::Result<void> start();
    quint16 port() const;
    const core::StampReflectorCounters &counters() const { return m_policy.counters(); }
    QString timestampMethod() const;

private:
    void readAll();

    quint16 m_port;
    core::StampReflectorPolicy m_policy;
    std::unique_ptr<StampSocket> m_socket;
    QSocketNotifier *m_notifier = nullptr;
    int m_sendWarnings = 0; // send failures logged so far (the first few only)
};

} // namespace pathlens::collect
