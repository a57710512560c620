// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the RFC 4180 reader/writer, the notes codec and UTC timestamps.
#include "core/interchange/csv_codec.h"
#include "core/base/notes_codec.h"
#include "core/base/time_utc.h"

#include <QBuffer>
#include <QTest>

using namespace pathlens::core;

class TestCsvCodec : public QObject {
    Q_OBJECT
private:
    static std::vector<CsvReader::Record> readAll(const QByteArray &text)
    {
        QBuffer buffer;
        buffer.setData(text);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        std::vector<CsvReader::Record> out;
        CsvReader::Record rec;
        while (reader.next(rec))
            out.push_back(rec);
        return out;
    }

private slots:
    void quotedFieldsWithCommasQuotesAndNewlines()
    {
        const auto recs = readAll("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\nnext,,\n");
        QCOMPARE(recs.size(), size_t(2));
        QCOMPARE(recs[0].fields, (QStringList{"a", "b,c", "say \"hi\"", "two\nlines", ""}));
        QCOMPARE(recs[0].line, 1);
        QCOMPARE(recs[1].fields, (QStringList{"next", "", ""}));
        QCOMPARE(recs[1].line, 3); // the quoted newline consumed line 2
        QVERIFY(recs[0].error.isEmpty());
    }

    void malformedQuotingIsReportedNotThrown()
    {
        const auto recs = readAll("x,ab\"c,d\n\"open,end\n");
        QCOMPARE(recs.size(), size_t(2));
        QVERIFY(recs[0].error.contains("stray quote"));
        QVERIFY(recs[1].error.contains("unterminated"));
    }

    void writerRoundTrip()
    {
        const QStringList fields{"plain", "com,ma", "quo\"te", "new\nline", "", " padded "};
        const auto recs = readAll(csvJoin(fields).toUtf8() + "\n");
        QCOMPARE(recs.size(), size_t(1));
        QCOMPARE(recs[0].fields, fields);
        QCOMPARE(csvEscape("plain"), QString("plain"));
    }

    void notesRoundTripWithSpecialCharacters()
    {
        QString error;
        const QString text = "a=1;b=x=y=z;c=semi\\;colon;d=back\\\\slash;e=";
        auto notes = Notes::parse(text, &error);
        QVERIFY2(notes, qPrintable(error));
        QCOMPARE(*notes->value("b"), QString("x=y=z"));
        QCOMPARE(*notes->value("c"), QString("semi;colon"));
        QCOMPARE(*notes->value("d"), QString("back\\slash"));
        QCOMPARE(*notes->value("e"), QString());
        QVERIFY(!notes->value("zz"));
        QCOMPARE(notes->toString(), text);
    }

    void notesRejectsMalformedPairs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("no equals") << "abc";
        QTest::newRow("empty key") << "=v";
        QTest::newRow("bad key") << "a b=1";
        QTest::newRow("duplicate") << "a=1;a=2";
        QTest::newRow("lone backslash") << "a=1\\";
        QTest::newRow("trailing separator") << "a=1;";
    }
    void notesRejectsMalformedPairs()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!Notes::parse(text, &error));
        QVERIFY(!error.isEmpty());
    }

    void utcFormatAndParse()
    {
        const TimestampUs ts = 1795341296789000; // 2026-11-21T...Z
        const QString text = formatUtcMs(ts);
        QVERIFY(text.endsWith(".789Z"));
        QCOMPARE(*parseUtc(text), ts);
        QCOMPARE(*parseUtc(u"2026-11-22T10:00:00Z"), *parseUtc(u"2026-11-22 10:00:00.000Z"));
        QCOMPARE(*parseUtc(u"2026-11-22T12:00:00.000+02:00"), *parseUtc(u"2026-11-22T10:00:00.000Z"));
        QCOMPARE(*parseUtc(u"2026-11-22T10:00:00.123456Z") % 1000000, 123456);
        QVERIFY(!parseUtc(u"2026-13-22T10:00:00Z"));
        QVERIFY(!parseUtc(u"2026-11-22T10:00:00"));   // no zone: ambiguous, refused
        QVERIFY(!parseUtc(u"yesterday"));
        QCOMPARE(formatUtcMs(1999), QString("1970-01-01T00:00:00.001Z")); // sub-ms truncated
    }
};

QTEST_GUILESS_MAIN(TestCsvCodec)
#include "tst_csv_codec.moc"
