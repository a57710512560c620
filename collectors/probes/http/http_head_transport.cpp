// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP HEAD probes: DNS, TCP connect, TLS handshake and request→first-byte times, keep-alive reuse, proxy headers.
#include "http_head_transport.h"

#include "collectors/probes/tcp_handshake_rtt.h"
#include "core/base/notes_codec.h"
#include "http_response_head.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QUrl>

#include <chrono>

namespace pathlens::collect {

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString ms(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 3);
}

// Response headers worth keeping: they reveal proxies and caches on the path (SPEC §2).
const char *const kKeptHeaders[] = {"via", "x-cache", "x-cache-hits", "x-forwarded-for", "server"};
constexpr int kMaxHeaderValueChars = 200; // a note, not a log: long cookies or lists are cut

// Errors a pinned certificate may override: they all say "no trusted issuer". Expiry, a name
// mismatch or revocation are never overridden.
bool pinOverridable(QSslError::SslError e)
{
    switch (e) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}

QString protocolName(QSsl::SslProtocol p)
{
    switch (p) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    default:
        return QStringLiteral("other");
    }
}

QString socketErrorNote(QAbstractSocket::SocketError e, const QString &text)
{
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("refused");
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("closed");
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("unreachable: ") + text;
    case QAbstractSocket::SslHandshakeFailedError:
        return QStringLiteral("tls");
    default:
        return text;
    }
}

// Owned by one probe loop; every object lives on the probe thread and runs from its event loop.
// A probe takes an idle keep-alive connection when there is one (it then times only its request),
// otherwise opens a new one: resolve (a name, on a lookup thread), connect, TLS, request. Phases
// are stamped on a monotonic clock as each event arrives. Knows nothing of schedules or timeouts:
// the scheduler calls forget() and the connection is dropped.
class HttpHeadTransport final : public ProbeTransport {
public:
    HttpHeadTransport(QUrl url, QSslConfiguration tls, QList<QByteArray> pins, SystemLookupFn lookup)
        : m_url(std::move(url)), m_https(m_url.scheme() == QLatin1String("https")), m_tls(std::move(tls)),
          m_pins(std::move(pins)), m_lookup(std::move(lookup))
    {
        m_port = quint16(m_url.port(m_https ? 443 : 80));
        m_host = m_url.host();
        QString path = m_url.path(QUrl::FullyEncoded);
        if (path.isEmpty())
            path = QStringLiteral("/");
        if (m_url.hasQuery())
            path += QLatin1Char('?') + m_url.query(QUrl::FullyEncoded);
        const bool defaultPort = m_port == (m_https ? 443 : 80);
        const QString hostHeader =
            (m_host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host) +
            (defaultPort ? QString() : QStringLiteral(":%1").arg(m_port));
        m_request = QStringLiteral("HEAD %1 HTTP/1.1\r\nHost: %2\r\nUser-Agent: pathlens-probe\r\nAccept: */*\r\n"
                                   "Connection: keep-alive\r\n\r\n")
                        .arg(path, hostHeader)
                        .toLatin1();
        m_literal.setAddress(m_host);
    }

    ~HttpHeadTransport() override
    {
        for (auto &c : m_conns)
            dispose(*c);
    }

    core::Result<void> send(quint64 token) override
    {
        // Kept connections the server has half-closed are of no use: make room before counting.
        std::vector<Conn *> stale;
        for (auto &c : m_conns)
            if (c->phase == Phase::Idle && c->socket->state() != QAbstractSocket::ConnectedState)
                stale.push_back(c.get());
        for (Conn *c : stale)
            drop(c);
        for (auto &c : m_conns) {
            if (c->phase == Phase::Idle && c->socket->state() == QAbstractSocket::ConnectedState) {
                c->token = token;
                c->reused = true;
                c->retried = false; // per probe: this one may retry once too
                c->startNs = nowNs();
                c->dnsNs = c->connectNs = c->tlsNs = -1;
                c->kernelConnectMs.reset();
                request(*c);
                return {};
            }
        }
        if (int(m_conns.size()) >= kMaxHttpConnections)
            return core::makeError(core::ErrorCode::Io, QStringLiteral("all %1 connections to %2 are still busy")
                                                            .arg(kMaxHttpConnections)
                                                            .arg(m_url.toString()));
        open(token, false);
        return {};
    }

    void poll(std::vector<ProbeCompletion> &out) override
    {
        out.insert(out.end(), m_done.begin(), m_done.end());
        m_done.clear();
    }

