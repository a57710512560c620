// SPDX-License-Identifier: GPL-3.0-or-later
// Our STAMP reflector's answers as another tool reads them: the reflector policy answers a sender
// packet, the exchange is written to a pcap, and tshark's TWAMP-Test dissector (STAMP
// unauthenticated mode is on-wire compatible with it) must decode the values we sent.
#include "core/mesh/stamp_packet.h"
#include "core/mesh/stamp_reflector_policy.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace pathlens::core;

namespace {
constexpr quint16 kReflectorPort = 18620, kSenderPort = 40000;

void put16(QByteArray &b, int at, quint16 v) { qToBigEndian(v, b.data() + at); }

// Ethernet + IPv4 + UDP (checksum 0: "none", allowed over IPv4) around one payload.
QByteArray frame(const QByteArray &payload, quint16 sport, quint16 dport)
{
    QByteArray f(14 + 20 + 8, '\0');
    put16(f, 12, 0x0800);
    f[14] = char(0x45);
    put16(f, 16, quint16(20 + 8 + payload.size()));
    f[22] = char(64);
    f[23] = char(17);
    const char src[4] = {127, 0, 0, 1}, dst[4] = {127, 0, 0, 2};
    f.replace(26, 4, QByteArray(src, 4));
    f.replace(30, 4, QByteArray(dst, 4));
    quint32 sum = 0;
    for (int i = 14; i < 34; i += 2)
        sum += qFromBigEndian<quint16>(f.constData() + i);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    put16(f, 24, quint16(~sum));
    put16(f, 34, sport);
    put16(f, 36, dport);
    put16(f, 38, quint16(8 + payload.size()));
    return f + payload;
}

bool writePcap(const QString &path, const QList<QByteArray> &frames)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QByteArray header(24, '\0');
    qToLittleEndian<quint32>(0xa1b2c3d4, header.data());
    qToLittleEndian<quint16>(2, header.data() + 4);
    qToLittleEndian<quint16>(4, header.data() + 6);
    qToLittleEndian<quint32>(65535, header.data() + 16);
    qToLittleEndian<quint32>(1, header.data() + 20); // Ethernet
    f.write(header);
    for (int i = 0; i < frames.size(); ++i) {
        QByteArray rec(16, '\0');
        qToLittleEndian<quint32>(quint32(1'800'000'000 + i), rec.data());
        qToLittleEndian<quint32>(quint32(frames[i].size()), rec.data() + 8);
        qToLittleEndian<quint32>(quint32(frames[i].size()), rec.data() + 12);
        f.write(rec + frames[i]);
    }
    return true;
}

// "Nov 21, 2026 10:00:00.123456789 UTC" → ns since 1970.
qint64 parseTsharkTime(QString text)
{
    text = text.simplified().remove(QStringLiteral(" UTC"));
    const int dot = text.lastIndexOf(QLatin1Char('.'));
    QDateTime t = QDateTime::fromString(text.left(dot), QStringLiteral("MMM d, yyyy HH:mm:ss"));
    t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch() / 1000 * 1'000'000'000 + text.mid(dot + 1).leftJustified(9, QLatin1Char('0')).toLongLong();
}
} // namespace

class TstStampTshark : public QObject {
    Q_OBJECT
private slots:
    void tsharkDecodesWhatTheReflectorSent()
    {
        const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        if (tshark.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("tshark is missing: quickstart.sh installs it");
            QSKIP("tshark is not installed (./quickstart.sh test installs it)");
        }
        constexpr qint64 t1 = 1'795'341'600'123'456'789, t2 = t1 + 7'250'000, t3 = t2 + 41'000;
        StampReflectorPolicy reflector({StampMode::Unauthenticated, {}, true});
        const QByteArray request =
            encodeStampSender({0x0badf00d, NtpTimestamp::fromUnixNs(t1), ErrorEstimate{false, false, 0, 3}}, StampMode::Unauthenticated);
        (void)reflector.reflect("a|1", encodeStampSender({1, {}, {}}, StampMode::Unauthenticated), t2, 64, t3); // its seq 0
        const auto reply = reflector.reflect("a|1", request, t2, 58, t3);                                         // its seq 1
        QVERIFY(reply);
        QTemporaryDir dir;
        const QString pcap = dir.filePath("stamp.pcap");
        QVERIFY(writePcap(pcap, {frame(*reply, kReflectorPort, kSenderPort)}));
        QProcess p;
        p.start(tshark, {"-r", pcap, "-d", QStringLiteral("udp.port==%1,twamp.test").arg(kReflectorPort), "-T", "fields", "-E",
                         "separator=|", "-e", "twamp.test.seq_number", "-e", "twamp.test.sender_seq_number", "-e",
                         "twamp.test.sender_ttl", "-e", "twamp.test.timestamp", "-e", "twamp.test.receive_timestamp", "-e",
                         "twamp.test.sender_timestamp", "-e", "twamp.test.error_estimate.multiplier"});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        const QStringList f = out.split(QLatin1Char('|'));
        QVERIFY2(f.size() == 7, qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
        QCOMPARE(f[0], QString("1"));         // the reflector's own (stateful) sequence
        QCOMPARE(f[1], QString("195948557")); // 0x0badf00d, the sender's
        QCOMPARE(f[2], QString("58"));        // TTL the request arrived with
        QVERIFY(std::abs(parseTsharkTime(f[3]) - t3) <= 1);
        QVERIFY(std::abs(parseTsharkTime(f[4]) - t2) <= 1);
        QVERIFY(std::abs(parseTsharkTime(f[5]) - t1) <= 1);
        QCOMPARE(f[6], QString("1,3")); // ours (multiplier 1), then the sender's copied back (3)
    }
};

QTEST_GUILESS_MAIN(TstStampTshark)
#include "tst_stamp_tshark.moc"
