// SPDX-License-Identifier: GPL-3.0-or-later
// Application palettes: light or dark following the desktop (or the user's choice), and the dark,
// large-type theme of kiosk mode.
#pragma once

#include <QObject>
#include <QPalette>

#include <functional>

class QApplication;

namespace pathlens::views {

enum class ColorScheme { Light, Dark };
enum class SchemeChoice { System, Light, Dark }; // Preferences → Appearance

// Dark when the window background is darker than the text on it (Qt 6.4 has no colour-scheme hint).
ColorScheme schemeOf(const QPalette &palette);
QPalette darkPalette();
QPalette lightPalette();
// PATHLENS_COLOR_SCHEME (dark, light or system) wins over the saved preference.
SchemeChoice schemeChoice();
void saveSchemeChoice(SchemeChoice choice);

void applyDarkTheme(QApplication &app, double fontScale = 1.0);

// GUI thread, one per application. Keeps the palette light or dark as the desktop is (or as
// chosen), and follows the desktop when it switches while the app runs (theme or palette change).
class DesktopTheme : public QObject {
    Q_OBJECT
public:
    using PaletteSource = std::function<QPalette()>; // the desktop's palette; tests pass their own
    explicit DesktopTheme(QApplication &app, PaletteSource desktop = {});

    ColorScheme scheme() const { return m_scheme; }
    void setChoice(SchemeChoice choice);
    SchemeChoice choice() const { return m_choice; }

signals:
    void schemeChanged(pathlens::views::ColorScheme scheme);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();

    QApplication &m_app;
    PaletteSource m_desktop;
    SchemeChoice m_choice;
    ColorScheme m_scheme = ColorScheme::Light;
    bool m_applying = false;
    bool m_pending = false;
};

} // namespace pathlens::views
