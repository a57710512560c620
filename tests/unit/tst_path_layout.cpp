// SPDX-License-Identifier: GPL-3.0-or-later
// Trace diagram layout: 30 hops of 39-character IPv6 labels at 1366 and 2560 px wide — no two
// labels overlap, every label is inside the widget and clear of the end boxes, every guide line
// joins its own hop to its own label.
#include "core/trace/path_layout.h"

#include <QTest>

using namespace pathlens::core;

class TestPathLayout : public QObject {
    Q_OBJECT
private:
    // 39 characters ("2001:0db8:85a3:0000:0000:8a2e:0370:7334") at ~7.2 px per character of a
    // 9-pt sans font, two text lines (address; RTT and +N ms) plus padding.
    static constexpr QSizeF kIpv6Label{39 * 7.2 + 10, 2 * 15 + 6};

    static void checkLayout(const PathLayoutInput &in, const PathLayout &l)
    {
        const size_t n = in.labelSizes.size();
        QCOMPARE(l.circles.size(), n);
        const QRectF widget(0, 0, in.width, l.height);
        for (size_t i = 0; i < n; ++i) {
            QVERIFY(widget.contains(QRectF(l.circles[i] - QPointF(l.radius, l.radius), QSizeF(2 * l.radius, 2 * l.radius))));
            if (i)
                QVERIFY(l.circles[i].x() - l.circles[i - 1].x() >= 2 * l.radius); // circles do not touch
            if (!l.labels[i]) {
                QVERIFY(in.labelSizes[i].isEmpty());
                continue;
            }
            const QRectF label = *l.labels[i];
            QVERIFY2(widget.contains(label), qPrintable(QStringLiteral("label %1 outside").arg(i)));
            QVERIFY(!label.intersects(l.sourceBox) && !label.intersects(l.destinationBox));
            QVERIFY(!label.contains(l.circles[i]));
            // The guide line starts on this hop's circle and ends on this hop's label.
            const QLineF g = l.guides[i];
            QVERIFY(qAbs(QLineF(g.p1(), l.circles[i]).length() - l.radius) < 1e-6);
            QVERIFY(qAbs(g.p2().x() - l.circles[i].x()) < 1e-6);
            QVERIFY(g.p2().x() >= label.left() - 1e-6 && g.p2().x() <= label.right() + 1e-6);
            QVERIFY(qAbs(g.p2().y() - (l.above[i] ? label.bottom() : label.top())) < 1e-6);
            QCOMPARE(l.above[i], label.bottom() <= l.lineY);
            for (size_t j = i + 1; j < n; ++j) {
                if (l.labels[j])
                    QVERIFY2(!label.intersects(*l.labels[j]), qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
            }
        }
    }

private slots:
    void thirtyIpv6HopsFit_data()
    {
        QTest::addColumn<double>("width");
        QTest::addColumn<int>("silentEvery");
        QTest::newRow("1366 px, all answer") << 1366.0 << 0;
        QTest::newRow("2560 px, all answer") << 2560.0 << 0;
        QTest::newRow("1366 px, every 4th silent") << 1366.0 << 4;
        QTest::newRow("2560 px, every 3rd silent") << 2560.0 << 3;
    }
    void thirtyIpv6HopsFit()
    {
        QFETCH(double, width);
        QFETCH(int, silentEvery);
        PathLayoutInput in;
        in.width = width;
        in.sourceBox = QSizeF(kIpv6Label.width() + 20, 70);
        in.destinationBox = in.sourceBox;
        for (int i = 0; i < 30; ++i)
            in.labelSizes.push_back(silentEvery && i % silentEvery == 1 ? QSizeF() : kIpv6Label);
        const PathLayout l = layoutPath(in);
        checkLayout(in, l);
        // Alternation: consecutive answering hops sit on opposite sides.
        std::vector<bool> sides;
        for (size_t i = 0; i < 30; ++i)
            if (l.labels[i])
                sides.push_back(l.above[i]);
        for (size_t k = 1; k < sides.size(); ++k)
            QVERIFY(sides[k] != sides[k - 1]);
        qInfo("width %.0f: height %.0f px, rows %d above / %d below, radius %.1f", width, l.height, l.rowsAbove,
              l.rowsBelow, l.radius);
        // Usable height: the diagram stays within a screen of that class.
        QVERIFY2(l.height < (width < 2000 ? 700 : 1200), qPrintable(QString::number(l.height)));
    }

    void shortChainUsesOneRowPerSide()
    {
        PathLayoutInput in;
        in.width = 1366;
        in.sourceBox = in.destinationBox = QSizeF(140, 60);
        for (int i = 0; i < 6; ++i)
            in.labelSizes.push_back(i == 3 ? QSizeF() : QSizeF(90, 34));
        const PathLayout l = layoutPath(in);
        checkLayout(in, l);
        QCOMPARE(l.rowsAbove, 1);
        QCOMPARE(l.rowsBelow, 1);
        QVERIFY(!l.labels[3]);
    }
};

QTEST_GUILESS_MAIN(TestPathLayout)
#include "tst_path_layout.moc"
