// SPDX-License-Identifier: GPL-3.0-or-later
// Packet trains where no back end exists yet: "unsupported", with the reason.
#include "collectors/trains/train_transport.h"

namespace pathlens::collect {

core::Result<std::unique_ptr<TrainTransport>> TrainTransport::open(const QHostAddress &, int, const RawSocketOpener &)
{
    return core::makeError(core::ErrorCode::Unsupported, QStringLiteral("packet trains are not available on this platform yet"),
                           QStringLiteral("run the capacity measurement from a Linux agent"));
}

core::Result<void> TrainTransport::supported(const RawSocketOpener &opener)
{
    auto t = open(QHostAddress(QHostAddress::LocalHost), 0, opener);
    if (!t)
        return t.error();
    return {};
}

} // namespace pathlens::collect
