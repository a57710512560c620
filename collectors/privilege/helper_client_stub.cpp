// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-helper client for platforms without one yet: raw sockets only where socket() allows.
#include "helper_client.h"

namespace pathlens::collect {

namespace {
core::Error unsupported()
{
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("pathlens-helper is not available on this platform"),
                           QStringLiteral("use the unprivileged modes (UDP traces, datagram ICMP) here"));
}
} // namespace

struct HelperClient::Impl {};

HelperClient::HelperClient(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
HelperClient::~HelperClient() = default;
core::Result<QString> findHelper()
{
    return unsupported();
}
core::Result<std::unique_ptr<HelperClient>> HelperClient::start(const QString &, int)
{
    return unsupported();
}
QString HelperClient::path() const
{
    return {};
}
QString HelperClient::version() const
{
    return {};
}
QStringList HelperClient::capsAtStart() const
{
    return {};
}
qint64 HelperClient::pid() const
{
    return -1;
}
bool HelperClient::alive() const
{
    return false;
}
core::Result<void> HelperClient::ping()
{
    return unsupported();
}
core::Result<QStringList> HelperClient::caps()
{
    return unsupported();
}
core::Result<int> HelperClient::rawOpen(int, int)
{
    return unsupported();
}
core::Result<int> helperRawOpen(int, int)
{
    return unsupported();
}
core::Result<RawSocket> openRawSocket(int, int)
{
    return unsupported();
}

std::function<core::Result<int>(int, int)> rawSocketOpener()
{
    return [](int, int) -> core::Result<int> { return unsupported(); };
}

} // namespace pathlens::collect
