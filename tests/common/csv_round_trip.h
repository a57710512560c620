// SPDX-License-Identifier: GPL-3.0-or-later
// CSV into and out of a capture through memory, and the files of tests/data, for the CSV, seed-dialect and Wi-Fi row tests.
#pragma once

#include "core/interchange/csv_interchange.h"

#include <QBuffer>
#include <QFile>

namespace pathlens::test {

// A file of tests/data, whole; a missing one stops the test program, since every check after it would be moot.
inline QByteArray testData(const char *name)
{
    QFile f(QStringLiteral(PATHLENS_TEST_DATA_DIR "/%1").arg(QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data file %s", name);
    return f.readAll();
}

inline core::Result<core::CsvImportReport> importBytes(const QByteArray &bytes, core::CaptureStore &store)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return core::importCsv(buffer, store);
}

// The whole export; a failed one stops the test program (the tests compare what it wrote).
inline QByteArray exportBytes(core::CaptureStore &store, core::CsvDialect dialect = core::CsvDialect::Pathlens,
                              core::CsvExportReport *report = nullptr)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto r = core::exportCsv(store, buffer, {}, dialect);
    if (!r)
        qFatal("%s", qPrintable(r.error().toString()));
    if (report)
        *report = *r;
    return buffer.data();
}

} // namespace pathlens::test
