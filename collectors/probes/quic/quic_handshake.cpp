// SPDX-License-Identifier: GPL-3.0-or-later
// The QUIC client handshake on ngtcp2 0.12 with GnuTLS: callbacks, certificate check, failure details.
#include "quic_handshake.h"

#include <QCryptographicHash>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <ngtcp2/ngtcp2.h>
#include <ngtcp2/ngtcp2_crypto.h>
#include <ngtcp2/ngtcp2_crypto_gnutls.h>

#include <algorithm>
#include <array>
#include <limits>

namespace pathlens::collect {

namespace {
// TLS 1.3 only (QUIC requires it, RFC 9001 §4.2) with the cipher suites QUIC may use and the
// groups browsers offer; no middlebox-compatibility mode (RFC 9001 §8.4). The list ngtcp2's own
// GnuTLS client example uses.
constexpr const char *kPriority =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:+AES-128-CCM:"
    "-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1:+GROUP-SECP521R1:%DISABLE_TLS13_COMPAT_MODE";
// Connection ids: 18 bytes to the server (≥ 8 for the first Initial, RFC 9000 §7.2), 16 of our own.
constexpr size_t kDcidBytes = 18, kScidBytes = 16;

void randomBytes(uint8_t *dest, size_t len)
{
    gnutls_rnd(GNUTLS_RND_RANDOM, dest, len);
}

void onRand(uint8_t *dest, size_t len, const ngtcp2_rand_ctx *)
{
    randomBytes(dest, len);
}

int onNewConnectionId(ngtcp2_conn *, ngtcp2_cid *cid, uint8_t *token, size_t len, void *)
{
    randomBytes(cid->data, len);
    cid->datalen = len;
    randomBytes(token, NGTCP2_STATELESS_RESET_TOKENLEN);
    return 0;
}
} // namespace

struct QuicHandshake::Native {
    ngtcp2_conn *conn = nullptr;
    gnutls_session_t session = nullptr;
    ngtcp2_crypto_conn_ref ref{};
    ngtcp2_path path{};

    ~Native()
    {
        if (conn)
            ngtcp2_conn_del(conn);
        if (session)
            gnutls_deinit(session);
    }

