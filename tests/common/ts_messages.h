// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a Qt Linguist .ts file: each message's context, source and translation(s), for the tests
// that check the GUI's translations.
#pragma once

#include <QFile>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

#include <vector>

struct TsMessage {
    QString context;
    QString source;
    QStringList translations; // one, or the numerus forms of a %n message
    bool numerus = false;
    bool unfinished = false;  // type="unfinished" (new or never translated)
    bool obsolete = false;    // type="vanished" or "obsolete": no longer in the sources
    QString location;         // first "file:line", when the .ts keeps locations

    bool empty() const
    {
        if (translations.isEmpty())
            return true;
        for (const QString &t : translations)
            if (t.isEmpty())
                return true;
        return false;
    }
};

inline std::vector<TsMessage> readTsMessages(const QString &path, QString *error = nullptr)
{
    std::vector<TsMessage> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage{};
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("location") && m.location.isEmpty()) {
            m.location = xml.attributes().value(QLatin1String("filename")).toString() + QLatin1Char(':')
                         + xml.attributes().value(QLatin1String("line")).toString();
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            m.unfinished = type == QLatin1String("unfinished");
            m.obsolete = type == QLatin1String("vanished") || type == QLatin1String("obsolete");
            if (m.numerus) {
                while (xml.readNextStartElement())
                    m.translations << xml.readElementText(); // <numerusform>
            } else {
                m.translations << xml.readElementText();
            }
            out.push_back(m);
        }
    }
    if (xml.hasError() && error)
        *error = xml.errorString();
    return out;
}
