// SPDX-License-Identifier: GPL-3.0-or-later
// Alias of unique_fd.h (both names are included by other collectors; the class lives there).
#pragma once

#include "unique_fd.h"
