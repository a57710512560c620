// SPDX-License-Identifier: GPL-3.0-or-later
// The one source of the targets that only carry the tests' precompiled headers (cmake/PathlensTest.cmake).
