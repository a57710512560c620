# SPDX-License-Identifier: GPL-3.0-or-later
"""Pathlens network lab: scenarios in network namespaces with ground-truth impairments."""
