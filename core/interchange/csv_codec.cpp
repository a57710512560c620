// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4180 reader and writer used by the CSV interchange format.
#include "core/interchange/csv_codec.h"

#include <QIODevice>

namespace pathlens::core {

CsvReader::CsvReader(QIODevice *device) : m_device(device) {}

bool CsvReader::readLine(QString &line)
{
    if (m_device->atEnd())
        return false;
    QByteArray raw = m_device->readLine();
    ++m_line;
    if (raw.endsWith('\n'))
        raw.chop(1);
    if (raw.endsWith('\r'))
        raw.chop(1);
    line = QString::fromUtf8(raw);
    return true;
}

bool CsvReader::next(Record &out)
{
    QString line;
    do {
        if (!readLine(line))
            return false;
    } while (line.isEmpty());

    out = Record{};
    out.line = m_line;
    if (out.line == 1 && line.startsWith(QChar(0xFEFF)))
        line.remove(0, 1); // UTF-8 byte-order mark written by spreadsheet programs

    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    int i = 0;
    for (;;) {
        if (i >= line.size()) {
            if (inQuotes) {
                // A quoted field continues on the next physical line.
                QString more;
                if (!readLine(more)) {
                    out.error = QStringLiteral("unterminated quoted field");
                    out.fields.append(field);
                    return true;
                }
                field += QLatin1Char('\n');
                line = more;
                i = 0;
                continue;
            }
            out.fields.append(field);
            return true;
        }
        const QChar c = line.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    i += 2;
                    continue;
                }
                inQuotes = false;
                ++i;
                continue;
            }
            field += c;
            ++i;
            continue;
        }
        if (c == QLatin1Char(',')) {
            out.fields.append(field);
            field.clear();
            fieldWasQuoted = false;
            ++i;
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || fieldWasQuoted) {
                if (out.error.isEmpty())
                    out.error = QStringLiteral("stray quote inside field %1").arg(out.fields.size() + 1);
            } else {
                inQuotes = true;
                fieldWasQuoted = true;
            }
            ++i;
            continue;
        }
        if (fieldWasQuoted && out.error.isEmpty())
            out.error = QStringLiteral("text after closing quote in field %1").arg(out.fields.size() + 1);
        field += c;
        ++i;
    }
}

QString csvEscape(const QString &field)
{
    const bool needsQuotes = field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
                             field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r')) ||
                             field.startsWith(QLatin1Char(' ')) || field.endsWith(QLatin1Char(' '));
    if (!needsQuotes)
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvJoin(const QStringList &fields)
{
    QString out;
    for (int i = 0; i < fields.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        out += csvEscape(fields.at(i));
    }
    return out;
}

} // namespace pathlens::core
