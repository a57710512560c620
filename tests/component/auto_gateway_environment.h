// SPDX-License-Identifier: GPL-3.0-or-later
// The probe collector tests' way to let gateway "auto" through for one test.
#pragma once

#include "core/active/probe_targets.h"

#include <QByteArray>

// Gateway "auto" reaches the collector only without PATHLENS_TARGETS and CI (either turns the gateway
// off): unset both for one test, then restore them.
struct AutoGatewayEnvironment {
    QByteArray savedCi = qgetenv("CI");
    AutoGatewayEnvironment()
    {
        qunsetenv("CI");
        qunsetenv(pathlens::core::kTargetsEnvVar);
    }
    ~AutoGatewayEnvironment()
    {
        if (!savedCi.isNull())
            qputenv("CI", savedCi);
        qputenv(pathlens::core::kTargetsEnvVar, "127.0.0.1");
    }
};
