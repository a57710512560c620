// SPDX-License-Identifier: GPL-3.0-or-later
// The probe targets agent benchmarks use in two-hosts: h2 is the gateway and, under two extra addresses,
// two internet targets with TCP, HTTP and DNS servers; a config file names only these lab addresses.
#pragma once

#include "lab_fixture.h"

#include <QProcess>
#include <QString>

#include <memory>
#include <optional>

namespace pathlens::lab {

struct BenchTargets {
    QString gateway, internet1, internet2;
    QString config;                   // JSON for `pathlens-agent run --config`
    std::unique_ptr<QProcess> servers; // lab_probe_servers.py on h2, running
};

// Why an agent benchmark cannot run here: 77 ("skipped") without root or namespaces, 1 if `agent` is
// not built (the fix printed); nullopt if it can.
std::optional<int> agentBenchUnavailable(const QString &agent);

// Adds the addresses, starts the servers and writes `configPath`. nullopt (with the reason printed)
// if h1 has a default route (nothing may leave the lab) or a step fails.
std::optional<BenchTargets> setUpBenchTargets(const LabFixture &lab, const QString &configPath);

} // namespace pathlens::lab
