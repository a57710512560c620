// SPDX-License-Identifier: GPL-3.0-or-later
// Custom item roles shared by every model: raw numbers for sorting, export and the report.
#pragma once

#include <Qt>

namespace pathlens::views {

enum ItemRole {
    RawValueRole = Qt::UserRole + 1, // the number behind the formatted DisplayRole text
    SortKeyRole,                     // what the proxy sorts by (grades: worst = highest)
    GradeRole,                       // int(core::Grade) for the pill delegate
    KeyRole,                         // the row's stable id (app name, session id)
};

} // namespace pathlens::views
