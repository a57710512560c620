// SPDX-License-Identifier: GPL-3.0-or-later
// Seed-vocabulary CSV records to ours and back: one table of words, a few notes keys, no storage.
#include "core/interchange/seed_dialect.h"

#include "core/interchange/csv_layout.h"
#include "core/base/notes_codec.h"

namespace pathlens::core {

namespace {

using C = CsvColumn;

struct Rename {
    const char *seed;
    const char *ours;
};

// Probe samples: the seed's word → our probe_samples.probe. The last three have no probe of ours
// behind them; they stay typed rows of probe_samples under the seed's own word.
constexpr Rename kProbeWords[] = {
    {"ping", "icmp"},       {"udp", "udp_dns"},   {"tcp", "tcp_connect"},
    {"quic", "quic"},       {"http", "http_head"}, {"dns", "dns_system"},
    {"cdn_throughput", "cdn_throughput"}, {"youtube_segment", "youtube_segment"}, {"youtube_abr", "youtube_abr"},
};
// Wi-Fi notes keys the seed names without their unit.
constexpr Rename kWifiKeys[] = {
    {"rssi", "rssi_dbm"}, {"noise", "noise_dbm"}, {"channel_width", "width_mhz"}, {"spatial_streams", "nss"}};
// Throughput flags stored as integers; the seed may write them as words.
const char *const kThroughputFlags[] = {"calibration", "out_of_family", "retest", "early_exit"};

const QString kMovedPrefix = QStringLiteral("csv_"); // a fixed column our kind has no place for, kept in notes
const QString kSetAsideDirection = QStringLiteral("note_direction"); // a throughput note that contradicted its type word

QString word(const char *text)
{
    return QString::fromLatin1(text);
}

std::optional<QString> oursForSeedProbe(const QString &seed)
{
    for (const Rename &r : kProbeWords)
        if (seed == QLatin1String(r.seed))
            return word(r.ours);
    return std::nullopt;
}

std::optional<QString> seedForOurProbe(const QString &ours)
{
    for (const Rename &r : kProbeWords)
        if (ours == QLatin1String(r.ours))
            return word(r.seed);
    return std::nullopt;
}

std::optional<bool> parseFlag(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("yes") || t == QLatin1String("1"))
        return true;
    if (t == QLatin1String("false") || t == QLatin1String("no") || t == QLatin1String("0"))
        return false;
    return std::nullopt;
}

// Fixed columns (target … burst_size) that our kind of `ourType` does not bind move into notes.
void moveUnboundColumns(QStringList &fields, Notes &notes, const QString &ourType)
{
    const CsvKind *kind = csvKindForType(ourType);
    if (!kind)
        return;
    for (int c = int(C::Target); c <= int(C::BurstSize); ++c) {
        if (fields.at(c).isEmpty())
            continue;
        bool bound = false;
        for (const CsvBinding &b : kind->bindings)
            bound = bound || b.csvColumn == C(c);
        if (!bound) {
            notes.set(kMovedPrefix + csvHeader().at(c), fields.at(c));
            fields[c].clear();
        }
    }
}

void restoreMovedColumns(QStringList &fields, Notes &notes)
{
    for (int c = int(C::Target); c <= int(C::BurstSize); ++c)
        if (auto v = notes.take(kMovedPrefix + csvHeader().at(c)); v && fields.at(c).isEmpty())
            fields[c] = *v;
}

void renameKey(Notes &notes, const QString &from, const QString &to)
{
    if (notes.value(to))
        return; // both present: keep both as they are rather than guess
    if (auto v = notes.take(from))
        notes.set(to, *v);
}

std::optional<QString> normaliseDirection(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("down") || t == QLatin1String("download") || t == QLatin1String("dl"))
        return QStringLiteral("download");
    if (t == QLatin1String("up") || t == QLatin1String("upload") || t == QLatin1String("ul"))
        return QStringLiteral("upload");
    return std::nullopt;
}

