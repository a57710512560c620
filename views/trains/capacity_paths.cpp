// SPDX-License-Identifier: GPL-3.0-or-later
// Grouping of capacity estimates into paths.
#include "views/trains/capacity_paths.h"

#include "views/trains/capacity_text.h"

#include <QStringList>

#include <algorithm>

namespace pathlens::views {

QString CapacityPath::text() const
{
    return capacityPathText(key.target, address, key.direction);
}

std::vector<CapacityPath> groupCapacityPaths(const std::vector<core::CapacityResult> &oldestFirst)
{
    std::vector<CapacityPath> paths;
    QStringList targets; // first-measured order
    for (size_t i = 0; i < oldestFirst.size(); ++i) {
        const core::CapacityResult &r = oldestFirst[i];
        if (!targets.contains(r.target))
            targets << r.target;
        const CapacityPathKey key{r.target, r.direction};
        auto it = std::find_if(paths.begin(), paths.end(), [&](const CapacityPath &p) { return p.key == key; });
        if (it == paths.end()) {
            paths.push_back(CapacityPath{key, {}, r.mode, {}, 0});
            it = paths.end() - 1;
        }
        it->address = r.address;
        it->mode = r.mode;
        it->results.push_back(i);
        it->doubtful += r.doubtful;
    }
    std::stable_sort(paths.begin(), paths.end(), [&](const CapacityPath &a, const CapacityPath &b) {
        const qsizetype ta = targets.indexOf(a.key.target), tb = targets.indexOf(b.key.target);
        return ta != tb ? ta < tb : int(a.key.direction) < int(b.key.direction);
    });
    return paths;
}

} // namespace pathlens::views