    static QuicHandshake *self(void *userData) { return static_cast<QuicHandshake *>(userData); }
    static ngtcp2_conn *getConn(ngtcp2_crypto_conn_ref *ref) { return self(ref->user_data)->d->conn; }
    static int onHandshakeCompleted(ngtcp2_conn *, void *userData)
    {
        self(userData)->onCompleted();
        return 0;
    }
    static int onVersionNegotiation(ngtcp2_conn *, const ngtcp2_pkt_hd *, const uint32_t *sv, size_t nsv, void *userData)
    {
        QuicObservation &o = self(userData)->m_observation;
        o.versionNegotiation = true;
        o.offeredVersions.assign(sv, sv + nsv);
        return 0;
    }
    static int onStatelessReset(ngtcp2_conn *, const ngtcp2_pkt_stateless_reset *, void *userData)
    {
        self(userData)->m_observation.statelessReset = true;
        return 0;
    }
    static int onVerify(gnutls_session_t session)
    {
        auto *ref = static_cast<ngtcp2_crypto_conn_ref *>(gnutls_session_get_ptr(session));
        return self(ref->user_data)->verifyCertificate();
    }
};

QuicHandshake::~QuicHandshake() = default;

core::Result<std::unique_ptr<QuicHandshake>> QuicHandshake::start(const QuicHandshakeParams &params, qint64 nowNs)
{
    std::unique_ptr<QuicHandshake> h(new QuicHandshake);
    h->m_params = params;
    h->d = std::make_unique<Native>();
    Native &n = *h->d;
    auto tlsError = [](const char *what, int rv) {
        return core::makeError(core::ErrorCode::Internal,
                               QStringLiteral("QUIC probe: %1 failed: %2").arg(QLatin1String(what), QString::fromUtf8(gnutls_strerror(rv))));
    };
    if (!params.tls)
        return core::makeError(core::ErrorCode::Internal, QStringLiteral("QUIC probe: no TLS credentials"));
    if (int rv = gnutls_init(&n.session, GNUTLS_CLIENT | GNUTLS_ENABLE_EARLY_DATA | GNUTLS_NO_END_OF_EARLY_DATA); rv < 0)
        return tlsError("gnutls_init", rv);
    if (int rv = gnutls_priority_set_direct(n.session, kPriority, nullptr); rv < 0)
        return tlsError("the TLS 1.3 priority string", rv);
    if (ngtcp2_crypto_gnutls_configure_client_session(n.session) != 0)
        return core::makeError(core::ErrorCode::Internal, QStringLiteral("QUIC probe: ngtcp2 cannot configure the TLS session"));
    n.ref.get_conn = &Native::getConn;
    n.ref.user_data = h.get();
    gnutls_session_set_ptr(n.session, &n.ref);
    if (int rv = gnutls_credentials_set(n.session, GNUTLS_CRD_CERTIFICATE, params.tls->credentials()); rv < 0)
        return tlsError("gnutls_credentials_set", rv);
    gnutls_session_set_verify_function(n.session, &Native::onVerify);
    gnutls_datum_t alpn{reinterpret_cast<unsigned char *>(h->m_params.alpn.data()), unsigned(h->m_params.alpn.size())};
    // QUIC requires ALPN (RFC 9001 §8.1): a server that speaks none of ours answers with alert 120.
    if (int rv = gnutls_alpn_set_protocols(n.session, &alpn, 1, GNUTLS_ALPN_MANDATORY); rv < 0)
        return tlsError("setting ALPN", rv);
    if (!params.serverName.isEmpty()) {
        const QByteArray name = params.serverName.toUtf8();
        if (int rv = gnutls_server_name_set(n.session, GNUTLS_NAME_DNS, name.constData(), size_t(name.size())); rv < 0)
            return tlsError("setting the server name", rv);
    }

    ngtcp2_callbacks cb{};
    cb.client_initial = ngtcp2_crypto_client_initial_cb;
    cb.recv_crypto_data = ngtcp2_crypto_recv_crypto_data_cb;
    cb.encrypt = ngtcp2_crypto_encrypt_cb;
    cb.decrypt = ngtcp2_crypto_decrypt_cb;
    cb.hp_mask = ngtcp2_crypto_hp_mask_cb;
    cb.recv_retry = ngtcp2_crypto_recv_retry_cb;
    cb.update_key = ngtcp2_crypto_update_key_cb;
    cb.delete_crypto_aead_ctx = ngtcp2_crypto_delete_crypto_aead_ctx_cb;
    cb.delete_crypto_cipher_ctx = ngtcp2_crypto_delete_crypto_cipher_ctx_cb;
    cb.get_path_challenge_data = ngtcp2_crypto_get_path_challenge_data_cb;
    cb.version_negotiation = ngtcp2_crypto_version_negotiation_cb;
    cb.rand = onRand;
    cb.get_new_connection_id = onNewConnectionId;
    cb.handshake_completed = &Native::onHandshakeCompleted;
    cb.recv_version_negotiation = &Native::onVersionNegotiation;
    cb.recv_stateless_reset = &Native::onStatelessReset;

    ngtcp2_cid dcid{}, scid{};
    dcid.datalen = kDcidBytes;
    scid.datalen = kScidBytes;
    randomBytes(dcid.data, dcid.datalen);
    randomBytes(scid.data, scid.datalen);

    ngtcp2_settings settings;
    ngtcp2_settings_default(&settings);
    settings.initial_ts = ngtcp2_tstamp(nowNs);
    settings.handshake_timeout = ngtcp2_duration(params.timeoutNs);
    settings.no_pmtud = 1; // a probe closes after the handshake: path-MTU probes would only add packets
    ngtcp2_transport_params tp;
    ngtcp2_transport_params_default(&tp);
    // No streams of our own and little room for the server's: the probe never carries data.
    tp.initial_max_data = 1 << 16;
    tp.initial_max_stream_data_uni = 1 << 14;
    tp.initial_max_streams_uni = 3; // HTTP/3's control and QPACK streams (RFC 9114 §6.2), so a server is not blocked
    tp.max_idle_timeout = ngtcp2_duration(params.timeoutNs);
    tp.max_udp_payload_size = kQuicMaxDatagramBytes;

    n.path.local.addr = reinterpret_cast<ngtcp2_sockaddr *>(h->m_params.localSockaddr.data());
    n.path.local.addrlen = ngtcp2_socklen(h->m_params.localSockaddr.size());
    n.path.remote.addr = reinterpret_cast<ngtcp2_sockaddr *>(h->m_params.remoteSockaddr.data());
    n.path.remote.addrlen = ngtcp2_socklen(h->m_params.remoteSockaddr.size());
    if (int rv = ngtcp2_conn_client_new(&n.conn, &dcid, &scid, &n.path, NGTCP2_PROTO_VER_V1, &cb, &settings, &tp, nullptr, h.get());
        rv != 0)
        return core::makeError(core::ErrorCode::Internal,
                               QStringLiteral("QUIC probe: ngtcp2 cannot create a connection: %1").arg(QString::fromUtf8(ngtcp2_strerror(rv))));
    ngtcp2_conn_set_tls_native_handle(n.conn, n.session);
    h->m_deadlineNs = nowNs + params.timeoutNs;
    return h;
}

std::vector<QByteArray> QuicHandshake::write(qint64 nowNs)
{
    std::vector<QByteArray> out;
    if (m_failed)
        return out;
    // Bounded: a handshake's flight is a handful of packets; ngtcp2 returns 0 once congestion or
    // pacing says wait (the next expiry then says when).
    constexpr int kMaxPacketsPerCall = 64;
    for (int i = 0; i < kMaxPacketsPerCall; ++i) {
        QByteArray buf(kQuicMaxDatagramBytes, Qt::Uninitialized);
        ngtcp2_pkt_info pi{};
        const ngtcp2_ssize n = ngtcp2_conn_write_pkt(d->conn, nullptr, &pi, reinterpret_cast<uint8_t *>(buf.data()),
                                                     size_t(buf.size()), ngtcp2_tstamp(nowNs));
        if (n < 0) {
            if (!m_observation.completed)
                readError(int(n));
            break;
        }
        if (n == 0)
            break;
        buf.truncate(qsizetype(n));
        out.push_back(std::move(buf));
    }
    return out;
}

void QuicHandshake::read(const QByteArray &datagram, qint64 nowNs)
{
    if (finished())
        return;
    ++m_observation.datagramsReceived;
    ngtcp2_pkt_info pi{};
    const int rv = ngtcp2_conn_read_pkt(d->conn, &d->path, &pi, reinterpret_cast<const uint8_t *>(datagram.constData()),
                                        size_t(datagram.size()), ngtcp2_tstamp(nowNs));
    if (rv != 0 && !m_observation.completed)
        readError(rv);
}

void QuicHandshake::readError(int liberr)
{
    switch (liberr) {
    case NGTCP2_ERR_RECV_VERSION_NEGOTIATION:
        m_observation.versionNegotiation = true; // the callback filled offeredVersions
        break;
    case NGTCP2_ERR_DRAINING: { // the server sent CONNECTION_CLOSE (or a stateless reset)
        ngtcp2_connection_close_error ce{};
        ngtcp2_conn_get_connection_close_error(d->conn, &ce);
        // RFC 9001 §4.8: a TLS alert travels as transport error 0x100 + its description.
        if (ce.type == NGTCP2_CONNECTION_CLOSE_ERROR_CODE_TYPE_TRANSPORT && (ce.error_code & ~0xffULL) == NGTCP2_CRYPTO_ERROR) {
            m_observation.alert = int(ce.error_code & 0xff);
            m_observation.alertFromServer = true;
        } else if (!m_observation.statelessReset) {
            m_observation.closeCode = ce.error_code;
        }
        break;
    }
    case NGTCP2_ERR_CRYPTO: { // our TLS stack refused the server's handshake
        const uint8_t alert = ngtcp2_conn_get_tls_alert(d->conn);
        if (alert != 0)
            m_observation.alert = int(alert);
        if (const int tlsErr = ngtcp2_conn_get_tls_error(d->conn); tlsErr != 0)
            m_observation.tlsError = QString::fromUtf8(gnutls_strerror(tlsErr));
        if (!m_observation.alert && m_observation.tlsError.isEmpty())
            m_observation.tlsError = QStringLiteral("TLS handshake failed");
        break;
    }
    case NGTCP2_ERR_HANDSHAKE_TIMEOUT:
    case NGTCP2_ERR_IDLE_CLOSE:
        m_observation.deadlinePassed = true;
        break;
    default: // the server broke the protocol (bad transport parameters, a frame out of place, …)
        m_observation.closeCode = NGTCP2_PROTOCOL_VIOLATION;
        break;
    }
    fail();
}

void QuicHandshake::expire(qint64 nowNs)
{
    if (finished())
        return;
    if (nowNs >= m_deadlineNs) {
        m_observation.deadlinePassed = true;
        fail();
        return;
    }
    if (const int rv = ngtcp2_conn_handle_expiry(d->conn, ngtcp2_tstamp(nowNs)); rv != 0)
        readError(rv);
}

void QuicHandshake::unreachable(QuicIcmp icmp, const QString &from)
{
    if (finished() || icmp == QuicIcmp::Other) // e.g. fragmentation needed: not a refusal
        return;
    m_observation.icmp = icmp;
    m_observation.icmpFrom = from;
    fail();
}

void QuicHandshake::failLocally(const QString &text)
{
    if (finished())
        return;
    m_observation.localError = text;
    fail();
}

void QuicHandshake::fail()
{
    m_failed = true;
}

qint64 QuicHandshake::expiryNs() const
{
    if (finished())
        return std::numeric_limits<qint64>::max();
    const ngtcp2_tstamp e = ngtcp2_conn_get_expiry(d->conn);
    return e == UINT64_MAX ? m_deadlineNs : std::min<qint64>(qint64(std::min<ngtcp2_tstamp>(e, INT64_MAX)), m_deadlineNs);
}

void QuicHandshake::onCompleted()
{
    QuicObservation &o = m_observation;
    o.completed = true;
    o.version = ngtcp2_conn_get_negotiated_version(d->conn);
    gnutls_datum_t selected{};
    if (gnutls_alpn_get_selected_protocol(d->session, &selected) == 0)
        o.alpn = QString::fromLatin1(reinterpret_cast<const char *>(selected.data), int(selected.size));
    o.retried = ngtcp2_conn_after_retry(d->conn) != 0;
}

int QuicHandshake::verifyCertificate()
{
    // Check everything a browser checks (chain to a trusted root, the name or address, validity,
    // key purpose), but go on whatever the answer: the probe times the handshake, and the answer
    // is noted (quic_outcome.h: cert=untrusted tells a person that someone else may have answered).
    unsigned status = 0;
    QByteArray name = m_params.serverName.toUtf8();
    QByteArray ip;
    std::array<gnutls_typed_vdata_st, 2> data{};
    if (!name.isEmpty()) {
        data[0] = {GNUTLS_DT_DNS_HOSTNAME, reinterpret_cast<unsigned char *>(name.data()), 0};
    } else if (m_params.remote.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR a = m_params.remote.toIPv6Address();
        ip = QByteArray(reinterpret_cast<const char *>(a.c), 16);
        data[0] = {GNUTLS_DT_IP_ADDRESS, reinterpret_cast<unsigned char *>(ip.data()), 16};
    } else {
        const quint32 a = m_params.remote.toIPv4Address();
        ip = QByteArray(4, '\0');
        for (int i = 0; i < 4; ++i)
            ip[i] = char((a >> (24 - 8 * i)) & 0xff);
        data[0] = {GNUTLS_DT_IP_ADDRESS, reinterpret_cast<unsigned char *>(ip.data()), 4};
    }
    static char serverAuth[] = GNUTLS_KP_TLS_WWW_SERVER;
    data[1] = {GNUTLS_DT_KEY_PURPOSE_OID, reinterpret_cast<unsigned char *>(serverAuth), 0};
    const int rv = gnutls_certificate_verify_peers(d->session, data.data(), unsigned(data.size()), &status);
    if (rv == 0 && status == 0) {
        m_observation.cert = QuicCert::Trusted;
        return 0;
    }
    unsigned count = 0;
    const gnutls_datum_t *chain = gnutls_certificate_get_peers(d->session, &count);
    if (chain && count > 0 && m_params.tls->pinned(QCryptographicHash::hash(
                                  QByteArray::fromRawData(reinterpret_cast<const char *>(chain[0].data), int(chain[0].size)),
                                  QCryptographicHash::Sha256))) {
        m_observation.cert = QuicCert::Pinned; // the user trusts this very certificate as it is
        return 0;
    }
    m_observation.cert = QuicCert::Untrusted;
    if (rv != 0) {
        m_observation.certError = QString::fromUtf8(gnutls_strerror(rv));
    } else {
        gnutls_datum_t text{};
        if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &text, 0) == 0) {
            m_observation.certError = QString::fromUtf8(reinterpret_cast<const char *>(text.data), int(text.size)).trimmed();
            gnutls_free(text.data);
        }
    }
    return 0;
}

QByteArray QuicHandshake::close(qint64 nowNs)
{
    if (!m_observation.completed)
        return {};
    QByteArray buf(kQuicMaxDatagramBytes, Qt::Uninitialized);
    ngtcp2_connection_close_error ce;
    ngtcp2_connection_close_error_default(&ce); // transport NO_ERROR: a clean goodbye, nothing went wrong
    ngtcp2_pkt_info pi{};
    const ngtcp2_ssize n = ngtcp2_conn_write_connection_close(d->conn, nullptr, &pi, reinterpret_cast<uint8_t *>(buf.data()),
                                                              size_t(buf.size()), &ce, ngtcp2_tstamp(nowNs));
    if (n <= 0)
        return {};
    buf.truncate(qsizetype(n));
    return buf;
}

} // namespace pathlens::collect
