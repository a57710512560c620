// SPDX-License-Identifier: GPL-3.0-or-later
// libmosquitto behind MqttClient.
#include "collectors/fleet/mqtt_client.h"

#include "collectors/os/errno_error.h"

#include <QUrl>

#include <mosquitto.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

namespace pathlens::collect {

namespace {
constexpr int kQos = 1;                 // at least once: mesh rows must not vanish on a flaky link
constexpr unsigned kRetryMinS = 1, kRetryMaxS = 30; // reconnect backoff, doubling (exponential)
constexpr qint64 kStuckMs = 45'000; // longer than libmosquitto's longest backoff: its thread has given up

void libraryInit()
{
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

core::Error mosqError(const QString &what, int rc)
{
    return core::makeError(core::ErrorCode::Io, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(mosquitto_strerror(rc))));
}
} // namespace

QString MqttSettings::display() const
{
    return QStringLiteral("%1://%2:%3").arg(tls ? QStringLiteral("mqtts") : QStringLiteral("mqtt"), host).arg(port);
}

core::Result<MqttSettings> parseBusUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("mqtt") && scheme != QLatin1String("mqtts")) || url.host().isEmpty()
        || (!url.path().isEmpty() && url.path() != QLatin1String("/")))
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("'%1' is not a fleet bus address").arg(text),
                               QStringLiteral("use mqtt://HOST:PORT or mqtts://HOST:PORT (e.g. mqtt://10.0.0.5:1883)"));
    MqttSettings s;
    s.tls = scheme == QLatin1String("mqtts");
    s.host = url.host();
    const int port = url.port(s.tls ? 8883 : 1883);
    if (port < 1 || port > 65535)
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("bad port in '%1'").arg(text));
    s.port = quint16(port);
    s.username = url.userName();
    s.password = url.password();
    if (s.password.isEmpty())
        s.password = qEnvironmentVariable("PATHLENS_BUS_PASSWORD");
    return s;
}

MqttClient::MqttClient(MqttSettings settings, Callbacks callbacks)
    : m_settings(std::move(settings)), m_callbacks(std::move(callbacks))
{
}

MqttClient::~MqttClient()
{
    stop();
}

