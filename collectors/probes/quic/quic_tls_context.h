// SPDX-License-Identifier: GPL-3.0-or-later
// The trust a QUIC probe checks server certificates against: GnuTLS credentials and certificate pins.
#pragma once

#include "collectors/probes/probe_transport.h"

#include <QList>

#include <memory>

struct gnutls_certificate_credentials_st;

namespace pathlens::collect {

// Owned (shared) by one QUIC transport and the handshakes it runs, on the probe thread. Holds the
// system's CA store plus the CA file the user added for a lab or self-hosted server, and the
// SHA-256 pins of certificates trusted as they are: the same trust the HTTPS probe honours
// (--http-ca-file, --http-pin). It only answers "how far is this certificate trusted": whether an
// untrusted one fails the probe is the handshake's policy (it does not: see quic_outcome.h).
class QuicTlsContext {
public:
    static core::Result<std::shared_ptr<QuicTlsContext>> create(const HttpTlsTrust &trust);
    ~QuicTlsContext();
    QuicTlsContext(const QuicTlsContext &) = delete;
    QuicTlsContext &operator=(const QuicTlsContext &) = delete;

    gnutls_certificate_credentials_st *credentials() const { return m_credentials; }
    bool pinned(const QByteArray &sha256) const { return m_pins.contains(sha256); }

private:
    QuicTlsContext() = default;
    gnutls_certificate_credentials_st *m_credentials = nullptr;
    QList<QByteArray> m_pins;
};

} // namespace pathlens::collect
