// SPDX-License-Identifier: GPL-3.0-or-later
// Watches network interfaces and records link up/down and address changes as capture events.
#pragma once

#include "collectors/host/collector.h"
#include "core/base/time_utc.h"

#include <QMap>
#include <QStringList>

class QTimer;

namespace pathlens::collect {

// Owned by CollectorHost; runs on its own thread. Polls Qt's portable interface list (no OS
// headers, no privilege) every kPollMs and publishes one Event row per change. It does not decide
// what a change means for the probes; later collectors read the events.
class LinkMonitor : public Collector {
    Q_OBJECT
public:
    static constexpr int kPollMs = 2000; // link changes matter to users within seconds, not ms

    struct InterfaceState {
        bool up = false;
        QStringList addresses;
        bool operator==(const InterfaceState &) const = default;
    };
    using Snapshot = QMap<QString, InterfaceState>;

    QString name() const override { return QStringLiteral("link"); }

    // Pure: the events that turn `before` into `after` (tested without any interfaces).
    static std::vector<core::Row> diff(const Snapshot &before, const Snapshot &after, core::TimestampUs ts);
    static Snapshot currentSnapshot();

public slots:
    void start() override;
    void stop() override;

private:
    void poll();

    QTimer *m_timer = nullptr;
    Snapshot m_last;
};

} // namespace pathlens::collect
