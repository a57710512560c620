// SPDX-License-Identifier: GPL-3.0-or-later
// The seed tool's CSV vocabulary: every type lands in the right table and fields, round trips through
// export --dialect seed, its notes variants are normalised, and a file of nothing usable says so per type.
#include "tests/common/csv_round_trip.h"
#include "tests/common/scratch_captures.h"
#include "core/interchange/csv_interchange.h"
#include "core/interchange/csv_codec.h"
#include "core/interchange/csv_layout.h"
#include "core/base/notes_codec.h"
#include "core/base/time_utc.h"

#include <QBuffer>
#include <QTest>

#include <algorithm>
#include <iterator>

using namespace pathlens::core;
using namespace pathlens::test;

class TestSeedDialect : public QObject {
    Q_OBJECT
private:
    pathlens::test::ScratchCaptures m_captures;

    std::unique_ptr<CaptureStore> freshStore() { return m_captures.fresh(); }
    static QByteArray fixture() { return testData("seed_vocabulary.csv"); }
    static std::vector<QStringList> records(const QByteArray &csv)
    {
        QByteArray copy = csv;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        std::vector<QStringList> out;
        CsvReader::Record rec;
        while (reader.next(rec))
            out.push_back(rec.fields);
        return out;
    }
    // Notes as a sorted list of pairs: the order of keys is not part of a record's meaning.
    static std::vector<Notes::Pair> notePairs(const QString &text)
    {
        auto notes = Notes::parse(text);
        if (!notes)
            return {{QStringLiteral("unparseable"), text}};
        std::vector<Notes::Pair> pairs = notes->pairs();
        std::sort(pairs.begin(), pairs.end());
        return pairs;
    }
    static void compareRecords(const std::vector<QStringList> &actual, const std::vector<QStringList> &expected)
    {
        QCOMPARE(actual.size(), expected.size());
        for (size_t i = 0; i < actual.size(); ++i) {
            QCOMPARE(actual[i].size(), kCsvColumnCount);
            for (int c = 0; c < int(CsvColumn::Notes); ++c)
                QVERIFY2(actual[i].at(c) == expected[i].at(c),
                         qPrintable(QStringLiteral("record %1 column %2: '%3' != '%4'")
                                        .arg(i).arg(csvHeader().at(c), actual[i].at(c), expected[i].at(c))));
            QVERIFY2(notePairs(actual[i].at(int(CsvColumn::Notes))) == notePairs(expected[i].at(int(CsvColumn::Notes))),
                     qPrintable(QStringLiteral("record %1 notes: '%2' != '%3'")
                                    .arg(i).arg(actual[i].at(int(CsvColumn::Notes)), expected[i].at(int(CsvColumn::Notes)))));
        }
    }
    static std::vector<Row> rowsOf(CaptureStore &store, Table table, const QString &where = {})
    {
        std::vector<Row> rows;
        (void)store.forEach(table, [&](const Row &r) { rows.push_back(r); return true; }, where);
        return rows;
    }
    static qint64 ts(const char *utc) { return *parseUtc(QString::fromLatin1(utc)); }
    static QString notesOf(const Row &row, const char *key)
    {
        auto notes = Notes::parse(row.get("notes").toString());
        return notes ? notes->value(QString::fromLatin1(key)).value_or(QStringLiteral("<absent>")) : QStringLiteral("<bad>");
    }

private slots:
    void everySeedTypeImportsIntoItsTable()
    {
        auto store = freshStore();
        auto report = importBytes(fixture(), *store);
        QVERIFY(report);
        const qint64 dataRecords = qint64(records(fixture()).size()) - 1;
        QCOMPARE(report->records, dataRecords);
        QCOMPARE(report->rowsImported, dataRecords);
        QCOMPARE(report->rowsSkipped, 0);
        QCOMPARE(report->metaImported, 0);
        QVERIFY(!report->acceptedNothing());
        // Per type, under the file's own words, and every seed word is present in the fixture.
        QCOMPARE(report->perType.size(), size_t(seedTypes().size()));
        for (const QString &type : seedTypes())
            QVERIFY2(report->perType.count(type), qPrintable(type));
        QCOMPARE(report->perType.at("ping").imported, 3);
        QCOMPARE(report->perType.at("throughput_down").imported, 2);
        QCOMPARE(report->perType.at("calibration").imported, 1);
        QCOMPARE(report->perType.at("youtube_abr").imported, 1);
        QVERIFY(report->perTypeSummary().contains("  ping: 3 imported\n"));

        // Probes: our probe ids, every fixed column in place.
        const auto probes = rowsOf(*store, Table::ProbeSamples);
        QCOMPARE(probes.size(), size_t(11));
        auto probe = [&](const char *at) {
            for (const Row &r : probes)
                if (r.get("ts_us").toLongLong() == ts(at))
                    return r;
            qFatal("no probe row at %s", at);
        };
        const Row gateway = probe("2026-11-22T14:00:00.000Z");
        QCOMPARE(gateway.get("probe").toString(), QString("icmp"));
        QCOMPARE(gateway.get("target").toString(), QString("192.168.1.1"));
        QCOMPARE(gateway.get("rtt_ms").toDouble(), 3.2);
        QCOMPARE(gateway.get("lost").toInt(), 0);
        QCOMPARE(gateway.get("seq").toInt(), 0);
        QCOMPARE(gateway.get("notes").toString(), QString("gateway=1"));
        const Row lost = probe("2026-11-22T14:00:00.400Z");
        QCOMPARE(lost.get("probe").toString(), QString("icmp"));
        QVERIFY(lost.get("rtt_ms").isNull());
        QCOMPARE(lost.get("lost").toInt(), 1);
        QCOMPARE(lost.get("seq").toInt(), 2);
        QVERIFY(lost.get("notes").isNull());
        const Row udp = probe("2026-11-22T14:00:00.600Z");
        QCOMPARE(udp.get("probe").toString(), QString("udp_dns"));
        QCOMPARE(udp.get("rtt_ms").toDouble(), 27.1);
        QCOMPARE(notesOf(udp, "qid"), QString("4242"));
        const Row tcp = probe("2026-11-22T14:00:01.000Z");
        QCOMPARE(tcp.get("probe").toString(), QString("tcp_connect"));
        QCOMPARE(tcp.get("target").toString(), QString("192.0.2.8:443"));
        QCOMPARE(tcp.get("rtt_ms").toDouble(), 25.6);
        const Row quic = probe("2026-11-22T14:00:02.000Z");
        QCOMPARE(quic.get("probe").toString(), QString("quic"));
        QCOMPARE(quic.get("rtt_ms").toDouble(), 61.3);
        QCOMPARE(notesOf(quic, "alpn"), QString("h3"));
        const Row http = probe("2026-11-22T14:00:03.000Z");
        QCOMPARE(http.get("probe").toString(), QString("http_head"));
        QCOMPARE(http.get("rtt_ms").toDouble(), 142.7);
        QCOMPARE(http.get("dns_ms").toDouble(), 11.4);
        QCOMPARE(notesOf(http, "via"), QString("1.1 edge"));
        QCOMPARE(notesOf(http, "cdn_delta_ms"), QString("35.2"));
        const Row dns = probe("2026-11-22T14:00:04.000Z");
        QCOMPARE(dns.get("probe").toString(), QString("dns_system"));
        QVERIFY(dns.get("rtt_ms").isNull());
        QCOMPARE(dns.get("dns_ms").toDouble(), 18.9);
        const Row cdn = probe("2026-11-22T14:02:00.000Z");
        QCOMPARE(cdn.get("probe").toString(), QString("cdn_throughput"));
        QCOMPARE(cdn.get("target").toString(), QString("oca.example.net"));
        QCOMPARE(cdn.get("rtt_ms").toDouble(), 38.2);
        QCOMPARE(cdn.get("throughput_mbps").toDouble(), 21.7);
        QCOMPARE(cdn.get("dns_ms").toDouble(), 6.3);
        QCOMPARE(notesOf(cdn, "tier"), QString("4K"));
        QCOMPARE(notesOf(cdn, "bytes"), QString("5000000"));
        const Row segment = probe("2026-11-22T14:02:30.000Z");
        QCOMPARE(segment.get("probe").toString(), QString("youtube_segment"));
        QCOMPARE(segment.get("seq").toInt(), 2);
        QCOMPARE(segment.get("rtt_ms").toDouble(), 44.0);
        QCOMPARE(segment.get("throughput_mbps").toDouble(), 17.9);
        QCOMPARE(notesOf(segment, "recommended"), QString("1080p"));
        const Row abr = probe("2026-11-22T14:03:00.000Z");
        QCOMPARE(abr.get("probe").toString(), QString("youtube_abr"));
        QVERIFY(abr.get("rtt_ms").isNull());
        QCOMPARE(notesOf(abr, "startup_ms"), QString("2310"));
        QCOMPARE(notesOf(abr, "stalls"), QString("1"));

        // traceroute → a trace; its rtt_ms and loss_bool have no column there and wait in notes.
        const auto traces = rowsOf(*store, Table::Traces);
        QCOMPARE(traces.size(), size_t(1));
        QCOMPARE(traces[0].get("ts_us").toLongLong(), ts("2026-11-22T14:00:05.000Z"));
        QCOMPARE(traces[0].get("target").toString(), QString("192.0.2.8"));
        QCOMPARE(traces[0].get("hop_count").toInt(), 9);
        QVERIFY(traces[0].get("proto").isNull());
        QCOMPARE(notesOf(traces[0], "first_hop"), QString("192.168.1.1"));
        QCOMPARE(notesOf(traces[0], "csv_rtt_ms"), QString("31.5"));
        QCOMPARE(notesOf(traces[0], "csv_loss_bool"), QString("false"));

        // wifi: the seed's unit-less keys land in our columns.
        const auto wifi = rowsOf(*store, Table::WifiSamples);
        QCOMPARE(wifi.size(), size_t(1));
        QCOMPARE(wifi[0].get("iface").toString(), QString("en0"));
        QCOMPARE(wifi[0].get("ssid").toString(), QString("CafeNet"));
        QCOMPARE(wifi[0].get("bssid").toString(), QString("aa:bb:cc:dd:ee:01"));
        QCOMPARE(wifi[0].get("rssi_dbm").toDouble(), -61.0);
        QCOMPARE(wifi[0].get("noise_dbm").toDouble(), -92.0);
        QCOMPARE(wifi[0].get("channel").toInt(), 36);
        QCOMPARE(wifi[0].get("width_mhz").toInt(), 80);
        QCOMPARE(wifi[0].get("band").toString(), QString("5GHz"));
        QCOMPARE(wifi[0].get("phy_mode").toString(), QString("ac"));
        QCOMPARE(wifi[0].get("mcs").toInt(), 9);
        QCOMPARE(wifi[0].get("nss").toInt(), 2);
        QCOMPARE(wifi[0].get("tx_mbps").toDouble(), 866.7);
        QVERIFY(wifi[0].get("freq_mhz").isNull());
        QVERIFY(wifi[0].get("notes").isNull());

        // loss_burst with loss_bool=true: a burst of ICMP losses.
        const auto bursts = rowsOf(*store, Table::LossBursts);
        QCOMPARE(bursts.size(), size_t(1));
        QCOMPARE(bursts[0].get("probe").toString(), QString("icmp"));
        QCOMPARE(bursts[0].get("target").toString(), QString("192.0.2.8"));
        QCOMPARE(bursts[0].get("length").toInt(), 6);
        QCOMPARE(bursts[0].get("duration_ms").toDouble(), 1200.0);
        QCOMPARE(bursts[0].get("cycle_offset_ms").toDouble(), 5200.0);
        QCOMPARE(notesOf(bursts[0], "utc_second"), QString("20"));

        // Throughput: direction and calibration flags, the backend in its column, the URL host in notes.
        const auto tests = rowsOf(*store, Table::ThroughputResults);
        QCOMPARE(tests.size(), size_t(4));
        const Row &cal = tests[0];
        QCOMPARE(cal.get("direction").toString(), QString("download"));
        QCOMPARE(cal.get("calibration").toInt(), 1);
        QCOMPARE(cal.get("mbps").toDouble(), 52.3);
        QCOMPARE(cal.get("backend").toString(), QString("worker"));
        QCOMPARE(cal.get("bytes").toLongLong(), 10000000);
        QCOMPARE(cal.get("round").toInt(), 2);
        QCOMPARE(cal.get("early_exit").toInt(), 1);
        QCOMPARE(notesOf(cal, "target"), QString("speed.example.net"));
        const Row &down = tests[1];
        QCOMPARE(down.get("direction").toString(), QString("download"));
        QVERIFY(down.get("calibration").isNull());
        QCOMPARE(down.get("mbps").toDouble(), 48.6);
        QCOMPARE(down.get("streams").toInt(), 4);
        QCOMPARE(down.get("bytes").toLongLong(), 24300000);
        QCOMPARE(down.get("round").toInt(), 1);
        QCOMPARE(down.get("total_rounds").toInt(), 5);
        QCOMPARE(down.get("out_of_family").toInt(), 0);
        QVERIFY(!down.get("out_of_family").isNull());
        const Row &up = tests[2];
        QCOMPARE(up.get("direction").toString(), QString("upload"));
        QCOMPARE(up.get("mbps").toDouble(), 11.2);
        QCOMPARE(up.get("bytes").toLongLong(), 5600000);
        const Row &skipped = tests[3];
        QCOMPARE(skipped.get("direction").toString(), QString("download"));
        QVERIFY(skipped.get("mbps").isNull());
        QCOMPARE(skipped.get("skipped").toString(), QString("data_budget"));
        QCOMPARE(skipped.get("backend").toString(), QString("fallback"));
        QCOMPARE(skipped.get("round").toInt(), 4);
    }

