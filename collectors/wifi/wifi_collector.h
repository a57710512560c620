// SPDX-License-Identifier: GPL-3.0-or-later
// Wi-Fi collector (SPEC §3): one nl80211 reading per station interface every 10 s, as wifi_samples rows.
#pragma once

#include "collectors/host/collector.h"
#include "collectors/wifi/wifi_replay_source.h"

#include <QStringList>

#include <memory>

class QTimer;

namespace pathlens::collect {

class WifiSource;

struct WifiCollectorOptions {
    int pollIntervalMs = 10'000;  // SPEC §3: every 10 s
    int idleRecheckMs = 60'000;   // no Wi-Fi interface: looked for again once a minute (a USB adapter may appear)
    QStringList replay;           // non-empty: saved polls (files, or folders of *.bin) instead of the kernel
    WifiReplayClock replayClock; // tests: replayed readings stamped on a virtual clock
};

// Owned by CollectorHost; runs on its own QThread (the source and timer are created in start() on
// that thread; stop() stops the timer; the destructor closes the netlink socket). Each poll it
// records one reading per station-mode interface, connected or not (a disconnect is read from the
// readings downstream, as are roams and PHY-mode drops: it derives no events itself). With no
// nl80211 or no station interface it reports idle ("no Wi-Fi interface") once, looks again every
// idleRecheckMs, and says nothing more until that changes: never a failure, never a restart. Replay
// mode stops by itself after the last file (replayFinished()).
class WifiCollector : public Collector {
    Q_OBJECT
public:
    explicit WifiCollector(WifiCollectorOptions options);
    ~WifiCollector() override;

    QString name() const override { return QStringLiteral("wifi"); }
    core::Result<void> checkSupported() const override;

    static QString idleNote() { return QStringLiteral("no Wi-Fi interface"); }

public slots:
    void start() override;
    void stop() override;
    void poll(); // one poll; public so tests can step a replay without a timer

signals:
    void replayFinished(quint64 runId);

private:
    // Not-connected readings for the interfaces of the last poll that are not in `present`.
    std::vector<core::Row> vanished(const QStringList &present, core::TimestampUs utcUs) const;
    void goIdle(const QString &why);
    void goActive(const QStringList &interfaces);
    void setInterval(int ms);
    void fail(const core::Error &error);

    enum class Seen { Nothing, Idle, Active };

    WifiCollectorOptions m_options;
    std::unique_ptr<WifiSource> m_source;
    WifiReplaySource *m_replay = nullptr; // m_source when replaying
    QTimer *m_timer = nullptr;
    Seen m_seen = Seen::Nothing;
    QString m_idleWhy;
    QStringList m_interfaces; // station interfaces of the last poll, by name
    bool m_failed = false;
};

} // namespace pathlens::collect
