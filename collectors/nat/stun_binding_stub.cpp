// SPDX-License-Identifier: GPL-3.0-or-later
// STUN Binding where libnice's STUN library is not wired up yet.
#include "collectors/nat/stun_binding.h"

namespace pathlens::collect {

core::Result<StunBindingResult> stunBinding(const std::vector<StunServer> &, quint16, int, int)
{
    return core::makeError(core::ErrorCode::Unsupported, QStringLiteral("STUN is not supported on this platform yet"));
}

} // namespace pathlens::collect