    // import → export --dialect seed gives the same records; only the order of notes keys may differ.
    void seedFileRoundTripsThroughSeedDialect()
    {
        auto store = freshStore();
        QVERIFY(importBytes(fixture(), *store));
        CsvExportReport report;
        const QByteArray exported = exportBytes(*store, CsvDialect::Seed, &report);
        QCOMPARE(report.rowsOutsideDialect, 0);
        QCOMPARE(report.rowsUnmapped, 0);
        const auto expected = records(fixture());
        QCOMPARE(report.rowsWritten, qint64(expected.size()) - 1);
        compareRecords(records(exported), expected);

        // And our dialect survives the detour: ours → seed → ours is the same as ours.
        auto again = freshStore();
        QVERIFY(importBytes(exported, *again));
        compareRecords(records(exportBytes(*again, CsvDialect::Pathlens)), records(exportBytes(*store, CsvDialect::Pathlens)));
    }

    // What the seed has no word for (sessions, hops, mesh, metadata, trains) is counted, not written.
    void seedExportLeavesOutWhatHasNoWord()
    {
        auto store = freshStore();
        QVERIFY(importBytes(testData("roundtrip.csv"), *store));
        qint64 expectedLeftOut = 0;
        for (Table t : {Table::TcpSessions, Table::TcpReadings, Table::TraceHops, Table::MeshResults, Table::Events,
                        Table::FleetDevices, Table::CapacityResults, Table::Diagnoses})
            expectedLeftOut += *store->count(t);
        expectedLeftOut += qint64(rowsOf(*store, Table::ProbeSamples, QStringLiteral("probe IN ('train','throughput')")).size());
        const auto allMeta = store->allMeta();
        for (auto it = allMeta.begin(); it != allMeta.end(); ++it)
            expectedLeftOut += it.key() == QLatin1String("format") ? 0 : 1;
        QVERIFY(expectedLeftOut > 5);
        CsvExportReport report;
        const auto written = records(exportBytes(*store, CsvDialect::Seed, &report));
        QCOMPARE(report.rowsOutsideDialect, expectedLeftOut);
        QCOMPARE(qint64(written.size()) - 1, report.rowsWritten);
        for (size_t i = 1; i < written.size(); ++i)
            QVERIFY2(seedTypes().contains(written[i].at(int(CsvColumn::Type))), qPrintable(written[i].join(',')));
    }

