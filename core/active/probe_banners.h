// SPDX-License-Identifier: GPL-3.0-or-later
// The two path warnings of the probe report as sentences, shared by the Latency page and the HTML
// report: ICMP answered by a proxy, and a TCP accelerator (PEP).
#pragma once

#include "core/active/probe_report.h"

namespace pathlens::core {

// Plain text; empty when ICMP is not proxied.
QString icmpProxyBannerText(const ProbeReport &report);
// Rich text (HTML, the target escaped); empty unless a PEP was detected with its evidence.
QString pepBannerHtml(const ProbeReport &report);

} // namespace pathlens::core
