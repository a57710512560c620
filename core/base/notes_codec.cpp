// SPDX-License-Identifier: GPL-3.0-or-later
// Parser and writer of the key=value notes column shared by CSV and the capture store.
#include "core/base/notes_codec.h"

#include <QList>

namespace pathlens::core {

bool Notes::isValidKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.')))
            return false;
    }
    return true;
}

std::optional<Notes> Notes::parse(const QString &text, QString *error)
{
    Notes notes;
    if (text.isEmpty())
        return notes;
    std::vector<QString> parts;
    if (!text.contains(QLatin1Char('\\'))) {
        // Nothing escaped (almost every row): split at ';' without rebuilding the text char by char.
        for (QStringView part : QStringView(text).split(QLatin1Char(';')))
            parts.push_back(part.toString());
    } else {
        QString current;
        for (int i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\\')) {
                if (i + 1 >= text.size()) {
                    if (error)
                        *error = QStringLiteral("notes end with a lone '\\'");
                    return std::nullopt;
                }
                // Escaped chars are only ';' and '\\', neither of which is '=': splitting is unaffected.
                current += text.at(++i);
                continue;
            }
            if (c == QLatin1Char(';')) {
                parts.push_back(current);
                current.clear();
                continue;
            }
            current += c;
        }
        parts.push_back(current);
    }
    for (const QString &part : parts) {
        const int eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (error)
                *error = QStringLiteral("notes pair '%1' is not key=value").arg(part);
            return std::nullopt;
        }
        const QString key = part.left(eq);
        if (!isValidKey(key)) {
            if (error)
                *error = QStringLiteral("notes key '%1' has characters other than letters, digits, _ - .").arg(key);
            return std::nullopt;
        }
        if (notes.value(key)) {
            if (error)
                *error = QStringLiteral("notes key '%1' appears twice").arg(key);
            return std::nullopt;
        }
        notes.m_pairs.emplace_back(key, part.mid(eq + 1));
    }
    return notes;
}

QString Notes::toString() const
{
    QString out;
    for (const auto &[key, value] : m_pairs) {
        if (!out.isEmpty())
            out += QLatin1Char(';');
        QString escaped = value;
        escaped.replace(QLatin1String("\\"), QLatin1String("\\\\"));
        escaped.replace(QLatin1String(";"), QLatin1String("\\;"));
        out += key + QLatin1Char('=') + escaped;
    }
    return out;
}

std::optional<double> Notes::number(const QString &key) const
{
    const auto v = value(key);
    bool ok = false;
    const double d = v ? v->toDouble(&ok) : 0;
    return ok ? std::optional<double>(d) : std::nullopt;
}

std::optional<QString> Notes::value(const QString &key) const
{
    for (const auto &[k, v] : m_pairs)
        if (k == key)
            return v;
    return std::nullopt;
}

void Notes::set(const QString &key, const QString &value)
{
    for (auto &[k, v] : m_pairs) {
        if (k == key) {
            v = value;
            return;
        }
    }
    m_pairs.emplace_back(key, value);
}

std::optional<QString> Notes::take(const QString &key)
{
    for (auto it = m_pairs.begin(); it != m_pairs.end(); ++it) {
        if (it->first == key) {
            QString v = it->second;
            m_pairs.erase(it);
            return v;
        }
    }
    return std::nullopt;
}

} // namespace pathlens::core
