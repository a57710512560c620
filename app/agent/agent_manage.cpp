// SPDX-License-Identifier: GPL-3.0-or-later
// Capture management (seed 004): `link A B …`, `link --list FILE`, `unlink A [B …]` and
// `trim FILE --from UTC --to UTC --out NEW`.
#include "agent_commands.h"

#include "core/interchange/capture_management.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace pathlens::agent {

namespace {

void say(const QString &text)
{
    fputs(text.toUtf8().constData(), stdout);
    fflush(stdout);
}

int failWith(const core::Error &e)
{
    printError(e.message, e.remedy);
    return kExitInput;
}

int listRelated(const QString &path, bool json)
{
    auto listed = core::listRelatedCaptures(path);
    if (!listed)
        return failWith(listed.error());
    if (json) {
        QJsonArray array;
        for (const core::RelatedListing &l : *listed)
            array.append(QJsonObject{{QStringLiteral("capture_id"), l.related.captureId},
                                     {QStringLiteral("path"), l.related.path},
                                     {QStringLiteral("found_at"), l.foundAt ? QJsonValue(*l.foundAt) : QJsonValue(QJsonValue::Null)},
                                     {QStringLiteral("same_capture"), l.sameCapture},
                                     {QStringLiteral("started_utc"), l.related.startedUtc},
                                     {QStringLiteral("ended_utc"), l.related.endedUtc}});
        say(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return kExitOk;
    }
    if (listed->empty()) {
        say(QStringLiteral("%1 has no related captures\n").arg(path));
        return kExitOk;
    }
    QString text = QStringLiteral("Related captures of %1:\n").arg(path);
    for (const core::RelatedListing &l : *listed) {
        QString where;
        if (!l.foundAt)
            where = QStringLiteral("missing: not found at %1").arg(l.related.path);
        else if (!l.sameCapture)
            where = QStringLiteral("%1 (a different capture now: its capture id changed)").arg(*l.foundAt);
        else
            where = *l.foundAt;
        text += QStringLiteral("  %1  %2 to %3  %4\n")
                    .arg(core::relatedCaptureName(l.related), l.related.startedUtc, l.related.endedUtc, where);
    }
    say(text);
    return kExitOk;
}

} // namespace

int linkCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption list(QStringLiteral("list"), QStringLiteral("show the captures FILE is linked to"));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("with --list: JSON output"));
    parser.addOptions({list, json});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QString usage = QStringLiteral("pathlens-agent link A.plcap B.plcap [C.plcap …] | link --list FILE.plcap [--json]");
    if (!parser.parse(args)) {
        printError(parser.errorText(), usage);
        return kExitUsage;
    }
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(list)) {
        if (files.size() != 1) {
            printError(QStringLiteral("link --list takes one capture"), usage);
            return kExitUsage;
        }
        return listRelated(files.first(), parser.isSet(json));
    }
    if (files.size() < 2) {
        printError(QStringLiteral("link needs at least two captures"), usage);
        return kExitUsage;
    }
    auto linked = core::linkCaptures(files);
    if (!linked)
        return failWith(linked.error());
    say(*linked + QLatin1Char('\n'));
    return kExitOk;
}

int unlinkCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QString usage = QStringLiteral("pathlens-agent unlink A.plcap B.plcap [… ] (their links to each other) | unlink A.plcap (all its links)");
    if (!parser.parse(args)) {
        printError(parser.errorText(), usage);
        return kExitUsage;
    }
    if (parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unlink needs a capture"), usage);
        return kExitUsage;
    }
    auto unlinked = core::unlinkCaptures(parser.positionalArguments());
    if (!unlinked)
        return failWith(unlinked.error());
    say(*unlinked + QLatin1Char('\n'));
    return kExitOk;
}

int trimCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption from(QStringLiteral("from"), QStringLiteral("window start (UTC, ISO 8601)"), QStringLiteral("UTC"));
    QCommandLineOption to(QStringLiteral("to"), QStringLiteral("window end (UTC, ISO 8601; rows at it are left out)"), QStringLiteral("UTC"));
    QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("new capture to write"), QStringLiteral("NEW.plcap"));
    parser.addOptions({from, to, outOpt});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QString usage = QStringLiteral("pathlens-agent trim FILE.plcap --from 2026-12-01T10:00:00Z --to 2026-12-01T11:00:00Z --out NEW.plcap");
    if (!parser.parse(args)) {
        printError(parser.errorText(), usage);
        return kExitUsage;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(from) || !parser.isSet(to) || !parser.isSet(outOpt)) {
        printError(QStringLiteral("trim takes one capture, --from, --to and --out"), usage);
        return kExitUsage;
    }
    const auto fromUs = core::parseUtc(parser.value(from));
    const auto toUs = core::parseUtc(parser.value(to));
    for (const auto &[name, value, parsed] : {std::tuple{QStringLiteral("--from"), parser.value(from), fromUs.has_value()},
                                              std::tuple{QStringLiteral("--to"), parser.value(to), toUs.has_value()}})
        if (!parsed) {
            printError(QStringLiteral("%1 '%2' is not a UTC time").arg(name, value),
                       QStringLiteral("write it as 2026-12-01T10:00:00Z (or with an offset, +02:00)"));
            return kExitUsage;
        }
    auto trimmed = core::trimCapture(parser.positionalArguments().first(), *fromUs, *toUs, parser.value(outOpt));
    if (!trimmed)
        return failWith(trimmed.error());
    say(trimmed->summary() + QStringLiteral("\nWrote %1\n").arg(parser.value(outOpt)));
    return kExitOk;
}

} // namespace pathlens::agent
