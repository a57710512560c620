// SPDX-License-Identifier: GPL-3.0-or-later
// A small RAII wrapper over libmosquitto: one connection, its own network thread, reconnecting by
// itself with backoff, subscriptions renewed on every connect.
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>

struct mosquitto;
struct mosquitto_message;

namespace pathlens::collect {

struct MqttSettings {
    QString host;
    quint16 port = 1883;
    bool tls = false;            // mqtts://
    QString caFile;              // TLS: trust these CAs (default: the system's)
    QString username, password;  // password: from the URL or PATHLENS_BUS_PASSWORD
    QString clientId;
    bool persistentSession = true; // with a client id: the broker keeps our subscription and queues for us
    int keepaliveS = 30;
    struct Will {
        QString topic;
        QByteArray payload;
        bool retain = true;
    };
    std::optional<Will> will; // published by the broker when this client vanishes

    QString display() const; // "mqtt://host:port" without credentials
};

// mqtt://[user[:password]@]host[:port] or mqtts://…; port 1883 (8883 for mqtts) when absent.
core::Result<MqttSettings> parseBusUrl(const QString &url);

// Threading: construct, start() and stop() on one thread; publish()/subscribe() from any thread.
// The callbacks run on libmosquitto's network thread: forward them (queued) to your own.
class MqttClient {
public:
    struct Callbacks {
        std::function<void(bool connected, const QString &reason)> onConnection;
        std::function<void(const QString &topic, const QByteArray &payload, bool retained)> onMessage;
    };
    MqttClient(MqttSettings settings, Callbacks callbacks);
    ~MqttClient(); // stop()
    MqttClient(const MqttClient &) = delete;
    MqttClient &operator=(const MqttClient &) = delete;

    core::Result<void> start();       // connects in the background
    void tick();                      // call about every second: retries a broker that was down at start
    bool downLongerThan(qint64 ms) const; // no connection for that long (from tick()'s point of view)
    void stop();                      // disconnects (no last will) and joins the network thread
    bool connected() const { return m_connected.load(); }
    // QoS 1 (at least once). False when not connected or the payload was refused.
    bool publish(const QString &topic, const QByteArray &payload, bool retain);
    void subscribe(const QString &pattern); // kept, and renewed after each reconnect

private:
    static void onConnect(mosquitto *, void *self, int rc);
    static void onDisconnect(mosquitto *, void *self, int rc);
    static void onMessage(mosquitto *, void *self, const ::mosquitto_message *message);

    bool tryConnect();

    MqttSettings m_settings;
    Callbacks m_callbacks;
    mosquitto *m_mosq = nullptr;
    std::atomic<bool> m_connected{false};
    std::atomic<bool> m_running{false}; // the network thread runs (a first connect got through)
    QElapsedTimer m_nextAttempt;        // since the last failed first connect
    QElapsedTimer m_downFor;            // since tick() last saw no connection (owner's thread only)
    unsigned m_retryDelayS = 0;
    std::mutex m_mutex; // guards m_subscriptions
    QStringList m_subscriptions;
};

} // namespace pathlens::collect