    void forget(quint64 token) override
    {
        for (auto &c : m_conns)
            if (c->phase != Phase::Idle && c->token == token) {
                drop(c.get()); // its answer may still come: the connection cannot be reused
                return;
            }
    }

    QString mode() const override { return m_https ? QStringLiteral("https") : QStringLiteral("http"); }
    void setWakeUp(std::function<void()> wake) override { m_wake = std::move(wake); }

private:
    enum class Phase { Resolving, Connecting, Handshaking, Waiting, Idle };
    struct Conn {
        int id = 0;
        QSslSocket *socket = nullptr; // owned; deleteLater (we may be inside its signal)
        Phase phase = Phase::Resolving;
        quint64 token = 0;
        bool reused = false, retried = false;
        qint64 startNs = 0, phaseStartNs = 0, requestNs = 0, firstByteNs = -1;
        qint64 dnsNs = -1, connectNs = -1, tlsNs = -1; // -1: not part of this probe
        std::optional<double> kernelConnectMs;         // the kernel's handshake RTT (wins over connectNs)
        QString address, tlsError;
        QByteArray buffer;
    };

    void open(quint64 token, bool retried)
    {
        auto conn = std::make_unique<Conn>();
        Conn *c = conn.get();
        c->id = ++m_connSerial;
        c->token = token;
        c->retried = retried;
        c->startNs = c->phaseStartNs = nowNs();
        c->socket = new QSslSocket;
        c->socket->setProxy(QNetworkProxy::NoProxy); // the path itself, not a configured proxy
        if (m_https) {
            c->socket->setSslConfiguration(m_tls);
            c->socket->setPeerVerifyName(m_host);
            c->socket->setPeerVerifyMode(QSslSocket::VerifyPeer);
        }
        QObject::connect(c->socket, &QAbstractSocket::connected, c->socket, [this, c] { onConnected(c); });
        QObject::connect(c->socket, &QSslSocket::encrypted, c->socket, [this, c] { onEncrypted(c); });
        QObject::connect(c->socket, &QSslSocket::sslErrors, c->socket,
                         [this, c](const QList<QSslError> &errors) { onSslErrors(c, errors); });
        QObject::connect(c->socket, &QIODevice::readyRead, c->socket, [this, c] { onReadyRead(c); });
        QObject::connect(c->socket, &QAbstractSocket::errorOccurred, c->socket,
                         [this, c](QAbstractSocket::SocketError e) { onError(c, e); });
        m_conns.push_back(std::move(conn));
        if (!m_literal.isNull()) {
            connectTo(c, m_literal);
            return;
        }
        c->phase = Phase::Resolving;
        const quint64 lookupId = quint64(c->id);
        auto started = m_lookup.start(lookupId, m_host, [this, c](quint64, const SystemLookupResult &r, double took) {
            c->dnsNs = qint64(took * 1e6);
            if (!r.ok) {
                core::Notes n;
                n.set(QStringLiteral("error"), QStringLiteral("dns: ") + r.error);
                n.set(QStringLiteral("dns_ms"), ms(c->dnsNs));
                fail(c, n);
                return;
            }
            connectTo(c, r.addresses.front()); // the resolver's first choice (RFC 6724 order), as most apps do
        });
        if (!started) {
            core::Notes n;
            n.set(QStringLiteral("error"), QStringLiteral("dns: ") + started.error().message);
            fail(c, n);
        }
    }

    void connectTo(Conn *c, const QHostAddress &addr)
    {
        c->address = addr.toString();
        c->phase = Phase::Connecting;
        c->phaseStartNs = nowNs();
        c->socket->connectToHost(addr, m_port); // an address: no lookup inside Qt
    }

    void onConnected(Conn *c)
    {
        const qint64 now = nowNs();
        c->connectNs = now - c->phaseStartNs;
        c->kernelConnectMs = tcpHandshakeRttMs(c->socket->socketDescriptor());
        if (!m_https) {
            request(*c);
            return;
        }
        c->phase = Phase::Handshaking;
        c->phaseStartNs = now;
        c->socket->startClientEncryption();
    }

    void onEncrypted(Conn *c)
    {
        c->tlsNs = nowNs() - c->phaseStartNs;
        request(*c);
    }

