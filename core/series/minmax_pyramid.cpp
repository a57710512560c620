// SPDX-License-Identifier: GPL-3.0-or-later
// Pyramid maintenance on append and column queries from the coarsest blocks that fit.
#include "core/series/minmax_pyramid.h"

#include <algorithm>
#include <limits>

namespace pathlens::core {

void MinMaxPyramid::append(TimestampUs t, float value)
{
    if (!m_t.empty() && t < m_t.back()) {
        // A late sample: insert it in place; only the blocks from there on change, so a sample a
        // little late costs a little (rebuilding every block made a capture of shuffled rows quadratic:
        // 237 s for report --json on 369 k rows).
        const size_t pos = size_t(std::upper_bound(m_t.begin(), m_t.end(), t) - m_t.begin());
        m_t.insert(m_t.begin() + std::ptrdiff_t(pos), t);
        m_v.insert(m_v.begin() + std::ptrdiff_t(pos), value);
        rebuildFrom(pos);
        return;
    }
    m_t.push_back(t);
    m_v.push_back(value);
    // Complete blocks bubble up: level 0 block = kFanout samples, level k = kFanout blocks below.
    const size_t n = m_t.size();
    size_t span = kFanout;
    for (size_t level = 0; n % span == 0; ++level, span *= kFanout) {
        if (m_levels.size() <= level)
            m_levels.emplace_back();
        m_levels[level].push_back(summarise(level, m_levels[level].size()));
    }
}

MinMaxPyramid::Block MinMaxPyramid::summarise(size_t level, size_t block) const
{
    Block b{std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()};
    const size_t first = block * kFanout;
    for (size_t i = first; i < first + kFanout; ++i) {
        const float mn = level == 0 ? m_v[i] : m_levels[level - 1][i].min;
        const float mx = level == 0 ? m_v[i] : m_levels[level - 1][i].max;
        b.min = std::min(b.min, mn);
        b.max = std::max(b.max, mx);
    }
    return b;
}

void MinMaxPyramid::rebuildFrom(size_t pos)
{
    const size_t n = m_t.size();
    size_t span = kFanout;
    for (size_t level = 0; n / span > 0; ++level, span *= kFanout) {
        if (m_levels.size() <= level)
            m_levels.emplace_back();
        std::vector<Block> &blocks = m_levels[level];
        blocks.resize(std::min(blocks.size(), pos / span)); // blocks wholly before pos stand
        while (blocks.size() < n / span)
            blocks.push_back(summarise(level, blocks.size()));
    }
}

void MinMaxPyramid::appendLoss(TimestampUs t)
{
    m_lossT.insert(std::upper_bound(m_lossT.begin(), m_lossT.end(), t), t);
}

void MinMaxPyramid::clear()
{
    m_t.clear();
    m_v.clear();
    m_levels.clear();
    m_lossT.clear();
}

TimestampUs MinMaxPyramid::firstTime() const
{
    TimestampUs a = m_t.empty() ? std::numeric_limits<TimestampUs>::max() : m_t.front();
    TimestampUs b = m_lossT.empty() ? std::numeric_limits<TimestampUs>::max() : m_lossT.front();
    return std::min(a, b);
}

TimestampUs MinMaxPyramid::lastTime() const
{
    TimestampUs a = m_t.empty() ? std::numeric_limits<TimestampUs>::min() : m_t.back();
    TimestampUs b = m_lossT.empty() ? std::numeric_limits<TimestampUs>::min() : m_lossT.back();
    return std::max(a, b);
}

void MinMaxPyramid::rangeMinMax(size_t i0, size_t i1, float &mn, float &mx) const
{
    // Walk up: raw samples to the first block boundary, the largest aligned blocks, raw again.
    size_t i = i0;
    while (i < i1) {
        size_t level = 0, span = kFanout;
        size_t best = 0; // 0: no block fits here
        while (level < m_levels.size() && i % span == 0 && i + span <= i1 && (i / span) < m_levels[level].size()) {
            best = span;
            ++level;
            span *= kFanout;
        }
        if (best == 0) {
            mn = std::min(mn, m_v[i]);
            mx = std::max(mx, m_v[i]);
            ++i;
            continue;
        }
        const Block &b = m_levels[level - 1][i / best];
        mn = std::min(mn, b.min);
        mx = std::max(mx, b.max);
        i += best;
    }
}

std::vector<MinMaxPyramid::Column> MinMaxPyramid::query(TimestampUs from, TimestampUs to, int columns) const
{
    std::vector<Column> out;
    if (columns <= 0 || to <= from)
        return out;
    out.resize(size_t(columns));
    const double width = double(to - from) / columns;
    auto sample = std::lower_bound(m_t.begin(), m_t.end(), from) - m_t.begin();
    auto loss = std::lower_bound(m_lossT.begin(), m_lossT.end(), from) - m_lossT.begin();
    for (int c = 0; c < columns; ++c) {
        Column &col = out[size_t(c)];
        col.start = from + TimestampUs(c * width);
        col.end = c + 1 == columns ? to : from + TimestampUs((c + 1) * width);
        const auto endSample = std::lower_bound(m_t.begin() + sample, m_t.end(), col.end) - m_t.begin();
        if (endSample > sample) {
            float mn = std::numeric_limits<float>::max(), mx = std::numeric_limits<float>::lowest();
            rangeMinMax(size_t(sample), size_t(endSample), mn, mx);
            col.count = int(endSample - sample);
            col.min = mn;
            col.max = mx;
        }
        const auto endLoss = std::lower_bound(m_lossT.begin() + loss, m_lossT.end(), col.end) - m_lossT.begin();
        col.lost = int(endLoss - loss);
        sample = endSample;
        loss = endLoss;
    }
    return out;
}

} // namespace pathlens::core