    // Variants the seed may write, read into the same fields.
    void seedVariantsAreNormalised()
    {
        auto store = freshStore();
        const QByteArray csv = csvHeader().join(',').toUtf8() + "\n"
                               "2026-11-22T15:00:00.000Z,wifi,en1,,,,,,,,rssi=-70;tx_rate=433.3\n"
                               "2026-11-22T15:00:01.000Z,calibration,s.example.net,,,,,9.5,,,direction=up;round_num=3;early_exit=true\n"
                               "2026-11-22T15:00:02.000Z,throughput_down,s.example.net,,,,,30,,,out_of_family=yes;retest=false\n"
                               "2026-11-22T15:00:03.000Z,loss_burst,192.0.2.53,,1,,,,,7,probe=udp\n"
                               "2026-11-22T15:00:04.000Z,ping,192.0.2.8,20,false,5,,,,3,\n";
        auto report = importBytes(csv, *store);
        QVERIFY(report);
        QCOMPARE(report->rowsImported, 5);
        QCOMPARE(report->rowsSkipped, 0);
        const auto wifi = rowsOf(*store, Table::WifiSamples);
        QCOMPARE(wifi.size(), size_t(1));
        QCOMPARE(wifi[0].get("rssi_dbm").toDouble(), -70.0);
        QCOMPARE(wifi[0].get("tx_mbps").toDouble(), 433.3);
        QVERIFY(wifi[0].get("notes").isNull());
        const auto tests = rowsOf(*store, Table::ThroughputResults);
        QCOMPARE(tests.size(), size_t(2));
        QCOMPARE(tests[0].get("direction").toString(), QString("upload"));
        QCOMPARE(tests[0].get("calibration").toInt(), 1);
        QCOMPARE(tests[0].get("round").toInt(), 3);
        QCOMPARE(tests[0].get("early_exit").toInt(), 1);
        QCOMPARE(tests[0].get("mbps").toDouble(), 9.5);
        QCOMPARE(tests[1].get("out_of_family").toInt(), 1);
        QCOMPARE(tests[1].get("retest").toInt(), 0);
        QVERIFY(!tests[1].get("retest").isNull());
        const auto bursts = rowsOf(*store, Table::LossBursts);
        QCOMPARE(bursts.size(), size_t(1));
        QCOMPARE(bursts[0].get("probe").toString(), QString("udp_dns"));
        QCOMPARE(bursts[0].get("length").toInt(), 7);
        const auto probes = rowsOf(*store, Table::ProbeSamples);
        QCOMPARE(probes.size(), size_t(1));
        QCOMPARE(notesOf(probes[0], "csv_burst_size"), QString("3"));

        // Back in the seed's words: the burst's probe by its seed name, the stray column restored.
        const auto written = records(exportBytes(*store, CsvDialect::Seed));
        QCOMPARE(written.size(), size_t(6));
        QCOMPARE(written[4].at(int(CsvColumn::Type)), QString("loss_burst"));
        QCOMPARE(written[4].at(int(CsvColumn::LossBool)), QString("true"));
        QCOMPARE(written[4].at(int(CsvColumn::Notes)), QString("probe=udp"));
        QCOMPARE(written[5].at(int(CsvColumn::BurstSize)), QString("3"));
        QCOMPARE(written[5].at(int(CsvColumn::Notes)), QString());
        QCOMPARE(written[2].at(int(CsvColumn::Type)), QString("calibration"));
        QCOMPARE(written[3].at(int(CsvColumn::Type)), QString("throughput_down"));
    }

