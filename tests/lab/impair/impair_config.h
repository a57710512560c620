// SPDX-License-Identifier: GPL-3.0-or-later
// Parses the forwarder's line-based configuration (pure: text in, links out, no I/O).
#pragma once

#include "impair_model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathlens::lab {

// One impaired wire: frames arriving on ifA leave on ifB (direction a2b) and vice versa.
struct LinkConfig {
    std::string name;
    std::string ifA;
    std::string ifB;
    ImpairParams a2b;
    ImpairParams b2a;
};

struct ConfigResult {
    std::vector<LinkConfig> links;
    std::string error; // empty on success; else "line N: what is wrong"
};

// Format (one statement per line, '#' starts a comment):
//   link NAME IF_A IF_B
//   dir NAME a2b|b2a key=value ...   keys: delay_ms jitter_ms loss_pct ge_p ge_r reorder_pct
//                                          reorder_hold_ms seed
ConfigResult parseImpairConfig(std::string_view text);

} // namespace pathlens::lab
