// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: arbitrary bytes through the CSV importer into an in-memory-backed capture.
// Invariant: no crash, and every record is accounted for (imported + metadata + skipped).
#include "core/interchange/csv_interchange.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdlib>

using namespace pathlens::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    static auto store = CaptureStore::open(dir.filePath(QStringLiteral("fuzz.plcap")), CaptureStore::Mode::ReadWrite);
    if (!store)
        abort();
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    auto report = importCsv(buffer, **store);
    if (report && report->records != report->rowsImported + report->metaImported + report->rowsSkipped)
        abort();
    return 0;
}