    // A fixed column a seed type's row has no place for waits in notes as csv_<column>, for every seed
    // word alike (quic, wifi and loss_burst, which ours shares, included), and goes back to its column.
    void strayFixedColumnIsKeptForEverySeedType()
    {
        struct Stray {
            const char *record;
            Table table;
            const char *key;
            const char *value;
        };
        const Stray strays[] = {
            {"2026-11-22T16:00:00.000Z,ping,192.0.2.8,20.5,false,1,4,,,,", Table::ProbeSamples, "csv_hop_count", "4"},
            {"2026-11-22T16:00:01.000Z,udp,192.0.2.53,21,false,1,,,,2,", Table::ProbeSamples, "csv_burst_size", "2"},
            {"2026-11-22T16:00:02.000Z,tcp,192.0.2.8:443,22,false,1,5,,,,", Table::ProbeSamples, "csv_hop_count", "5"},
            {"2026-11-22T16:00:03.000Z,quic,q.example.net:443,60,false,1,,,,3,alpn=h3", Table::ProbeSamples, "csv_burst_size", "3"},
            {"2026-11-22T16:00:04.000Z,http,www.example.net,140,false,1,6,,11,,", Table::ProbeSamples, "csv_hop_count", "6"},
            {"2026-11-22T16:00:05.000Z,dns,www.example.net,,false,1,,,18,4,", Table::ProbeSamples, "csv_burst_size", "4"},
            {"2026-11-22T16:00:06.000Z,traceroute,192.0.2.8,,,7,9,,,,hops=192.0.2.1|*", Table::Traces, "csv_seq", "7"},
            {"2026-11-22T16:00:07.000Z,wifi,en0,2.5,,,,866.7,,,ssid=CafeNet", Table::WifiSamples, "csv_rtt_ms", "2.5"},
            {"2026-11-22T16:00:08.000Z,loss_burst,192.0.2.8,,true,9,,,,6,", Table::LossBursts, "csv_seq", "9"},
            {"2026-11-22T16:00:09.000Z,throughput_down,speed.example.net,40,,,,48.6,,,backend=worker", Table::ThroughputResults,
             "csv_rtt_ms", "40"},
            {"2026-11-22T16:00:10.000Z,throughput_up,speed.example.net,,,,,11.2,3,,backend=worker", Table::ThroughputResults,
             "csv_dns_ms", "3"},
            {"2026-11-22T16:00:11.000Z,calibration,speed.example.net,,,1,,52.3,,,backend=worker;direction=download",
             Table::ThroughputResults, "csv_seq", "1"},
            {"2026-11-22T16:00:12.000Z,cdn_throughput,oca.example.net,38,false,,3,21.7,,,tier=4K", Table::ProbeSamples,
             "csv_hop_count", "3"},
            {"2026-11-22T16:00:13.000Z,youtube_segment,media.example.net,44,false,2,,17.9,,1,codec=vp9", Table::ProbeSamples,
             "csv_burst_size", "1"},
            {"2026-11-22T16:00:14.000Z,youtube_abr,media.example.net,,false,,8,,,,stalls=1", Table::ProbeSamples,
             "csv_hop_count", "8"},
        };
        QByteArray csv = csvHeader().join(',').toUtf8() + '\n';
        QStringList typesCovered;
        for (const Stray &s : strays) {
            csv += QByteArray(s.record) + '\n';
            typesCovered << QString::fromLatin1(s.record).split(',').at(1);
        }
        QCOMPARE(typesCovered, seedTypes()); // one row for every seed word

        auto store = freshStore();
        auto report = importBytes(csv, *store);
        QVERIFY(report);
        QCOMPARE(report->rowsSkipped, 0);
        QCOMPARE(report->rowsImported, qint64(std::size(strays)));
        QCOMPARE(report->rowsNormalised, 0);
        for (const Stray &s : strays) {
            const qint64 at = *parseUtc(QString::fromLatin1(s.record).section(',', 0, 0));
            const auto rows = rowsOf(*store, s.table, QStringLiteral("ts_us = %1").arg(at));
            QVERIFY2(rows.size() == 1, s.record);
            QVERIFY2(notesOf(rows[0], s.key) == QLatin1String(s.value),
                     qPrintable(QStringLiteral("%1: notes '%2'").arg(QString::fromLatin1(s.record), rows[0].get("notes").toString())));
        }
        // The seed export puts each value back in its column: the same records again.
        CsvExportReport exported;
        const auto written = records(exportBytes(*store, CsvDialect::Seed, &exported));
        QCOMPARE(exported.rowsOutsideDialect, 0);
        compareRecords(written, records(csv));
    }

