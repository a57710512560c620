// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the GUI's translations (embedded .qm) and Qt's own (qtbase, if installed) for one language.
#pragma once

#include <QLocale>
#include <QString>
#include <QTranslator>

class QCoreApplication;

namespace pathlens::views {

// lupdate's parser files tr() calls by the bare class name (it does not follow `namespace a::b {`)
// and the free tr() helpers in core under their namespace; the runtime asks with the qualified
// class name. This translator retries with those contexts, so the .ts stays as lupdate writes it.
class ContextFallbackTranslator : public QTranslator {
public:
    using QTranslator::QTranslator;
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
};

// The language the GUI speaks: `requested` (--lang) if set, else PATHLENS_LANG, else the
// desktop's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG through QLocale::system()). "en" and "C" are English.
QLocale uiLocale(const QString &requested = {});

// Installs the translators for `locale` on `app`; returns whether Pathlens has a translation for it
// (false for English or a language without one: the source texts show, with English plural forms).
// Call before any widget exists.
bool installUiTranslations(QCoreApplication &app, const QLocale &locale);

// Languages with an embedded translation besides English (e.g. "de").
QStringList availableUiLanguages();

} // namespace pathlens::views
