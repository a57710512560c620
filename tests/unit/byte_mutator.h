// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic byte mutations for the fuzz smoke tests: flip, cut, insert, append delimiters.
#pragma once

#include <QByteArray>
#include <QRandomGenerator>

namespace pathlens::test {

inline QByteArray mutate(QByteArray input, QRandomGenerator &rng)
{
    const int edits = 1 + int(rng.bounded(6));
    for (int e = 0; e < edits && !input.isEmpty(); ++e) {
        const int pos = int(rng.bounded(input.size()));
        switch (rng.bounded(5)) {
        case 0: input[pos] = char(rng.bounded(256)); break;
        case 1: input.remove(pos, 1 + int(rng.bounded(8))); break;
        case 2: input.insert(pos, QByteArray(1 + int(rng.bounded(8)), char(rng.bounded(256)))); break;
        case 3: input.insert(pos, rng.bounded(2) ? QByteArray("=") : QByteArray(" %")); break;
        default: input.truncate(pos); break;
        }
    }
    return input;
}

} // namespace pathlens::test
