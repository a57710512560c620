// SPDX-License-Identifier: GPL-3.0-or-later
// Addresses as people read them: IPv6 in its short form (RFC 5952), whatever another tool wrote.
#pragma once

#include <QString>

namespace pathlens::core {

// "2001:0db8:0000:0000:0000:0000:0000:0001" → "2001:db8::1"; IPv4, names and text that is not an
// IPv6 address come back unchanged.
QString compactAddress(const QString &text);

} // namespace pathlens::core
