// SPDX-License-Identifier: GPL-3.0-or-later
// The agent's always-on STAMP Session-Reflector as a collector: peers (and any RFC 8762 sender) can
// measure to this agent. Records what it could not do (a port it may not bind) as an event and
// stays idle instead of retrying; records its counters when stopped.
#pragma once

#include "collectors/host/collector.h"
#include "core/mesh/stamp_reflector_policy.h"

namespace pathlens::collect {

class StampReflector;

class ReflectorCollector : public Collector {
    Q_OBJECT
public:
    ReflectorCollector(quint16 port, core::StampReflectorConfig config);
    ~ReflectorCollector() override;
    QString name() const override { return QStringLiteral("reflector"); }

public slots:
    void start() override;
    void stop() override;

private:
    quint16 m_port;
    core::StampReflectorConfig m_config;
    StampReflector *m_reflector = nullptr; // child, created on the worker thread
};

} // namespace pathlens::collect
