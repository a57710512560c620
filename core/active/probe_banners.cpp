// SPDX-License-Identifier: GPL-3.0-or-later
// Banner sentences (translated in the Latency page's context, where they first appeared).
#include "core/active/probe_banners.h"

#include "core/base/units_format.h"

#include <QCoreApplication>

namespace pathlens::core {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("pathlens::views::LatencyPage", text); }
} // namespace

QString icmpProxyBannerText(const ProbeReport &report)
{
    if (!report.icmpProxied)
        return {};
    return tr("ICMP is answered close to you (ICMP median %1, other protocols up to %2): something on the "
              "path replies to pings itself. Latency ratings use HTTP instead.")
        .arg(formatMs(report.icmpP50Ms), formatMs(report.otherP50Ms));
}

QString pepBannerHtml(const ProbeReport &report)
{
    if (!report.pep.detected || !report.pep.evidence)
        return {};
    const PepEvidence &e = *report.pep.evidence;
    const QString where = e.basis == PepEvidence::Basis::SharedTarget ? tr("to %1").arg(e.target.toHtmlEscaped())
                                                                      : tr("over all targets");
    return tr("<b>TCP acceleration detected.</b> A performance-enhancing proxy (a &ldquo;TCP accelerator&rdquo;, common on "
              "satellite links) answers TCP connections itself, close to you, and carries the data over the satellite "
              "leg on its own. TCP connect times therefore look local (median %1) while a QUIC handshake, which it "
              "cannot intercept, shows the real path (median %2, %3× longer, %4; %5 and %6 probes). The path's "
              "latency is the QUIC and ICMP figure: the accelerator hides only TCP's own handshake, the data still "
              "crosses the satellite.")
        .arg(formatMs(e.tcpP50Ms), formatMs(e.quicP50Ms), QString::number(e.ratio, 'f', e.ratio < 10 ? 1 : 0), where) // "5.2×", "433×"
        .arg(e.tcpSamples)
        .arg(e.quicSamples);
}

} // namespace pathlens::core
