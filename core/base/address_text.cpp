// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/address_text.h"

#include <QStringList>

#include <array>
#include <optional>

namespace pathlens::core {

namespace {

using Groups = std::array<quint16, 8>;

std::optional<quint16> hexGroup(const QString &g)
{
    if (g.isEmpty() || g.size() > 4)
        return std::nullopt;
    bool ok = false;
    const uint v = g.toUInt(&ok, 16);
    return ok ? std::optional<quint16>(quint16(v)) : std::nullopt;
}

// Eight groups from the full or "::" form; a dotted IPv4 tail or a zone is left alone (nullopt).
std::optional<Groups> parseV6(const QString &text)
{
    if (!text.contains(QLatin1Char(':')) || text.contains(QLatin1Char('.')) || text.contains(QLatin1Char('%')))
        return std::nullopt;
    const int gap = text.indexOf(QStringLiteral("::"));
    if (gap >= 0 && text.indexOf(QStringLiteral("::"), gap + 1) >= 0)
        return std::nullopt;
    auto split = [](const QString &part) {
        return part.isEmpty() ? QStringList() : part.split(QLatin1Char(':'));
    };
    const QStringList head = split(gap >= 0 ? text.left(gap) : text);
    const QStringList tail = gap >= 0 ? split(text.mid(gap + 2)) : QStringList();
    if ((gap < 0 && head.size() != 8) || head.size() + tail.size() > (gap >= 0 ? 7 : 8))
        return std::nullopt;
    Groups g{};
    for (int i = 0; i < head.size(); ++i) {
        const auto v = hexGroup(head[i]);
        if (!v)
            return std::nullopt;
        g[size_t(i)] = *v;
    }
    for (int i = 0; i < tail.size(); ++i) {
        const auto v = hexGroup(tail[i]);
        if (!v)
            return std::nullopt;
        g[size_t(8 - tail.size() + i)] = *v;
    }
    return g;
}

} // namespace

QString compactAddress(const QString &text)
{
    const auto g = parseV6(text);
    if (!g)
        return text;
    // The longest run of two or more zero groups (the first of equals) becomes "::".
    int best = -1, bestLen = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && (*g)[size_t(j)] == 0)
            ++j;
        if (j - i > bestLen) {
            best = i;
            bestLen = j - i;
        }
        i = j == i ? i + 1 : j;
    }
    QString out;
    for (int i = 0; i < 8; ++i) {
        if (i == best) {
            out += QStringLiteral("::");
            i += bestLen - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(QLatin1Char(':')))
            out += QLatin1Char(':');
        out += QString::number((*g)[size_t(i)], 16);
    }
    return out;
}

} // namespace pathlens::core