    // The type word decides a throughput test's direction; a note that says otherwise is kept aside
    // as note_direction, counted as a normalisation, and written back as the seed wrote it.
    void throughputDirectionIsTheTypeWord()
    {
        const QByteArray csv = csvHeader().join(',').toUtf8() + "\n"
                               "2026-11-22T17:00:00.000Z,throughput_down,s.example.net,,,,,30,,,backend=w;direction=up\n"
                               "2026-11-22T17:00:01.000Z,throughput_up,s.example.net,,,,,10,,,backend=w;direction=UL\n"
                               "2026-11-22T17:00:02.000Z,throughput_up,s.example.net,,,,,11,,,backend=w;direction=sideways\n"
                               "2026-11-22T17:00:03.000Z,throughput_down,s.example.net,,,,,31,,,direction=up;note_direction=down\n";
        auto store = freshStore();
        auto report = importBytes(csv, *store);
        QVERIFY(report);
        QCOMPARE(report->rowsImported, 3);
        QCOMPARE(report->rowsSkipped, 1);
        QCOMPARE(report->rowsNormalised, 2);
        const CsvTypeTally &down = report->perType.at("throughput_down");
        QCOMPARE(down.imported, 1);
        QCOMPARE(down.skipped, 1);
        QCOMPARE(down.normalised, 1);
        QCOMPARE(down.firstNormalisation.line, 2);
        QVERIFY2(down.firstNormalisation.message.contains("'up' contradicts throughput_down"), qPrintable(down.firstNormalisation.message));
        QCOMPARE(down.firstSkip.line, 5);
        QVERIFY2(down.firstSkip.message.contains("note_direction is taken"), qPrintable(down.firstSkip.message));
        const CsvTypeTally &up = report->perType.at("throughput_up");
        QCOMPARE(up.imported, 2);
        QCOMPARE(up.skipped, 0);
        QCOMPARE(up.normalised, 1);
        QCOMPARE(up.firstNormalisation.line, 4);
        QVERIFY(up.firstNormalisation.message.contains("'sideways' contradicts throughput_up"));
        QVERIFY2(report->summary().contains("1 skipped (first: line 5: ") &&
                     report->summary().contains("; 2 normalised (first: line 2: notes direction 'up' contradicts"),
                 qPrintable(report->summary()));
        QVERIFY2(report->perTypeSummary().contains("  throughput_up: 2 imported, 1 normalised (first: line 4: "),
                 qPrintable(report->perTypeSummary()));

        const auto tests = rowsOf(*store, Table::ThroughputResults);
        QCOMPARE(tests.size(), size_t(3));
        QCOMPARE(tests[0].get("direction").toString(), QString("download"));
        QCOMPARE(tests[0].get("mbps").toDouble(), 30.0);
        QCOMPARE(tests[0].get("backend").toString(), QString("w"));
        QCOMPARE(notesOf(tests[0], "note_direction"), QString("up"));
        QCOMPARE(notesOf(tests[0], "direction"), QString("<absent>")); // in its column
        QCOMPARE(tests[1].get("direction").toString(), QString("upload"));
        QCOMPARE(tests[1].get("mbps").toDouble(), 10.0);
        QCOMPARE(notesOf(tests[1], "note_direction"), QString("<absent>")); // UL agrees: nothing set aside
        QCOMPARE(tests[2].get("direction").toString(), QString("upload"));
        QCOMPARE(tests[2].get("mbps").toDouble(), 11.0);
        QCOMPARE(notesOf(tests[2], "note_direction"), QString("sideways"));

        // Back in the seed's words the contradicting note is the seed's direction again; read once more,
        // it is set aside and counted again, so nothing drifts.
        const QByteArray seedCsv = exportBytes(*store, CsvDialect::Seed);
        const auto written = records(seedCsv);
        QCOMPARE(written.size(), size_t(4));
        QCOMPARE(written[1].at(int(CsvColumn::Type)), QString("throughput_down"));
        QCOMPARE(notePairs(written[1].at(int(CsvColumn::Notes))),
                 (std::vector<Notes::Pair>{{"backend", "w"}, {"direction", "up"}}));
        QCOMPARE(written[2].at(int(CsvColumn::Type)), QString("throughput_up"));
        QCOMPARE(notePairs(written[2].at(int(CsvColumn::Notes))), (std::vector<Notes::Pair>{{"backend", "w"}}));
        QCOMPARE(written[3].at(int(CsvColumn::Type)), QString("throughput_up"));
        QCOMPARE(notePairs(written[3].at(int(CsvColumn::Notes))),
                 (std::vector<Notes::Pair>{{"backend", "w"}, {"direction", "sideways"}}));
        auto again = freshStore();
        auto reread = importBytes(seedCsv, *again);
        QVERIFY(reread);
        QCOMPARE(reread->rowsImported, 3);
        QCOMPARE(reread->rowsNormalised, 2);
        compareRecords(records(exportBytes(*again, CsvDialect::Pathlens)), records(exportBytes(*store, CsvDialect::Pathlens)));
    }

