// SPDX-License-Identifier: GPL-3.0-or-later
// The `notes` column: ordered key=value pairs separated by ';', with '\' escaping ';' and '\'.
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace pathlens::core {

// Ordered so that a round trip reproduces the original text. A value is split from its key at
// the FIRST '=', so values may contain '=' freely; ';' and '\' inside values are escaped.
class Notes {
public:
    using Pair = std::pair<QString, QString>;

    static std::optional<Notes> parse(const QString &text, QString *error = nullptr);
    QString toString() const;

    std::optional<QString> value(const QString &key) const;
    std::optional<double> number(const QString &key) const; // nullopt when absent or not a number
    void set(const QString &key, const QString &value); // replaces in place or appends
    std::optional<QString> take(const QString &key);      // removes and returns
    bool isEmpty() const { return m_pairs.empty(); }
    const std::vector<Pair> &pairs() const { return m_pairs; }

    // Keys: letters, digits, '_', '-', '.'; must not be empty.
    static bool isValidKey(const QString &key);

private:
    std::vector<Pair> m_pairs;
};

} // namespace pathlens::core
