// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a probe collector for a while and returns every sample it published (component tests).
#pragma once

#include "collectors/probes/probe_collector.h"

#include <QSignalSpy>
#include <QTest>

#include <vector>

inline std::vector<pathlens::core::ProbeSample> runCollector(pathlens::collect::ProbeCollectorOptions o, int ms)
{
    using namespace pathlens;
    collect::ProbeCollector c(std::move(o));
    if (auto ok = c.checkSupported(); !ok)
        qWarning("%s", qPrintable(ok.error().toString()));
    c.attach(1, std::make_shared<std::atomic<quint64>>(1), [](std::vector<core::Row>) {});
    QSignalSpy batches(&c, &collect::ProbeCollector::samplesReady);
    c.start();
    QTest::qWait(ms);
    c.stop();
    std::vector<core::ProbeSample> out;
    for (const QVariantList &args : batches)
        for (const core::ProbeSample &s : args.at(1).value<std::vector<core::ProbeSample>>())
            out.push_back(s);
    return out;
}