    void onSslErrors(Conn *c, const QList<QSslError> &errors)
    {
        // Verification ran and failed. Only a pinned certificate (configured by the user for a lab or
        // self-hosted server) may stand in for a trusted issuer; everything else fails the probe.
        const QSslCertificate peer = c->socket->peerCertificate();
        const bool pinned = !peer.isNull() && m_pins.contains(peer.digest(QCryptographicHash::Sha256));
        bool overridable = pinned;
        QStringList text;
        for (const QSslError &e : errors) {
            overridable = overridable && pinOverridable(e.error());
            text << e.errorString();
        }
        if (overridable) {
            c->socket->ignoreSslErrors(errors);
            return;
        }
        c->tlsError = text.join(QStringLiteral(", "));
    }

    void request(Conn &c)
    {
        c.phase = Phase::Waiting;
        c.buffer.clear();
        c.firstByteNs = -1;
        c.requestNs = nowNs();
        c.socket->write(m_request);
        c.socket->flush(); // out now, not at the next event-loop turn
    }

    void onReadyRead(Conn *c)
    {
        const qint64 now = nowNs();
        if (c->phase != Phase::Waiting) {
            if (c->phase == Phase::Idle) // bytes nobody asked for: the stream is out of step
                drop(c);
            return;
        }
        if (c->firstByteNs < 0)
            c->firstByteNs = now;
        c->buffer += c->socket->readAll();
        const HttpHeadParse p = parseHttpResponseHead(c->buffer);
        if (p.state == HttpHeadParse::State::NeedMore)
            return;
        core::Notes n = phaseNotes(*c);
        if (p.state == HttpHeadParse::State::Invalid) {
            n.set(QStringLiteral("error"), QStringLiteral("bad response: ") + p.error);
            fail(c, n);
            return;
        }
        const HttpResponseHead &h = p.head;
        n.set(QStringLiteral("total_ms"), ms(now - c->startNs));
        n.set(QStringLiteral("status"), QString::number(h.status));
        for (const char *name : kKeptHeaders)
            if (auto v = h.field(name))
                n.set(QString::fromLatin1(name), QString::fromLatin1(*v).left(kMaxHeaderValueChars));
        ProbeCompletion done;
        done.token = c->token;
        // A 4xx/5xx answer is a failed probe (misconfigured URL, blocked, rate-limited): the times
        // stay in the notes, but it is not counted as an answered round trip.
        done.ok = h.status < 400;
        if (!done.ok)
            n.set(QStringLiteral("error"),
                  QStringLiteral("http %1 %2").arg(h.status).arg(QString::fromLatin1(h.reason)));
        // RTT = request → first byte: one round trip plus server think time on every probe, new
        // connection or reused, so the series stays comparable; set-up costs are in the notes.
        done.rttMs = double(c->firstByteNs - c->requestNs) / 1e6;
        if (c->dnsNs >= 0)
            done.dnsMs = double(c->dnsNs) / 1e6;
        done.note = n.toString();
        finish(done);
        // HEAD answers never carry a body (RFC 9110 §9.3.2): any byte past the head means the
        // stream is out of step, so only a clean keep-alive connection is kept for the next probe.
        if (h.keepAlive() && h.status != 101 && h.headBytes == c->buffer.size() &&
            c->socket->state() == QAbstractSocket::ConnectedState) {
            c->phase = Phase::Idle;
            c->buffer.clear();
        } else {
            drop(c);
        }
    }

    void onError(Conn *c, QAbstractSocket::SocketError e)
    {
        if (c->phase == Phase::Idle) { // the server closed an idle keep-alive connection
            drop(c);
            return;
        }
        if (c->reused && c->firstByteNs < 0 && e == QAbstractSocket::RemoteHostClosedError && !c->retried) {
            // The server closed the kept connection as we reused it (keep-alive timeout race):
            // retry once on a new connection, as browsers do; the probe then times a full set-up.
            const quint64 token = c->token;
            drop(c);
            open(token, true);
            return;
        }
        core::Notes n = phaseNotes(*c);
        n.set(QStringLiteral("error"), socketErrorNote(e, c->socket->errorString()));
        if (!c->tlsError.isEmpty())
            n.set(QStringLiteral("tls_error"), c->tlsError);
        fail(c, n);
    }

