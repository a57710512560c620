// SPDX-License-Identifier: GPL-3.0-or-later
// GnuTLS credentials for QUIC probes: the system CA store, an extra CA file, certificate pins.
#include "quic_tls_context.h"

#include <QFile>

#include <gnutls/gnutls.h>

namespace pathlens::collect {

core::Result<std::shared_ptr<QuicTlsContext>> QuicTlsContext::create(const HttpTlsTrust &trust)
{
    std::shared_ptr<QuicTlsContext> ctx(new QuicTlsContext);
    if (int rv = gnutls_certificate_allocate_credentials(&ctx->m_credentials); rv < 0)
        return core::makeError(core::ErrorCode::Internal,
                               QStringLiteral("GnuTLS cannot allocate credentials: %1").arg(QString::fromUtf8(gnutls_strerror(rv))));
    // A machine without a CA store still measures handshakes: every certificate then reads as untrusted.
    (void)gnutls_certificate_set_x509_system_trust(ctx->m_credentials);
    if (!trust.caFile.isEmpty()) {
        if (!QFile::exists(trust.caFile))
            return core::makeError(core::ErrorCode::NotFound,
                                   QStringLiteral("cannot read the CA file %1 for QUIC probes").arg(trust.caFile),
                                   QStringLiteral("give a readable PEM file with --http-ca-file"));
        const int n = gnutls_certificate_set_x509_trust_file(ctx->m_credentials, QFile::encodeName(trust.caFile).constData(),
                                                             GNUTLS_X509_FMT_PEM);
        if (n <= 0)
            return core::makeError(core::ErrorCode::InvalidInput,
                                   QStringLiteral("no PEM certificate in the CA file %1 for QUIC probes").arg(trust.caFile),
                                   QStringLiteral("give a PEM file (-----BEGIN CERTIFICATE-----) with --http-ca-file"));
    }
    ctx->m_pins = trust.pinnedSha256;
    return ctx;
}

QuicTlsContext::~QuicTlsContext()
{
    if (m_credentials)
        gnutls_certificate_free_credentials(m_credentials);
}

} // namespace pathlens::collect
