// SPDX-License-Identifier: GPL-3.0-or-later
// Fusion style with a dark palette where the desktop is dark but gives Qt no dark palette of its own
// (or the user chose dark), and for kiosk screens, which are usually in dim operations rooms.
#include "views/shell/theme.h"

#include <QApplication>
#include <QEvent>
#include <QFont>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>

namespace pathlens::views {

namespace {
const char *const kChoiceKey = "appearance/colorScheme";

SchemeChoice choiceFromName(const QString &name, SchemeChoice fallback)
{
    if (name == QLatin1String("dark"))
        return SchemeChoice::Dark;
    if (name == QLatin1String("light"))
        return SchemeChoice::Light;
    if (name == QLatin1String("system"))
        return SchemeChoice::System;
    return fallback;
}

// The desktop's palette: the application palette with nothing of ours set on top.
QPalette platformPalette()
{
    QApplication::setPalette(QPalette()); // resolves to the platform theme's palette
    return QApplication::palette();
}
} // namespace

ColorScheme schemeOf(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness() ? ColorScheme::Dark
                                                                                                       : ColorScheme::Light;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1e, 0x23, 0x2b), base(0x15, 0x19, 0x1f), text(0xe6, 0xe9, 0xee), dim(0x8a, 0x93, 0x9d);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window.lighter(120));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa3, 0xad));
    p.setColor(QPalette::Highlight, QColor(0x4f, 0xc3, 0xf7));
    p.setColor(QPalette::HighlightedText, base);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xdb));
    p.setColor(QPalette::Light, window.lighter(160));
    p.setColor(QPalette::Midlight, window.lighter(130));
    p.setColor(QPalette::Mid, window.lighter(110));
    p.setColor(QPalette::Dark, base.darker(120));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dim);
    return p;
}

QPalette lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette p = fusion ? fusion->standardPalette() : QPalette(Qt::white);
    delete fusion;
    return p;
}

SchemeChoice schemeChoice()
{
    const SchemeChoice saved = choiceFromName(QSettings().value(QLatin1String(kChoiceKey)).toString(), SchemeChoice::System);
    return choiceFromName(qEnvironmentVariable("PATHLENS_COLOR_SCHEME").toLower(), saved);
}

void saveSchemeChoice(SchemeChoice choice)
{
    static const char *const names[] = {"system", "light", "dark"};
    QSettings().setValue(QLatin1String(kChoiceKey), QString::fromLatin1(names[int(choice)]));
}

void applyDarkTheme(QApplication &app, double fontScale)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    app.setPalette(darkPalette());
    QFont font = app.font();
    font.setPointSizeF(font.pointSizeF() * fontScale);
    app.setFont(font);
}

DesktopTheme::DesktopTheme(QApplication &app, PaletteSource desktop)
    : QObject(&app), m_app(app), m_desktop(desktop ? std::move(desktop) : PaletteSource(platformPalette)), m_choice(schemeChoice())
{
    apply();
    app.installEventFilter(this);
}

void DesktopTheme::setChoice(SchemeChoice choice)
{
    m_choice = choice;
    apply();
}

void DesktopTheme::apply()
{
    m_applying = true;
    const QPalette desktop = m_desktop();
    const ColorScheme was = m_scheme;
    m_scheme = m_choice == SchemeChoice::Dark    ? ColorScheme::Dark
               : m_choice == SchemeChoice::Light ? ColorScheme::Light
                                                 : schemeOf(desktop);
    if (schemeOf(desktop) == m_scheme) {
        m_app.setPalette(desktop); // the desktop's own colours when they are of the wanted kind
    } else {
        // The desktop's style may draw with its own colours: Fusion always follows the palette.
        if (m_app.style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
            m_app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_app.setPalette(m_scheme == ColorScheme::Dark ? darkPalette() : lightPalette());
    }
    m_applying = false;
    if (was != m_scheme)
        emit schemeChanged(m_scheme);
}

bool DesktopTheme::eventFilter(QObject *watched, QEvent *event)
{
    // The desktop switched theme: Qt reads the platform palette again and sends ThemeChange to every
    // window. Decide again, once, after that burst. (Not on palette changes: ours cause those.)
    if (event->type() == QEvent::ThemeChange && !m_applying && !m_pending) {
        m_pending = true;
        QTimer::singleShot(0, this, [this] {
            m_pending = false;
            apply();
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace pathlens::views
