// SPDX-License-Identifier: GPL-3.0-or-later
// Parses the forwarder's line-based configuration (pure: text in, links out, no I/O).
#include "impair_config.h"

#include <charconv>
#include <sstream>

namespace pathlens::lab {

namespace {

std::vector<std::string> splitWords(std::string_view line)
{
    std::vector<std::string> words;
    std::istringstream in{std::string(line)};
    std::string w;
    while (in >> w)
        words.push_back(w);
    return words;
}

std::optional<double> toDouble(const std::string &s)
{
    try {
        size_t used = 0;
        const double v = std::stod(s, &used);
        if (used != s.size())
            return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

// Applies key=value to params; returns an error text or empty.
std::string applyKey(ImpairParams &p, const std::string &kv)
{
    const auto eq = kv.find('=');
    if (eq == std::string::npos)
        return "expected key=value, got '" + kv + "'";
    const std::string key = kv.substr(0, eq);
    const std::string val = kv.substr(eq + 1);
    if (key == "seed") {
        uint64_t seed = 0;
        auto [ptr, ec] = std::from_chars(val.data(), val.data() + val.size(), seed);
        if (ec != std::errc() || ptr != val.data() + val.size())
            return "bad seed '" + val + "'";
        p.seed = seed;
        return {};
    }
    const auto num = toDouble(val);
    if (!num || *num < 0.0)
        return "bad value for " + key + ": '" + val + "' (need a number >= 0)";
    const double v = *num;
    if (key == "delay_ms")
        p.delayMs = v;
    else if (key == "jitter_ms")
        p.jitterMs = v;
    else if (key == "loss_pct")
        p.lossPct = v;
    else if (key == "ge_p")
        p.geP = v;
    else if (key == "ge_r")
        p.geR = v;
    else if (key == "reorder_pct")
        p.reorderPct = v;
    else if (key == "reorder_hold_ms")
        p.reorderHoldMs = v;
    else
        return "unknown key '" + key + "'";
    if ((key == "loss_pct" || key == "reorder_pct") && v > 100.0)
        return key + " must be <= 100";
    if ((key == "ge_p" || key == "ge_r") && v > 1.0)
        return key + " is a probability (0..1)";
    return {};
}

} // namespace

ConfigResult parseImpairConfig(std::string_view text)
{
    ConfigResult result;
    size_t lineNo = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        const size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (const auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        const auto words = splitWords(line);
        if (words.empty())
            continue;
        auto fail = [&](const std::string &what) {
            result.links.clear();
            result.error = "line " + std::to_string(lineNo) + ": " + what;
            return result;
        };
        if (words[0] == "link") {
            if (words.size() != 4)
                return fail("usage: link NAME IF_A IF_B");
            for (const auto &l : result.links)
                if (l.name == words[1])
                    return fail("duplicate link '" + words[1] + "'");
            LinkConfig link;
            link.name = words[1];
            link.ifA = words[2];
            link.ifB = words[3];
            result.links.push_back(link);
        } else if (words[0] == "dir") {
            if (words.size() < 3)
                return fail("usage: dir NAME a2b|b2a key=value ...");
            LinkConfig *link = nullptr;
            for (auto &l : result.links)
                if (l.name == words[1])
                    link = &l;
            if (!link)
                return fail("dir before its link '" + words[1] + "'");
            ImpairParams *p = nullptr;
            if (words[2] == "a2b")
                p = &link->a2b;
            else if (words[2] == "b2a")
                p = &link->b2a;
            else
                return fail("direction must be a2b or b2a");
            for (size_t i = 3; i < words.size(); ++i)
                if (auto err = applyKey(*p, words[i]); !err.empty())
                    return fail(err);
        } else {
            return fail("unknown statement '" + words[0] + "'");
        }
        if (end == text.size())
            break;
    }
    if (result.links.empty() && result.error.empty())
        result.error = "no links configured";
    return result;
}

} // namespace pathlens::lab