    // A throughput test with no direction the seed has a word for is left out of the seed export and
    // counted, not written as throughput_down (which would read back as a download); a calibration,
    // whose direction is a note, keeps it undetermined.
    void directionlessThroughputIsLeftOutOfSeedExport()
    {
        const QByteArray csv = csvHeader().join(',').toUtf8() + "\n"
                               "2026-11-22T18:00:00.000Z,throughput_test,worker,,,,,50,,,round=1\n"
                               "2026-11-22T18:00:01.000Z,throughput_test,worker,,,,,51,,,direction=sideways\n"
                               "2026-11-22T18:00:02.000Z,throughput_test,worker,,,,,52,,,calibration=1\n"
                               "2026-11-22T18:00:03.000Z,throughput_test,worker,,,,,53,,,direction=upload\n";
        auto store = freshStore();
        auto report = importBytes(csv, *store);
        QVERIFY(report);
        QCOMPARE(report->rowsImported, 4);
        CsvExportReport exported;
        const QByteArray seedCsv = exportBytes(*store, CsvDialect::Seed, &exported);
        QCOMPARE(exported.rowsOutsideDialect, 2);
        QCOMPARE(exported.rowsWritten, 2);
        QCOMPARE(exported.rowsUnmapped, 0);
        const auto written = records(seedCsv);
        QCOMPARE(written.size(), size_t(3));
        QCOMPARE(written[1].at(int(CsvColumn::Type)), QString("calibration"));
        QCOMPARE(written[1].at(int(CsvColumn::ThroughputMbps)), QString("52"));
        QCOMPARE(notePairs(written[1].at(int(CsvColumn::Notes))), (std::vector<Notes::Pair>{{"backend", "worker"}}));
        QCOMPARE(written[2].at(int(CsvColumn::Type)), QString("throughput_up"));
        QCOMPARE(written[2].at(int(CsvColumn::ThroughputMbps)), QString("53"));

        auto again = freshStore();
        QVERIFY(importBytes(seedCsv, *again));
        const auto tests = rowsOf(*again, Table::ThroughputResults);
        QCOMPARE(tests.size(), size_t(2));
        QCOMPARE(tests[0].get("calibration").toInt(), 1);
        QVERIFY(tests[0].get("direction").isNull()); // still undetermined
        QCOMPARE(tests[0].get("mbps").toDouble(), 52.0);
        QCOMPARE(tests[1].get("direction").toString(), QString("upload"));
        QVERIFY(tests[1].get("calibration").isNull());
        QCOMPARE(tests[1].get("mbps").toDouble(), 53.0);
    }

