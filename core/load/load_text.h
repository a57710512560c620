// SPDX-License-Identifier: GPL-3.0-or-later
// Words for the Under load page: directions, a test's flags, the two legs, where a queue sits, and
// the explanations behind each figure — as a person says them, never the stored identifiers.
#pragma once

#include "core/load/load_picture.h"

#include <QString>
#include <QStringList>

namespace pathlens::core {

QString transferDirectionText(TransferDirection direction); // "Download" / "Upload"

// A test's flags in words: "calibration", "out of family — retested", "retest", "early exit on a lossy
// link", "skipped: data budget", "rate limited (HTTP 429)", "failed: …", "fallback server".
QStringList throughputFlagWords(const ThroughputResult &result);
// "3 of 8", "round 4" (continuous), "on demand".
QString throughputRoundText(const ThroughputResult &result);
// "10.9.0.2:8080" from "http://10.9.0.2:8080" (the whole URL goes in the tooltip).
QString throughputServerText(const QString &url);

// "Your router (gateway)" / "The internet".
QString legTitle(bool gateway);
// "idle", "downloading", "uploading".
QString loadClassText(LoadClass loadClass);
// "+12 ms downloading · +85 ms uploading", or what is missing.
QString bloatDeltaText(const LegBufferbloat &leg);
QString rpmText(double rpm); // "410 RPM"

// Where the queue that load fills sits, from the two legs' rises.
enum class QueuePlace { Unknown, None, BeyondRouter, OwnNetwork, NoGatewaySplit };
QueuePlace queuePlace(const BufferbloatSplit &split);
// One line a person reads: "the queue sits beyond your router …".
QString queuePlaceText(const BufferbloatSplit &split);

// What a figure means and how it is measured (tooltips; SPEC §2, docs/methodology.md "Under load").
QString throughputHelp();
QString bufferbloatHelp();
QString rpmHelp();
QString loadClassHelp(LoadClass loadClass);

} // namespace pathlens::core