SeedRecordReading throughputToOurs(QStringList &fields, Notes &notes, const QString &type)
{
    SeedRecordReading reading;
    if (type == QLatin1String("calibration")) {
        notes.set(QStringLiteral("calibration"), QStringLiteral("1"));
        if (auto d = notes.value(QStringLiteral("direction"))) {
            const auto normal = normaliseDirection(*d);
            if (!normal)
                return {QStringLiteral("calibration direction '%1' is neither down nor up").arg(*d), {}};
            notes.set(QStringLiteral("direction"), *normal);
        }
    } else {
        // The type word decides; a note that says otherwise is neither obeyed nor dropped, but set aside.
        const QString direction = type == QLatin1String("throughput_up") ? QStringLiteral("upload") : QStringLiteral("download");
        if (auto said = notes.take(QStringLiteral("direction")); said && normaliseDirection(*said) != direction) {
            if (notes.value(kSetAsideDirection))
                return {QStringLiteral("notes direction '%1' contradicts %2, and %3 is taken").arg(*said, type, kSetAsideDirection), {}};
            notes.set(kSetAsideDirection, *said);
            reading.normalisation = QStringLiteral("notes direction '%1' contradicts %2, which decides; kept as %3")
                                        .arg(*said, type, kSetAsideDirection);
        }
        notes.set(QStringLiteral("direction"), direction);
    }
    for (const char *flag : kThroughputFlags) {
        if (auto v = notes.value(word(flag))) {
            const auto b = parseFlag(*v);
            if (!b)
                return {QStringLiteral("notes key %1: '%2' is not true/false").arg(word(flag), *v), {}};
            notes.set(word(flag), *b ? QStringLiteral("1") : QStringLiteral("0"));
        }
    }
    renameKey(notes, QStringLiteral("round_num"), QStringLiteral("round"));
    // Our table has a backend column where the seed has a target (a URL or host): swap them.
    const QString target = fields.at(int(C::Target));
    fields[int(C::Target)] = notes.take(QStringLiteral("backend")).value_or(QString());
    if (!target.isEmpty())
        notes.set(QStringLiteral("target"), target);
    fields[int(C::Type)] = QStringLiteral("throughput_test");
    return reading;
}

// False for a test whose direction is neither download nor upload (unknown, say): the seed has no
// word for it, and writing it as throughput_down would make it a download on the way back.
bool throughputToSeed(QStringList &fields, Notes &notes)
{
    const bool calibration = notes.take(QStringLiteral("calibration")) == QStringLiteral("1");
    QString type = QStringLiteral("calibration"); // its direction, known or not, stays a note
    if (!calibration) {
        const auto direction = notes.take(QStringLiteral("direction")); // said by the type word
        if (direction == QStringLiteral("upload"))
            type = QStringLiteral("throughput_up");
        else if (direction == QStringLiteral("download"))
            type = QStringLiteral("throughput_down");
        else
            return false;
    }
    renameKey(notes, kSetAsideDirection, QStringLiteral("direction")); // the contradicting note, as the seed wrote it
    fields[int(C::Type)] = type;
    const QString backend = fields.at(int(C::Target));
    fields[int(C::Target)] = notes.take(QStringLiteral("target")).value_or(QString());
    if (!backend.isEmpty())
        notes.set(QStringLiteral("backend"), backend);
    return true;
}

} // namespace

const QStringList &seedTypes()
{
    static const QStringList types = {
        QStringLiteral("ping"),           QStringLiteral("udp"),             QStringLiteral("tcp"),
        QStringLiteral("quic"),           QStringLiteral("http"),            QStringLiteral("dns"),
        QStringLiteral("traceroute"),     QStringLiteral("wifi"),            QStringLiteral("loss_burst"),
        QStringLiteral("throughput_down"), QStringLiteral("throughput_up"),  QStringLiteral("calibration"),
        QStringLiteral("cdn_throughput"), QStringLiteral("youtube_segment"), QStringLiteral("youtube_abr")};
    return types;
}

