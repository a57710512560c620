// SPDX-License-Identifier: GPL-3.0-or-later
// The main window in German (issue 17 item 3), offscreen at 1366×768: every page, with a capture and
// without, walked widget by widget — labels, buttons, tooltips, menus, table headers and cells, chart
// titles — for text still in English: a source text of the .ts whose German differs, or any text that
// reads as English. Screenshots go to PATHLENS_GUI_SHOTS (de-PAGE.png) for a look at long German words.
#include "core/interchange/csv_interchange.h"
#include "core/store/capture_store.h"
#include "tests/common/ts_messages.h"
#include "tests/gui/gui_checks.h"
#include "views/shell/about_dialog.h"
#include "views/shell/main_window.h"
#include "views/shell/methodology_dialog.h"
#include "views/shell/page_catalog.h"
#include "views/shell/preferences_dialog.h"
#include "views/shell/ui_translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTranslator>
#include <QAbstractAxis>
#include <QAbstractSeries>

#include <functional>

using namespace pathlens;

namespace {

struct Seen {
    QString where;
    QString text;
};

QString plain(const QString &text)
{
    QString t = text;
    if (t.contains(QLatin1Char('<')))
        t = QTextDocumentFragment::fromHtml(t).toPlainText();
    t.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    t.remove(QRegularExpression(QStringLiteral("&(?=\\S)")));
    t.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return t.simplified();
}

// A source text as a pattern for what the window shows: placeholders match anything.
QRegularExpression sourcePattern(const QString &source)
{
    const QString text = plain(source);
    QString pattern;
    static const QRegularExpression placeholder(QStringLiteral("%(\\d{1,2}|n)"));
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        pattern += QRegularExpression::escape(text.mid(at, m.capturedStart() - at)) + QStringLiteral(".*");
        at = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(text.mid(at));
    return QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$'), QRegularExpression::DotMatchesEverythingOption);
}

// English texts the German window must not show: sources whose translation differs, with enough
// words of their own to be recognised (not "%1 ms").
struct EnglishSources {
    QSet<QString> exact;
    std::vector<std::pair<QString, QRegularExpression>> patterns;

    explicit EnglishSources(const std::vector<TsMessage> &messages)
    {
        static const QRegularExpression letters(QStringLiteral("[A-Za-z]{3,}"));
        for (const TsMessage &m : messages) {
            if (m.empty() || m.translations.contains(m.source))
                continue;
            const QString literal = QString(m.source).remove(QRegularExpression(QStringLiteral("%(\\d{1,2}|n)")));
            if (!literal.contains(letters))
                continue;
            if (literal.size() == m.source.size())
                exact.insert(plain(m.source));
            else
                patterns.emplace_back(m.source, sourcePattern(m.source));
        }
    }

