// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the synthetic fleet (tests/common/fleet_fixture.h) into a capture, for screenshots and
// manual review: make_fleet_fixture OUT.plcap [AGENTS] [CYCLES].
#include "core/store/capture_writer.h"
#include "tests/common/fleet_fixture.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        fprintf(stderr, "usage: make_fleet_fixture OUT.plcap [AGENTS=6] [CYCLES=30]\n");
        return 2;
    }
    pathlens::test::FleetFixture f;
    f.agents = args.value(2, QStringLiteral("6")).toInt();
    f.cycles = args.value(3, QStringLiteral("30")).toInt();
    if (f.agents < 2 || f.agents > 500 || f.cycles < 1) {
        fprintf(stderr, "make_fleet_fixture: AGENTS 2..500, CYCLES ≥ 1\n");
        return 2;
    }
    auto writer = pathlens::core::CaptureWriter::open(args[1], {{QStringLiteral("host"), QStringLiteral("fleet-fixture")}});
    if (!writer) {
        fprintf(stderr, "make_fleet_fixture: %s\n", qPrintable(writer.error().toString()));
        return 3;
    }
    auto rows = f.rows();
    const size_t n = rows.size();
    (*writer)->enqueue(std::move(rows));
    writer->reset();
    fprintf(stderr, "%zu rows: %d agents, %d cycles\n", n, f.agents, f.cycles);
    return 0;
}
