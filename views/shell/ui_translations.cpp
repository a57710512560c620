// SPDX-License-Identifier: GPL-3.0-or-later
// GUI languages: the embedded pathlens_LANG.qm (built by qt_add_translations) plus Qt's qtbase_LANG.qm.
#include "views/shell/ui_translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>

namespace pathlens::views {

namespace {
constexpr auto kResourceDir = ":/i18n";
// Contexts lupdate gives tr() calls outside a class it understands (free helpers in these namespaces).
constexpr const char *kNamespaceContexts[] = {"pathlens::views", "pathlens::core", "QObject"};
} // namespace

QString ContextFallbackTranslator::translate(const char *context, const char *sourceText, const char *disambiguation,
                                             int n) const
{
    QString found = QTranslator::translate(context, sourceText, disambiguation, n);
    if (!found.isNull() || !context)
        return found;
    // "pathlens::views::MainWindow" → "MainWindow", as lupdate wrote it.
    const QByteArray qualified(context);
    const qsizetype cut = qualified.lastIndexOf("::");
    if (cut >= 0) {
        found = QTranslator::translate(qualified.mid(cut + 2).constData(), sourceText, disambiguation, n);
        if (!found.isNull())
            return found;
    }
    for (const char *fallback : kNamespaceContexts) {
        if (qualified == fallback)
            continue;
        found = QTranslator::translate(fallback, sourceText, disambiguation, n);
        if (!found.isNull())
            return found;
    }
    return {};
}

QLocale uiLocale(const QString &requested)
{
    QString name = requested;
    if (name.isEmpty())
        name = qEnvironmentVariable("PATHLENS_LANG");
    if (!name.isEmpty())
        return QLocale(name);
    return QLocale::system(); // honours LANGUAGE's list and LC_ALL/LC_MESSAGES/LANG on Unix
}

bool installUiTranslations(QCoreApplication &app, const QLocale &locale)
{
    const QString dir = QString::fromLatin1(kResourceDir);
    // Owned by the application; they live as long as it does.
    auto *ours = new ContextFallbackTranslator(&app);
    bool found = ours->load(locale, QStringLiteral("pathlens"), QStringLiteral("_"), dir) && !ours->isEmpty();
    const bool translated = found && !ours->language().startsWith(QLatin1String("en"));
    if (!found) // a language without a translation, or "C": English, with its plural forms ("1 test")
        found = ours->load(QStringLiteral("pathlens_en"), dir);
    if (found)
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
    // Qt's standard texts (dialog buttons, the file dialog, context menus), from qt6-translations-l10n.
    if (translated) {
        auto *qt = new QTranslator(&app);
        if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qt);
        else
            delete qt;
    }
    return translated;
}

QStringList availableUiLanguages()
{
    QStringList languages;
    const QStringList files = QDir(QString::fromLatin1(kResourceDir)).entryList({QStringLiteral("pathlens_*.qm")});
    for (const QString &f : files) {
        const QString lang = f.mid(9, f.size() - 9 - 3);
        if (lang != QLatin1String("en"))
            languages << lang;
    }
    return languages;
}

} // namespace pathlens::views