    QString match(const QString &shown) const
    {
        if (exact.contains(shown))
            return shown;
        for (const auto &[source, re] : patterns)
            if (re.match(shown).hasMatch())
                return source;
        return {};
    }
};

// Words that only English uses: two of them in one text read as an English sentence.
bool readsAsEnglish(const QString &text)
{
    static const QSet<QString> words{"the",  "and",   "of",   "is",   "are",  "not",  "yet",  "this", "with",
                                     "from", "for",   "each", "every", "when", "while", "your", "only", "than",
                                     "been", "has",   "have", "were", "its",  "none", "there", "to",  "no",
                                     "click", "open", "show", "shows", "measured", "waiting", "after"};
    QSet<QString> hits;
    for (const QString &w : text.toLower().split(QRegularExpression(QStringLiteral("[^a-z]+")), Qt::SkipEmptyParts))
        if (words.contains(w))
            hits.insert(w);
    return hits.size() >= 2;
}

// Data, not words of ours: what the capture itself says (its event texts are stored in English).
bool isCaptureData(const QString &text)
{
    static const QRegularExpression data(QStringLiteral("roamed from|second line|\\.plcap|\\.csv|/tmp/|pathlens-import"));
    return data.match(text).hasMatch();
}

void addText(std::vector<Seen> &out, const QString &where, const QString &text)
{
    const QString p = plain(text);
    if (!p.isEmpty())
        out.push_back({where, p});
}

void collectModel(std::vector<Seen> &out, const QString &where, QAbstractItemModel *model)
{
    if (!model)
        return;
    for (int c = 0; c < model->columnCount(); ++c) {
        addText(out, where + QStringLiteral(" header"), model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        addText(out, where + QStringLiteral(" header tooltip"), model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
    }
    for (int r = 0; r < std::min(model->rowCount(), 20); ++r)
        for (int c = 0; c < model->columnCount(); ++c) {
            const QModelIndex i = model->index(r, c);
            addText(out, where + QStringLiteral(" cell"), i.data(Qt::DisplayRole).toString());
            addText(out, where + QStringLiteral(" cell tooltip"), i.data(Qt::ToolTipRole).toString());
        }
}

void collectMenu(std::vector<Seen> &out, const QString &where, const QList<QAction *> &actions)
{
    for (QAction *a : actions) {
        if (a->isSeparator())
            continue;
        addText(out, where, a->text());
        if (a->toolTip() != plain(a->text()))
            addText(out, where + QStringLiteral(" tooltip"), a->toolTip());
        addText(out, where + QStringLiteral(" status tip"), a->statusTip());
        if (a->menu())
            collectMenu(out, where + QStringLiteral(" › ") + plain(a->text()), a->menu()->actions());
    }
}

// Everything of `root` a person can read, or hover to read.
std::vector<Seen> visibleTexts(QWidget *root, const QString &page)
{
    std::vector<Seen> out;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        if (!w->isVisible())
            continue;
        const QString where = page + QStringLiteral(": ") + QString::fromLatin1(w->metaObject()->className());
        addText(out, where + QStringLiteral(" tooltip"), w->toolTip());
        if (auto *label = qobject_cast<QLabel *>(w))
            addText(out, where, label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            addText(out, where, button->text());
        if (auto *box = qobject_cast<QGroupBox *>(w))
            addText(out, where, box->title());
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            addText(out, where + QStringLiteral(" placeholder"), edit->placeholderText());
        if (auto *combo = qobject_cast<QComboBox *>(w))
            for (int i = 0; i < combo->count(); ++i)
                addText(out, where + QStringLiteral(" item"), combo->itemText(i));
        if (auto *tabs = qobject_cast<QTabBar *>(w))
            for (int i = 0; i < tabs->count(); ++i) {
                addText(out, where + QStringLiteral(" tab"), tabs->tabText(i));
                addText(out, where + QStringLiteral(" tab tooltip"), tabs->tabToolTip(i));
            }
        if (auto *view = qobject_cast<QAbstractItemView *>(w))
            collectModel(out, where, view->model());
        if (auto *chart = qobject_cast<QChartView *>(w); chart && chart->chart()) {
            addText(out, where + QStringLiteral(" title"), chart->chart()->title());
            for (QAbstractAxis *axis : chart->chart()->axes())
                addText(out, where + QStringLiteral(" axis"), axis->titleText());
            for (QAbstractSeries *series : chart->chart()->series())
                addText(out, where + QStringLiteral(" series"), series->name());
        }
    }
    return out;
}

QStringList englishIn(const std::vector<Seen> &texts, const EnglishSources &english)
{
    QStringList found;
    QSet<QString> reported;
    for (const Seen &s : texts) {
        if (reported.contains(s.text) || isCaptureData(s.text))
            continue;
        QString why = english.match(s.text);
        if (why.isEmpty())
            for (const QString &line : s.text.split(QLatin1Char('\n')))
                if (!(why = english.match(line.simplified())).isEmpty())
                    break;
        if (!why.isEmpty())
            found << QStringLiteral("  %1: \"%2\" (source \"%3\" untranslated)").arg(s.where, s.text, why);
        else if (readsAsEnglish(s.text))
            found << QStringLiteral("  %1: \"%2\" (reads as English: not through tr()?)").arg(s.where, s.text);
        else
            continue;
        reported.insert(s.text);
    }
    return found;
}

views::MainWindow::Options quiet()
{
    views::MainWindow::Options o;
    o.interactive = false;
    o.versions = {{"Qt", qVersion()}};
    return o;
}

} // namespace

class TestGermanUi : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<TsMessage> m_messages;

    QString capture(const QString &csv)
    {
        const QString path = m_dir.filePath(QFileInfo(csv).baseName() + QStringLiteral(".plcap"));
        if (QFile::exists(path))
            return path;
        auto store = core::CaptureStore::open(path, core::CaptureStore::Mode::ReadWrite);
        if (!store || !core::importCsvFile(QStringLiteral(PATHLENS_TEST_DATA_DIR "/") + csv, **store))
            return {};
        return path;
    }

    // Shows every page of `w` and returns what reads as English on any of them.
    QStringList walk(views::MainWindow &w, const QString &shotPrefix)
    {
        QStringList found;
        const EnglishSources english(m_messages);
        for (views::Page page : views::kAllPages) {
            w.showPage(page);
            QApplication::processEvents();
            const QString name = views::pageInfo(page).title;
            found << englishIn(visibleTexts(&w, name), english);
            if (!shotsDir().isEmpty() && !shotPrefix.isEmpty()) {
                QDir().mkpath(shotsDir());
                w.grab().save(shotsDir() + QStringLiteral("/%1-%2.png").arg(shotPrefix, views::pageInfo(page).id));
            }
        }
        std::vector<Seen> menus;
        collectMenu(menus, QStringLiteral("menu"), w.menuBar()->actions());
        found << englishIn(menus, english);
        found.removeDuplicates();
        return found;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY2(views::installUiTranslations(*qApp, QLocale(QStringLiteral("de"))), "no embedded German translation");
        QVERIFY(views::availableUiLanguages().contains(QStringLiteral("de")));
        QString error;
        m_messages = readTsMessages(QStringLiteral(PATHLENS_TS_DIR "/pathlens_de.ts"), &error);
        QVERIFY2(error.isEmpty() && m_messages.size() > 100, qPrintable(error));
    }

    void translatorSpeaksGerman()
    {
        // The qualified class names the runtime asks with find the .ts contexts.
        QCOMPARE(QCoreApplication::translate("pathlens::views::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(QCoreApplication::translate("pathlens::views::PathDiagram", "This device"), QStringLiteral("Dieses Gerät"));
        QCOMPARE(QCoreApplication::translate("pathlens::views::CapacityPage", "%n estimates", nullptr, 1),
                 QStringLiteral("1 Schätzung"));
        QCOMPARE(QCoreApplication::translate("pathlens::views::CapacityPage", "%n estimates", nullptr, 3),
                 QStringLiteral("3 Schätzungen"));
    }

    // English has its plural forms too ("1 test", not "1 tests"), from pathlens_en.qm.
    void englishPluralsAreEmbedded()
    {
        QTranslator en;
        QVERIFY(en.load(QStringLiteral("pathlens_en"), QStringLiteral(":/i18n")));
        QCOMPARE(en.translate("pathlens::views::ThroughputCard", "%n tests", nullptr, 1), QStringLiteral("%n test"));
        QCOMPARE(en.translate("pathlens::views::ThroughputCard", "%n tests", nullptr, 2), QStringLiteral("%n tests"));
    }

    // The detector itself: an English label among German ones is found, German and data are not.
    void detectorFindsEnglish()
    {
        const EnglishSources english(m_messages);
        QWidget root;
        auto *en = new QLabel(QStringLiteral("Select an app to see its sessions"), &root);
        auto *en2 = new QLabel(QStringLiteral("Sessions of chrome (3)"), &root);
        auto *raw = new QLabel(QStringLiteral("Nothing is measured yet for this link"), &root);
        auto *de = new QLabel(QStringLiteral("Eine App auswählen, um ihre Sitzungen zu sehen"), &root);
        auto *data = new QLabel(QStringLiteral("wlan0 roamed from aa:bb to cc:dd"), &root);
        root.show();
        const QStringList found = englishIn(visibleTexts(&root, QStringLiteral("probe")), english);
        QCOMPARE(found.size(), 3);
        QVERIFY(found.join(QLatin1Char('\n')).contains(en->text()));
        QVERIFY(found.join(QLatin1Char('\n')).contains(en2->text()));
        QVERIFY(found.join(QLatin1Char('\n')).contains(raw->text()));
        Q_UNUSED(de);
        Q_UNUSED(data);
    }

    void emptyWindowIsGerman()
    {
        views::MainWindow w(quiet());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QStringList found = walk(w, QStringLiteral("de-empty"));
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("English in the German window:\n") + found.join(QLatin1Char('\n'))));
    }

    // Alt+letter must reach one item: German labels pick their own accelerators, unique per menu.
    void acceleratorsAreUniquePerMenu()
    {
        views::MainWindow w(quiet());
        QStringList clashes;
        std::function<void(const QString &, const QList<QAction *> &)> check = [&](const QString &where,
                                                                                   const QList<QAction *> &actions) {
            QMap<QChar, QString> taken;
            for (QAction *a : actions) {
                const QString text = QString(a->text()).replace(QStringLiteral("&&"), QString());
                const qsizetype amp = text.indexOf(QLatin1Char('&'));
                if (amp >= 0 && amp + 1 < text.size()) {
                    const QChar key = text.at(amp + 1).toLower();
                    if (taken.contains(key))
                        clashes << QStringLiteral("%1: \"%2\" and \"%3\" share Alt+%4").arg(where, taken[key], a->text(), key);
                    taken.insert(key, a->text());
                }
                if (a->menu())
                    check(where + QStringLiteral(" › ") + plain(a->text()), a->menu()->actions());
            }
        };
        check(QStringLiteral("menu bar"), w.menuBar()->actions());
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    void dialogsAreGerman()
    {
        const EnglishSources english(m_messages);
        QStringList found;
        views::PreferencesDialog preferences(core::GradingPolicy{});
        views::AboutDialog about(quiet().versions);
        views::MethodologyDialog methodology;
        for (QDialog *d : std::initializer_list<QDialog *>{&preferences, &about, &methodology}) {
            d->show();
            QVERIFY(QTest::qWaitForWindowExposed(d));
            found << englishIn(visibleTexts(d, d->windowTitle()), english);
            QVERIFY2(nothingClipped(*d), qPrintable(d->windowTitle()));
            if (!shotsDir().isEmpty())
                d->grab().save(shotsDir() + QStringLiteral("/de-dialog-%1.png").arg(QString::fromLatin1(d->metaObject()->className()).section(QLatin1Char(':'), -1)));
            d->hide();
        }
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("English in the German dialogs:\n") + found.join(QLatin1Char('\n'))));
    }

    void windowWithCaptureIsGerman_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::newRow("roundtrip") << QStringLiteral("roundtrip.csv");
        QTest::newRow("timeline_roam") << QStringLiteral("timeline_roam.csv");
        QTest::newRow("tcp_sessions") << QStringLiteral("tcp_sessions.csv");
    }

    void windowWithCaptureIsGerman()
    {
        QFETCH(QString, csv);
        const QString path = capture(csv);
        QVERIFY(!path.isEmpty());
        views::MainWindow w(quiet());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(path);
        QVERIFY(shown.wait(10000));
        QTest::qWait(300);
        const QStringList found = walk(w, QStringLiteral("de-") + QFileInfo(csv).baseName());
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("English in the German window:\n") + found.join(QLatin1Char('\n'))));
        for (views::Page page : views::kAllPages) {
            w.showPage(page);
            QVERIFY2(nothingClipped(*w.pageWidget(page)), qPrintable(views::pageInfo(page).title));
        }
    }
};

QTEST_MAIN(TestGermanUi)
#include "tst_german_ui.moc"
