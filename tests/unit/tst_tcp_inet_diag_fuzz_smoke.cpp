// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic mutation fuzzing of the inet_diag parser and recording reader inside the normal suite
// (tests/fuzz/fuzz_inet_diag.cpp goes further): no crash, no read outside the buffer (ASan builds).
#include "collectors/tcp/inet_diag_parser.h"
#include "collectors/tcp/tcp_recording.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace pathlens;

class TestTcpInetDiagFuzzSmoke : public QObject {
    Q_OBJECT
private slots:
    void mutatedDumpsNeverCrash()
    {
        auto recording = collect::readTcpRecording(QStringLiteral(PATHLENS_TEST_DATA_DIR "/tcp/loopback_mixed.tcprec"));
        QVERIFY(recording.ok());
        std::vector<QByteArray> seeds;
        for (const auto &r : *recording)
            if (r.kind != collect::TcpRecord::Starts)
                seeds.push_back(r.batch.bytes);
        QVERIFY(!seeds.empty());
        QRandomGenerator rng(20261122); // fixed seed: failures reproduce
        int parsed = 0, rejected = 0;
        for (int round = 0; round < 4000; ++round) {
            QByteArray input = seeds[rng.bounded(int(seeds.size()))];
            const int edits = 1 + int(rng.bounded(6));
            for (int e = 0; e < edits && !input.isEmpty(); ++e) {
                const int pos = int(rng.bounded(input.size()));
                switch (rng.bounded(4)) {
                case 0: input[pos] = char(rng.bounded(256)); break;                   // byte flip
                case 1: input.remove(pos, 1 + int(rng.bounded(16))); break;            // cut
                case 2: input.insert(pos, QByteArray(1 + int(rng.bounded(8)), char(rng.bounded(256)))); break;
                default: input.truncate(pos); break;                                  // short read
                }
            }
            auto r = collect::parseInetDiag(input);
            if (r.ok()) {
                ++parsed;
                for (const auto &x : r->readings)
                    QVERIFY(x.localAddr.size() <= 47 && x.remoteAddr.size() <= 47);
            } else {
                ++rejected;
                QVERIFY(!r.error().message.isEmpty());
            }
            (void)collect::parseTcpRecording(input); // must not crash either
        }
        QVERIFY(parsed > 100);   // many mutations only touch counters and addresses
        QVERIFY(rejected > 100); // and many break the framing
    }
};

QTEST_GUILESS_MAIN(TestTcpInetDiagFuzzSmoke)
#include "tst_tcp_inet_diag_fuzz_smoke.moc"
