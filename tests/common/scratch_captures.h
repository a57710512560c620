// SPDX-License-Identifier: GPL-3.0-or-later
// Fresh, empty capture files in a temporary folder, one per call, for tests that write and read back.
#pragma once

#include "core/store/capture_store.h"

#include <QTemporaryDir>

#include <memory>

namespace pathlens::test {

class ScratchCaptures {
public:
    std::unique_ptr<core::CaptureStore> fresh()
    {
        auto store = core::CaptureStore::open(m_dir.filePath(QStringLiteral("c%1.plcap").arg(++m_counter)),
                                              core::CaptureStore::Mode::ReadWrite);
        if (!store)
            qFatal("%s", qPrintable(store.error().toString()));
        return std::move(*store);
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
};

} // namespace pathlens::test
