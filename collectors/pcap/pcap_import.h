// SPDX-License-Identifier: GPL-3.0-or-later
// pcap/pcapng → capture: frames through the TCP decoder and flow analysis, flows stored as graded sessions.
#pragma once

#include "collectors/pcap/flow_app_sidecar.h"
#include "collectors/pcap/pcap_file_reader.h"
#include "core/base/result.h"
#include "core/passive/grading_policy.h"
#include "core/store/capture_store.h"

#include <QString>

#include <functional>
#include <optional>

namespace pathlens::collect {

// Metadata keys an imported capture carries (besides the grading policy and started/ended_utc).
namespace pcap_meta {
inline constexpr const char *kSourceFile = "source_file";     // the pcap's absolute path
inline constexpr const char *kSourceFormat = "source_format"; // "pcap" or "pcapng"
inline constexpr const char *kLinkType = "link_type";         // libpcap's name, e.g. "EN10MB"
inline constexpr const char *kPackets = "packets";            // frames in the file (up to a truncation)
inline constexpr const char *kTcpSegments = "tcp_segments";   // frames that decoded to TCP
inline constexpr const char *kFlows = "flows";                // TCP flows = sessions written
} // namespace pcap_meta

struct PcapImportReport {
    QString sourceFile;
    PcapFormat format = PcapFormat::Pcap;
    QString linkType;        // libpcap's name (the metadata's link_type)
    QString linkDescription; // libpcap's description, for messages ("Ethernet")
    qint64 packets = 0, tcpSegments = 0;
    qint64 notTcp = 0, fragments = 0, truncatedHeaders = 0, malformed = 0, unsupportedLink = 0;
    qint64 flows = 0;          // sessions written, one per flow
    qint64 flowsNamed = 0;     // flows the sidecar named an app for
    std::optional<pathlens::core::Error> truncated; // the file ended inside a packet (what came before is stored)

    QString summary() const; // "12000 packets (11800 TCP, 200 not TCP) → 14 flows, 3 named by the sidecar"
    QString packetTally() const; // "12000 packets read, 11800 TCP, 200 not TCP"
};

using PcapImportProgress = std::function<bool(qint64 bytesDone, qint64 bytesTotal)>; // false cancels

// Reads `pcapPath` whole (pcap or pcapng, by its magic) and writes one tcp_sessions row per TCP
// flow into `store`, with the capture's metadata, in one transaction: a cancelled or failed import
// writes nothing. Apps come from `apps` (either direction of a flow), else "unknown". A file that
// ends inside a packet still imports what came before; the report's `truncated` says so. A file with
// no TCP flow fails (InvalidInput, "no TCP flow in …") and writes nothing: a capture of no session
// would read as a quiet network.
pathlens::core::Result<PcapImportReport> importPcapFile(const QString &pcapPath, pathlens::core::CaptureStore &store,
                                                        const FlowAppSidecar &apps = {},
                                                        const pathlens::core::GradingPolicy &policy = {},
                                                        const PcapImportProgress &progress = {});

// By path, for callers that do not hold a store (the GUI's open job): writes `capturePath` + ".part"
// (a stale one from a killed import is replaced) and renames it to `capturePath` (which must not
// exist) once committed, so a killed import never leaves a capture that blocks the re-run. A failed
// or cancelled import removes the .part with its -wal and -shm.
pathlens::core::Result<PcapImportReport> importPcapToCapture(const QString &pcapPath, const QString &capturePath,
                                                             const QString &sidecarPath = {},
                                                             const pathlens::core::GradingPolicy &policy = {},
                                                             const PcapImportProgress &progress = {});

} // namespace pathlens::collect
