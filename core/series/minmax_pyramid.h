// SPDX-License-Identifier: GPL-3.0-or-later
// A time series with min/max summaries at several scales, so a chart of any span gets at most a
// few points per pixel column without ever losing an extreme value (MEASURED.md: Charts).
#pragma once

#include "core/base/time_utc.h"

#include <vector>

namespace pathlens::core {

// Append-only, in time order (out-of-order samples are inserted, at O(n) cost). Not thread-safe.
class MinMaxPyramid {
public:
    struct Column {
        TimestampUs start = 0, end = 0; // the column's time span
        int count = 0;                  // samples inside (0: no data)
        float min = 0, max = 0;
        int lost = 0;                   // loss marks inside
    };

    void append(TimestampUs t, float value);
    void appendLoss(TimestampUs t);
    void clear();

    size_t size() const { return m_t.size(); }
    // The answered samples as appended (for analyses that need every value, e.g. the load split).
    const std::vector<TimestampUs> &times() const { return m_t; }
    const std::vector<float> &values() const { return m_v; }
    bool empty() const { return m_t.empty() && m_lossT.empty(); }
    TimestampUs firstTime() const;
    TimestampUs lastTime() const;

    // `columns` equal slices of [from, to): min/max of every sample inside each, and losses.
    std::vector<Column> query(TimestampUs from, TimestampUs to, int columns) const;

    static constexpr int kFanout = 16; // samples per block at level 1, blocks per block above

private:
    struct Block {
        float min, max;
    };
    void rangeMinMax(size_t i0, size_t i1, float &mn, float &mx) const;
    Block summarise(size_t level, size_t block) const; // from the samples or the level below
    void rebuildFrom(size_t pos);                     // after inserting the sample at pos

    std::vector<TimestampUs> m_t;
    std::vector<float> m_v;
    std::vector<std::vector<Block>> m_levels; // level k block covers kFanout^(k+1) samples
    std::vector<TimestampUs> m_lossT;
};

} // namespace pathlens::core
