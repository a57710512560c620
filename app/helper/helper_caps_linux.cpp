// SPDX-License-Identifier: GPL-3.0-or-later
// capget/capset and prctl without libcap (no headers on the build machines; two syscalls suffice).
#include "helper_caps_linux.h"

#include <QStringList>

#include <cerrno>
#include <cstring>

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace pathlens::helper {

namespace {
struct CapSets {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
};

bool capGet(CapSets &c)
{
    return ::syscall(SYS_capget, &c.header, c.data) == 0;
}

bool capSet(CapSets &c)
{
    return ::syscall(SYS_capset, &c.header, c.data) == 0;
}

bool has(const __u32 (&set)[2], int cap)
{
    return set[cap / 32] & (1u << (cap % 32));
}

QString err()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

QString dropCapabilities()
{
    QStringList problems;
    CapSets c;
    if (!capGet(c))
        return QStringLiteral("capget failed: %1").arg(err());
    const bool permittedRaw = c.data[CAP_NET_RAW / 32].permitted & (1u << (CAP_NET_RAW % 32));
    const bool canSetBounding = c.data[CAP_SETPCAP / 32].effective & (1u << (CAP_SETPCAP % 32));
    // Bounding set first: dropping from it needs CAP_SETPCAP, which goes away with capset below.
    // Only root has it here; with a file capability (cap_net_raw+ep) the set stays as inherited,
    // which is harmless: this process never execs, and no_new_privs below covers any future exec.
    if (canSetBounding) {
        for (int cap = 0; cap <= 63; ++cap) {
            if (cap == CAP_NET_RAW)
                continue;
            if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 &&
                errno != EINVAL) { // EINVAL: beyond this kernel's last cap
                problems << QStringLiteral("PR_CAPBSET_DROP(%1): %2").arg(cap).arg(err());
                break;
            }
        }
    }
    ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0); // EINVAL on kernels < 4.3: nothing to clear
    std::memset(c.data, 0, sizeof c.data);
    if (permittedRaw) {
        c.data[CAP_NET_RAW / 32].permitted = 1u << (CAP_NET_RAW % 32);
        c.data[CAP_NET_RAW / 32].effective = 1u << (CAP_NET_RAW % 32);
    }
    if (!capSet(c))
        problems << QStringLiteral("capset failed: %1").arg(err());
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        problems << QStringLiteral("PR_SET_NO_NEW_PRIVS failed: %1").arg(err());
    return problems.join(QStringLiteral("; "));
}

QString heldCapabilities()
{
    CapSets c;
    if (!capGet(c))
        return {};
    const __u32 eff[2] = {c.data[0].effective, c.data[1].effective};
    QStringList names;
    // The helper only ever keeps CAP_NET_RAW; anything else held would be a bug worth seeing.
    for (int cap = 0; cap <= 63; ++cap) {
        if (!has(eff, cap))
            continue;
        names << (cap == CAP_NET_RAW     ? QStringLiteral("cap_net_raw")
                  : cap == CAP_NET_ADMIN ? QStringLiteral("cap_net_admin")
                                         : QStringLiteral("cap_%1").arg(cap));
    }
    return names.join(QLatin1Char(','));
}

} // namespace pathlens::helper
