// SPDX-License-Identifier: GPL-3.0-or-later
// An optional figure as JSON: its value, or null when absent (report --json, stored hop lists).
#pragma once

#include <QJsonValue>

#include <optional>

namespace pathlens::core {

template <typename T>
QJsonValue jsonOrNull(const std::optional<T> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

} // namespace pathlens::core