    // What every finished probe says about its connection and the phases it went through.
    core::Notes phaseNotes(const Conn &c) const
    {
        core::Notes n;
        n.set(QStringLiteral("conn"), QString::number(c.id));
        n.set(QStringLiteral("reused"), c.reused ? QStringLiteral("1") : QStringLiteral("0"));
        if (c.retried)
            n.set(QStringLiteral("retried"), QStringLiteral("1"));
        if (!c.reused && !c.address.isEmpty())
            n.set(QStringLiteral("addr"), c.address);
        if (c.dnsNs >= 0)
            n.set(QStringLiteral("dns_ms"), ms(c.dnsNs));
        if (c.connectNs >= 0) {
            // SYN→SYN-ACK as the kernel timed it when it can say, else connect() → our "connected" event.
            n.set(QStringLiteral("connect_ms"),
                  c.kernelConnectMs ? QString::number(*c.kernelConnectMs, 'f', 3) : ms(c.connectNs));
            n.set(QStringLiteral("connect_src"),
                  c.kernelConnectMs ? QStringLiteral("tcp_info") : QStringLiteral("user"));
        }
        if (c.tlsNs >= 0) {
            n.set(QStringLiteral("tls_ms"), ms(c.tlsNs));
            n.set(QStringLiteral("tls"), protocolName(c.socket->sessionProtocol()));
        }
        if (c.firstByteNs >= 0)
            n.set(QStringLiteral("first_byte_ms"), ms(c.firstByteNs - c.requestNs));
        return n;
    }

    void fail(Conn *c, const core::Notes &notes)
    {
        ProbeCompletion done;
        done.token = c->token;
        done.ok = false;
        done.note = notes.toString();
        drop(c);
        finish(done);
    }

    void finish(const ProbeCompletion &done)
    {
        m_done.push_back(done);
        if (m_wake)
            m_wake();
    }

    // Closes and forgets a connection; safe inside one of its socket's signals.
    void drop(Conn *c)
    {
        m_lookup.cancel(quint64(c->id));
        for (auto it = m_conns.begin(); it != m_conns.end(); ++it) {
            if (it->get() == c) {
                dispose(*c);
                m_conns.erase(it);
                return;
            }
        }
    }

    static void dispose(Conn &c)
    {
        c.socket->disconnect(); // no more signals into a Conn that is going away
        c.socket->abort();
        c.socket->deleteLater();
        c.socket = nullptr;
    }

    QUrl m_url;
    bool m_https = false;
    QString m_host;
    quint16 m_port = 0;
    QHostAddress m_literal; // null when the URL names a host (resolved per new connection)
    QByteArray m_request;
    QSslConfiguration m_tls;
    QList<QByteArray> m_pins;
    AsyncLookup m_lookup;
    std::vector<std::unique_ptr<Conn>> m_conns;
    int m_connSerial = 0;
    std::vector<ProbeCompletion> m_done;
    std::function<void()> m_wake;
};

} // namespace

core::Result<std::unique_ptr<ProbeTransport>> createHttpHeadTransport(const QString &url, const HttpTlsTrust &trust,
                                                                      SystemLookupFn lookup)
{
    const QUrl u(url.trimmed(), QUrl::StrictMode);
    const QString scheme = u.scheme().toLower();
    if (!u.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || u.host().isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput,
                               QStringLiteral("HTTP probe target '%1' is not an http:// or https:// URL").arg(url),
                               QStringLiteral("give a full URL such as https://host/ (--http-url, http_urls in the "
                                              "targets config, or PATHLENS_TARGETS)"));
    QSslConfiguration tls;
    if (scheme == QLatin1String("https")) {
        if (!QSslSocket::supportsSsl())
            return core::makeError(core::ErrorCode::Unsupported,
                                   QStringLiteral("HTTPS probes need TLS, but Qt has no working TLS back end here"),
                                   QStringLiteral("install OpenSSL 3 (libssl3) for Qt's TLS plugin, or probe an "
                                                  "http:// URL"));
        tls = QSslConfiguration::defaultConfiguration();
        if (!trust.caFile.isEmpty()) {
            QFile f(trust.caFile);
            if (!f.open(QIODevice::ReadOnly))
                return core::makeError(
                    core::ErrorCode::NotFound,
                    QStringLiteral("cannot read the HTTPS CA file %1: %2").arg(trust.caFile, f.errorString()),
                    QStringLiteral("give a readable PEM file with --http-ca-file"));
            const QList<QSslCertificate> certs = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
            if (certs.isEmpty())
                return core::makeError(
                    core::ErrorCode::InvalidInput,
                    QStringLiteral("no PEM certificate in the HTTPS CA file %1").arg(trust.caFile),
                    QStringLiteral("give a PEM file (-----BEGIN CERTIFICATE-----) with --http-ca-file"));
            tls.addCaCertificates(certs);
        }
    }
    return std::unique_ptr<ProbeTransport>(
        std::make_unique<HttpHeadTransport>(u, tls, trust.pinnedSha256, std::move(lookup)));
}

} // namespace pathlens::collect
