// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic mutation fuzzing of the nl80211 parser inside the normal suite (tests/fuzz/fuzz_nl80211.cpp
// goes further): no crash, no read outside the buffer (ASan builds), every accepted reply stays sane.
#include "byte_mutator.h"
#include "collectors/wifi/nl80211_parser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace pathlens;

class TestWifiParserFuzzSmoke : public QObject {
    Q_OBJECT
private slots:
    void mutatedDumpsNeverCrash()
    {
        std::vector<QByteArray> seeds;
        QDirIterator it(QStringLiteral(PATHLENS_TEST_DATA_DIR "/wifi"), {QStringLiteral("*.bin")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            seeds.push_back(f.readAll());
        }
        QCOMPARE(int(seeds.size()), 9);
        QRandomGenerator rng(20261206); // fixed seed: failures reproduce
        int parsed = 0, rejected = 0;
        for (int round = 0; round < 20000; ++round) {
            const QByteArray input = test::mutate(seeds[rng.bounded(int(seeds.size()))], rng);
            auto r = collect::parseNl80211(input);
            if (!r) {
                ++rejected;
                QVERIFY(!r.error().message.isEmpty());
                continue;
            }
            ++parsed;
            // What was accepted came from inside the buffer: bounded sizes, well-formed text.
            QVERIFY(r->interfaces.size() + r->stations.size() + r->surveys.size() <= size_t(input.size() / 20));
            for (const auto &st : r->stations)
                QVERIFY(st.bssid.isEmpty() || st.bssid.size() == 17);
            for (const auto &i : r->interfaces) {
                QVERIFY(i.ssid.size() <= 4 * input.size()); // "\xNN" per byte at most
                const core::WifiSample s = collect::assembleWifiSample(i, r->stations, r->surveys, 0);
                QVERIFY(!s.channel || (*s.channel >= 1 && *s.channel <= 233));
            }
        }
        QVERIFY2(parsed > 300, qPrintable(QString::number(parsed)));     // some edits only touch values
        QVERIFY2(rejected > 3000, qPrintable(QString::number(rejected))); // most break the framing
    }
};

QTEST_GUILESS_MAIN(TestWifiParserFuzzSmoke)
#include "tst_wifi_parser_fuzz_smoke.moc"