    // Nothing usable: every record skipped, per type with its first reason.
    void nothingAcceptedIsSaidPerType()
    {
        auto store = freshStore();
        const QByteArray csv = csvHeader().join(',').toUtf8() + "\n"
                               "2026-11-22T15:00:00.000Z,loss_burst,192.0.2.8,,false,,,,,5,\n"
                               "2026-11-22T15:00:01.000Z,calibration,s.example.net,,,,,9.5,,,direction=sideways\n"
                               "2026-11-22T15:00:02.000Z,calibration,s.example.net,,,,,9.5,,,direction=down;retest=maybe\n"
                               "yesterday,ping,192.0.2.8,20,false,5,,,,,\n"
                               "2026-11-22T15:00:04.000Z,pong,192.0.2.8,20,false,5,,,,,\n";
        auto report = importBytes(csv, *store);
        QVERIFY(report);
        QVERIFY(report->acceptedNothing());
        QCOMPARE(report->records, 5);
        QCOMPARE(report->rowsSkipped, 5);
        QCOMPARE(report->perType.size(), size_t(4));
        QCOMPARE(report->perType.at("loss_burst").skipped, 1);
        QCOMPARE(report->perType.at("loss_burst").imported, 0);
        QCOMPARE(report->perType.at("loss_burst").firstSkip.line, 2);
        QVERIFY(report->perType.at("loss_burst").firstSkip.message.contains("loss_bool true"));
        QCOMPARE(report->perType.at("calibration").skipped, 2);
        QCOMPARE(report->perType.at("calibration").firstSkip.line, 3);
        QVERIFY(report->perType.at("calibration").firstSkip.message.contains("sideways"));
        QCOMPARE(report->perType.at("ping").firstSkip.line, 5);
        QVERIFY(report->perType.at("ping").firstSkip.message.contains("timestamp"));
        QVERIFY(report->perType.at("pong").firstSkip.message.contains("the seed tool's: ping"));
        QVERIFY(report->perTypeSummary().contains("  calibration: 0 imported, 2 skipped (first: line 3: "));
        QCOMPARE(*store->count(Table::LossBursts) + *store->count(Table::ThroughputResults) + *store->count(Table::ProbeSamples), 0);
    }
};

QTEST_GUILESS_MAIN(TestSeedDialect)
#include "tst_seed_dialect.moc"
