// SPDX-License-Identifier: GPL-3.0-or-later
// Base of table models whose rows have stable keys: applies snapshots by diffing (remove,
// update with one merged dataChanged, append, move into the snapshot's order) so live updates
// keep selection and scroll.
#pragma once

#include "views/common/item_roles.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace pathlens::views {

template <typename T, typename Key>
class KeyedTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    // A different capture or selection: start over.
    void reset(std::vector<T> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }

    void setRows(const std::vector<T> &rows)
    {
        QHash<Key, const T *> incoming;
        for (const T &r : rows)
            incoming.insert(key(r), &r);
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            if (!incoming.contains(key(m_rows[size_t(row)]))) {
                beginRemoveRows({}, row, row);
                m_rows.erase(m_rows.begin() + row);
                endRemoveRows();
            }
        }
        int first = -1, last = -1;
        QHash<Key, int> present;
        for (int row = 0; row < int(m_rows.size()); ++row) {
            T &mine = m_rows[size_t(row)];
            present.insert(key(mine), row);
            const T &theirs = *incoming.value(key(mine));
            if (!same(mine, theirs)) {
                mine = theirs;
                first = first < 0 ? row : first;
                last = row;
            }
        }
        if (first >= 0)
            emit dataChanged(index(first, 0), index(last, columnCount() - 1),
                             {Qt::DisplayRole, Qt::ToolTipRole, RawValueRole, SortKeyRole, GradeRole});
        std::vector<T> added;
        for (const T &r : rows)
            if (!present.contains(key(r)))
                added.push_back(r);
        if (!added.empty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
            m_rows.insert(m_rows.end(), added.begin(), added.end());
            endInsertRows();
        }
        // Then follow the snapshot's order (e.g. worst grade first) with row moves, which keep the
        // selection: the same data always shows in the same order, however it arrived.
        for (int target = 0; target < int(rows.size()); ++target) {
            const Key wanted = key(rows[size_t(target)]);
            if (key(m_rows[size_t(target)]) == wanted)
                continue;
            int from = target + 1;
            while (from < int(m_rows.size()) && key(m_rows[size_t(from)]) != wanted)
                ++from;
            if (from == int(m_rows.size()))
                continue; // cannot happen: every incoming key is present by now
            beginMoveRows({}, from, from, {}, target);
            T moved = std::move(m_rows[size_t(from)]);
            m_rows.erase(m_rows.begin() + from);
            m_rows.insert(m_rows.begin() + target, std::move(moved));
            endMoveRows();
        }
    }

    const T *rowAt(int row) const { return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr; }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    virtual Key key(const T &row) const = 0;
    virtual bool same(const T &a, const T &b) const = 0;

private:
    std::vector<T> m_rows;
};

} // namespace pathlens::views