core::Result<void> MqttClient::start()
{
    libraryInit();
    const QByteArray id = m_settings.clientId.toUtf8();
    // A persistent session (clean_session false) when the client has a stable id: the broker keeps its
    // subscription and queues QoS 1 messages while it is away, so it catches up on return.
    m_mosq = mosquitto_new(id.isEmpty() ? nullptr : id.constData(), id.isEmpty() || !m_settings.persistentSession, this);
    if (!m_mosq)
        return core::makeError(core::ErrorCode::Internal, QStringLiteral("cannot create an MQTT client"));
    mosquitto_int_option(m_mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_connect_callback_set(m_mosq, &MqttClient::onConnect);
    mosquitto_disconnect_callback_set(m_mosq, &MqttClient::onDisconnect);
    mosquitto_message_callback_set(m_mosq, &MqttClient::onMessage);
    mosquitto_reconnect_delay_set(m_mosq, kRetryMinS, kRetryMaxS, true);
    if (!m_settings.username.isEmpty()) {
        const QByteArray u = m_settings.username.toUtf8(), p = m_settings.password.toUtf8();
        if (int rc = mosquitto_username_pw_set(m_mosq, u.constData(), p.isEmpty() ? nullptr : p.constData()); rc != MOSQ_ERR_SUCCESS)
            return mosqError(QStringLiteral("fleet bus user name"), rc);
    }
    if (m_settings.tls) {
        const QByteArray ca = m_settings.caFile.toLocal8Bit();
        const char *caPath = ca.isEmpty() ? "/etc/ssl/certs" : nullptr;
        if (int rc = mosquitto_tls_set(m_mosq, ca.isEmpty() ? nullptr : ca.constData(), caPath, nullptr, nullptr, nullptr);
            rc != MOSQ_ERR_SUCCESS)
            return core::makeError(core::ErrorCode::InvalidInput,
                                   QStringLiteral("fleet bus TLS: %1").arg(QString::fromUtf8(mosquitto_strerror(rc))),
                                   QStringLiteral("check --bus-ca (a readable PEM file)"));
    }
    if (m_settings.will) {
        const QByteArray topic = m_settings.will->topic.toUtf8();
        if (int rc = mosquitto_will_set(m_mosq, topic.constData(), int(m_settings.will->payload.size()),
                                        m_settings.will->payload.constData(), kQos, m_settings.will->retain);
            rc != MOSQ_ERR_SUCCESS)
            return mosqError(QStringLiteral("fleet bus last will"), rc);
    }
    m_nextAttempt.start();
    tryConnect();
    return {};
}

bool MqttClient::tryConnect()
{
    // libmosquitto's network thread reconnects by itself once a connection was made, but not after
    // a first attempt that failed at once (a broker that is down when the agent starts): those
    // attempts are ours, from tick(), until one gets through.
    const QByteArray host = m_settings.host.toUtf8();
    const int rc = mosquitto_connect_async(m_mosq, host.constData(), m_settings.port, m_settings.keepaliveS);
    if (rc != MOSQ_ERR_SUCCESS) {
        m_retryDelayS = m_retryDelayS == 0 ? kRetryMinS : std::min(kRetryMaxS, m_retryDelayS * 2);
        m_nextAttempt.start();
        if (m_callbacks.onConnection)
            m_callbacks.onConnection(false, rc == MOSQ_ERR_ERRNO ? errnoText(errno)
                                                                 : QString::fromUtf8(mosquitto_strerror(rc)));
        return false;
    }
    if (int lrc = mosquitto_loop_start(m_mosq); lrc != MOSQ_ERR_SUCCESS) {
        if (m_callbacks.onConnection)
            m_callbacks.onConnection(false, QString::fromUtf8(mosquitto_strerror(lrc)));
        return false;
    }
    m_running = true;
    return true;
}

void MqttClient::tick()
{
    if (!m_mosq)
        return;
    if (m_connected) {
        m_downFor.invalidate();
        return;
    }
    if (!m_downFor.isValid())
        m_downFor.start();
    // A refused TLS handshake ends libmosquitto's network thread without a word: after a while
    // without a connection the thread is restarted, and the attempts go on from here.
    if (m_running && m_downFor.elapsed() > kStuckMs) {
        mosquitto_loop_stop(m_mosq, true);
        m_running = false;
        m_downFor.start();
        m_nextAttempt.start();
    }
    if (!m_running && m_nextAttempt.isValid() && m_nextAttempt.elapsed() >= qint64(m_retryDelayS) * 1000)
        tryConnect();
}

bool MqttClient::downLongerThan(qint64 ms) const
{
    return !m_connected && m_downFor.isValid() && m_downFor.elapsed() > ms;
}

void MqttClient::stop()
{
    if (!m_mosq)
        return;
    if (m_running.exchange(false)) {
        // Connected: DISCONNECT goes out after what is queued (a goodbye, the last mesh rows) and the
        // thread ends by itself. Not connected: nothing to lose, and the thread may be sleeping
        // between reconnects, so it is cancelled.
        const bool wasConnected = m_connected.load();
        mosquitto_disconnect(m_mosq);
        mosquitto_loop_stop(m_mosq, !wasConnected);
    }
    mosquitto_destroy(m_mosq);
    m_mosq = nullptr;
    m_connected = false;
}

bool MqttClient::publish(const QString &topic, const QByteArray &payload, bool retain)
{
    if (!m_mosq || !m_connected)
        return false;
    const QByteArray t = topic.toUtf8();
    return mosquitto_publish(m_mosq, nullptr, t.constData(), int(payload.size()), payload.constData(), kQos, retain)
           == MOSQ_ERR_SUCCESS;
}

void MqttClient::subscribe(const QString &pattern)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_subscriptions.contains(pattern))
            m_subscriptions << pattern;
    }
    if (m_mosq && m_connected) {
        const QByteArray p = pattern.toUtf8();
        mosquitto_subscribe(m_mosq, nullptr, p.constData(), kQos);
    }
}

void MqttClient::onConnect(mosquitto *mosq, void *self, int rc)
{
    auto *c = static_cast<MqttClient *>(self);
    if (rc != 0) { // refused: bad credentials, not authorised, …
        c->m_connected = false;
        if (c->m_callbacks.onConnection)
            c->m_callbacks.onConnection(false, QString::fromUtf8(mosquitto_connack_string(rc)));
        return;
    }
    QStringList subs;
    {
        std::lock_guard lock(c->m_mutex);
        subs = c->m_subscriptions;
    }
    for (const QString &s : subs) {
        const QByteArray p = s.toUtf8();
        mosquitto_subscribe(mosq, nullptr, p.constData(), kQos);
    }
    c->m_connected = true;
    if (c->m_callbacks.onConnection)
        c->m_callbacks.onConnection(true, {});
}

void MqttClient::onDisconnect(mosquitto *, void *self, int rc)
{
    auto *c = static_cast<MqttClient *>(self);
    c->m_connected = false;
    // Also when the link never came up (a TLS handshake refused): the owner says it once.
    if (rc != 0 && c->m_callbacks.onConnection)
        c->m_callbacks.onConnection(false, QString::fromUtf8(mosquitto_strerror(rc)));
}

void MqttClient::onMessage(mosquitto *, void *self, const mosquitto_message *m)
{
    auto *c = static_cast<MqttClient *>(self);
    if (c->m_callbacks.onMessage && m && m->topic)
        c->m_callbacks.onMessage(QString::fromUtf8(m->topic),
                                 QByteArray(static_cast<const char *>(m->payload), m->payloadlen), m->retain);
}

} // namespace pathlens::collect
