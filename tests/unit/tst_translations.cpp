// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's translations are complete: every message of each committed .ts is translated, lupdate
// over today's sources finds nothing new, and each translation keeps the source's placeholders and
// keyboard accelerator. Fails with the list of what to translate (README "Languages").
#include "tests/common/ts_messages.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

QStringList tsFiles()
{
    QStringList out;
    const QDir dir(QStringLiteral(PATHLENS_TS_DIR));
    for (const QString &name : dir.entryList({QStringLiteral("pathlens_*.ts")}, QDir::Files))
        if (name != QLatin1String("pathlens_en.ts")) // the source language: nothing to translate
            out << dir.filePath(name);
    return out;
}

QString describe(const TsMessage &m)
{
    // lupdate writes locations relative to the .ts; show them from the source tree's root.
    QString where = m.location;
    where.remove(QRegularExpression(QStringLiteral("^(\\.\\./)+")));
    const QString root = QFileInfo(QStringLiteral(PATHLENS_TS_DIR)).dir().absolutePath().mid(1) + QLatin1Char('/');
    if (where.startsWith(root))
        where = where.mid(root.size());
    return QStringLiteral("  [%1] \"%2\"%3")
        .arg(m.context, m.source, where.isEmpty() ? QString() : QStringLiteral("  (") + where + QLatin1Char(')'));
}

// QVERIFY2 cuts long messages: the whole list goes to the log first.
void printList(const QString &title, const QStringList &items)
{
    if (!items.isEmpty())
        qWarning("%s\n%s", qPrintable(title), qPrintable(items.join(QLatin1Char('\n'))));
}

// What a translator must fix: unfinished or empty messages (vanished ones are lupdate's leftovers).
QStringList untranslated(const std::vector<TsMessage> &messages)
{
    QStringList out;
    for (const TsMessage &m : messages)
        if (!m.obsolete && (m.unfinished || m.empty()))
            out << describe(m);
    return out;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d{1,2}|n|L\\d)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

// "&File" has an accelerator; "&&", "&nbsp;", "&ldquo;" (HTML entities in rich text) are none.
int accelerators(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("&(?!&)(?![a-zA-Z]+;|#\\d+;)[\\p{L}\\p{N}]"));
    int n = 0;
    for (auto it = re.globalMatch(QString(text).replace(QStringLiteral("&&"), QString())); it.hasNext(); it.next())
        ++n;
    return n;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void thereIsATranslation()
    {
        QVERIFY2(!tsFiles().isEmpty(), PATHLENS_TS_DIR " holds no pathlens_LANG.ts");
    }

    void everyCommittedMessageIsTranslated()
    {
        for (const QString &ts : tsFiles()) {
            QString error;
            const auto messages = readTsMessages(ts, &error);
            QVERIFY2(error.isEmpty(), qPrintable(ts + QStringLiteral(": ") + error));
            QVERIFY2(messages.size() > 100, qPrintable(ts));
            const QStringList missing = untranslated(messages);
            printList(ts + QStringLiteral(": untranslated:"), missing);
            QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1: %2 untranslated:\n%3")
                                                       .arg(ts).arg(missing.size()).arg(missing.join(QLatin1Char('\n')))));
        }
    }

    // A string added to the sources without a translation: lupdate (as update_translations runs it)
    // into a copy of each .ts marks it unfinished.
    void lupdateFindsNothingNew()
    {
        const QString project = QStringLiteral(PATHLENS_LUPDATE_PROJECT);
        if (!QFile::exists(project))
            QSKIP("the lupdate project file is generated with the build (target tst_translations)");
        QTemporaryDir dir;
        // English, the source language, keeps only plural forms of the %n texts ("1 test").
        QStringList files = tsFiles();
        const QString english = QStringLiteral(PATHLENS_TS_DIR "/pathlens_en.ts");
        if (QFile::exists(english))
            files << english;
        for (const QString &ts : files) {
            const QString copy = dir.filePath(QFileInfo(ts).fileName());
            QVERIFY(QFile::copy(ts, copy));
            QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            QProcess lupdate;
            lupdate.setProcessChannelMode(QProcess::MergedChannels);
            lupdate.start(QStringLiteral(PATHLENS_LUPDATE),
                          QStringList{QStringLiteral("-project"), project, QStringLiteral("-no-obsolete"),
                                      QStringLiteral("-locations"), QStringLiteral("absolute"), QStringLiteral("-ts"), copy}
                              + (ts == english ? QStringList{QStringLiteral("-pluralonly")} : QStringList{}));
            QVERIFY2(lupdate.waitForFinished(120'000), qPrintable(lupdate.errorString()));
            QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
            const QStringList missing = untranslated(readTsMessages(copy));
            printList(QStringLiteral("Untranslated in the sources:"), missing);
            QVERIFY2(missing.isEmpty(),
                     qPrintable(QStringLiteral("%1 visible string(s) in the sources have no %2 translation. Run "
                                               "`cmake --build build --target update_translations`, translate them in %3 "
                                               "(Qt Linguist or an editor), rebuild:\n%4")
                                    .arg(missing.size())
                                    .arg(QFileInfo(ts).baseName().mid(9), ts, missing.join(QLatin1Char('\n')))));
        }
    }

    void translationsKeepPlaceholdersAndAccelerators()
    {
        for (const QString &ts : tsFiles()) {
            QStringList wrong;
            for (const TsMessage &m : readTsMessages(ts)) {
                if (m.obsolete || m.empty())
                    continue;
                QSet<QString> want = placeholders(m.source);
                for (const QString &t : m.translations) {
                    QSet<QString> have = placeholders(t);
                    // A singular form may spell the number out ("one test"), so %n may be missing there.
                    if (m.numerus && &t == &m.translations.first() && !have.contains(QStringLiteral("%n")))
                        have.insert(QStringLiteral("%n"));
                    if (have != want)
                        wrong << describe(m) + QStringLiteral(" → \"%1\": placeholders differ").arg(t);
                    if (accelerators(m.source) != accelerators(t))
                        wrong << describe(m) + QStringLiteral(" → \"%1\": keyboard accelerator (&) differs").arg(t);
                }
            }
            printList(ts + QStringLiteral(":"), wrong);
            QVERIFY2(wrong.isEmpty(), qPrintable(ts + QStringLiteral(":\n") + wrong.join(QLatin1Char('\n'))));
        }
    }

    // The checks themselves: they must see what they are meant to catch.
    void checksSeeTheirFaults()
    {
        QCOMPARE(accelerators(QStringLiteral("&File")), 1);
        QCOMPARE(accelerators(QStringLiteral("Ü&ber Pathlens")), 1);
        QCOMPARE(accelerators(QStringLiteral("A &ldquo;TCP accelerator&rdquo; &amp; more")), 0);
        QCOMPARE(accelerators(QStringLiteral("Tom && Jerry")), 0);
        QCOMPARE(placeholders(QStringLiteral("%1 of %2, %n")), (QSet<QString>{"%1", "%2", "%n"}));
        TsMessage m;
        m.source = QStringLiteral("Quit");
        m.unfinished = true;
        m.translations << QStringLiteral("Beenden");
        QCOMPARE(untranslated({m}).size(), 1);
        m.unfinished = false;
        QCOMPARE(untranslated({m}).size(), 0);
        m.translations = {QString()};
        QCOMPARE(untranslated({m}).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