SeedRecordReading seedRecordToOurs(QStringList &fields)
{
    if (fields.size() != kCsvColumnCount)
        return {}; // the importer reports the field count
    const QString type = fields.at(int(C::Type)).trimmed();
    if (!seedTypes().contains(type))
        return {};
    auto parsed = Notes::parse(fields.at(int(C::Notes)));
    if (!parsed)
        return {}; // the importer reports the notes error with its position
    Notes notes = std::move(*parsed);

    SeedRecordReading reading;
    if (type == QLatin1String("loss_burst")) {
        // The seed marks its bursts with loss_bool=true; ours leave the column empty.
        if (const QString loss = fields.at(int(C::LossBool)); !loss.isEmpty()) {
            const auto lost = parseFlag(loss);
            if (!lost || !*lost)
                return {QStringLiteral("a loss_burst row needs loss_bool true, not '%1'").arg(loss), {}};
            fields[int(C::LossBool)].clear();
            const auto probe = notes.value(QStringLiteral("probe"));
            const auto ourProbe = probe ? oursForSeedProbe(*probe) : std::nullopt;
            notes.set(QStringLiteral("probe"), ourProbe ? *ourProbe : probe.value_or(QStringLiteral("icmp"))); // seed bursts are ping losses
        }
    } else if (type == QLatin1String("wifi")) {
        for (const Rename &r : kWifiKeys)
            renameKey(notes, word(r.seed), word(r.ours));
        if (auto tx = notes.value(QStringLiteral("tx_rate")); tx && fields.at(int(C::ThroughputMbps)).isEmpty()) {
            fields[int(C::ThroughputMbps)] = *tx;
            notes.take(QStringLiteral("tx_rate"));
        }
    } else if (type == QLatin1String("traceroute")) {
        fields[int(C::Type)] = QStringLiteral("trace");
    } else if (type == QLatin1String("throughput_down") || type == QLatin1String("throughput_up") ||
               type == QLatin1String("calibration")) {
        reading = throughputToOurs(fields, notes, type);
        if (reading.refusal)
            return reading;
    } else if (auto probe = oursForSeedProbe(type)) {
        fields[int(C::Type)] = *probe; // quic stays quic
    }
    // One rule for every seed word, those ours shares (quic, wifi, loss_burst) included: the two
    // vocabularies cannot be told apart there, and a stray column is kept rather than the record lost.
    moveUnboundColumns(fields, notes, fields.at(int(C::Type)));
    fields[int(C::Notes)] = notes.toString();
    return reading;
}

bool oursRecordToSeed(QStringList &fields)
{
    if (fields.size() != kCsvColumnCount)
        return false;
    const QString type = fields.at(int(C::Type));
    auto parsed = Notes::parse(fields.at(int(C::Notes)));
    Notes notes = parsed ? std::move(*parsed) : Notes();
    if (!parsed)
        notes.set(QStringLiteral("notes_raw"), fields.at(int(C::Notes)));

    if (type == QLatin1String("loss_burst")) {
        fields[int(C::LossBool)] = QStringLiteral("true");
        const auto probe = notes.value(QStringLiteral("probe"));
        if (probe == QStringLiteral("icmp"))
            notes.take(QStringLiteral("probe")); // the seed's bursts are ping losses by default
        else if (const auto seedProbe = probe ? seedForOurProbe(*probe) : std::nullopt)
            notes.set(QStringLiteral("probe"), *seedProbe);
    } else if (type == QLatin1String("wifi")) {
        for (const Rename &r : kWifiKeys)
            renameKey(notes, word(r.ours), word(r.seed));
    } else if (type == QLatin1String("trace")) {
        fields[int(C::Type)] = QStringLiteral("traceroute");
        notes.take(QStringLiteral("id")); // ties our hops to their trace; the seed has no hop rows
    } else if (type == QLatin1String("throughput_test")) {
        if (!throughputToSeed(fields, notes))
            return false;
    } else if (auto seed = seedForOurProbe(type)) {
        fields[int(C::Type)] = *seed;
    } else {
        return false;
    }
    restoreMovedColumns(fields, notes);
    fields[int(C::Notes)] = notes.toString();
    return true;
}

} // namespace pathlens::core
