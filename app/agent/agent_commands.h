// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-agent subcommands. Each returns the process exit code.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QStringList>

#include <optional>

namespace pathlens::agent {

// Exit codes shared by every subcommand (documented in README "Agent CLI").
enum ExitCode : int {
    kExitOk = 0,
    kExitUsage = 2,  // unknown command, missing or malformed argument
    kExitInput = 3,  // the input named on the command line is missing, malformed or unwritable
    kExitRender = 4, // report --pdf: the renderer is missing, failed or timed out, or root without the sandbox switch
};

int dispatch(const QStringList &args); // args[0] is the program name
int runCommand(const QStringList &args);    // run --capture FILE --duration S
int reportCommand(const QStringList &args); // report FILE [--json] [--html OUT.html] [--pdf OUT.pdf]
int importCommand(const QStringList &args); // import IN.csv --out FILE.plcap [--append]
int exportCommand(const QStringList &args); // export FILE.plcap --csv OUT.csv
int traceCommand(const QStringList &args);  // trace TARGET [--proto udp|icmp|tcp] [--json]
int reflectCommand(const QStringList &args); // reflect [--port P] [--auth KEYFILE] [--stateless] [--duration S] [--json]
int stampCommand(const QStringList &args);   // stamp HOST[:PORT] [--count N] [--interval-ms M] [--auth KEYFILE] [--json]
int stunCommand(const QStringList &args);
int linkCommand(const QStringList &args);   // link A B … | link --list FILE [--json]
int unlinkCommand(const QStringList &args); // unlink A [B …]
int trimCommand(const QStringList &args);   // trim FILE --from UTC --to UTC --out NEW
int speedCommand(const QStringList &args);    // speed --server URL [--streams N] [--duration S] [--json]
int serveCommand(const QStringList &args);    // serve [--bind ADDR] [--port P] [--tls CERT KEY] [--budget-mb N] [--reject-first N]
int capacityCommand(const QStringList &args); // capacity HOST[:PORT] [--dual] [--dscp D] [--trains L] [--count N] [--diagnose K] [--json]    // stun SERVER[:PORT] [--alt-port P | --also HOST[:PORT]] [--json]

// "HOST", "HOST:PORT", "[V6]", "[V6]:PORT" or a bare IPv6 literal (no port). nullopt for a port
// that is not 1..65535; `port` stays `defaultPort` when none is given.
struct HostPort {
    QString host;
    quint16 port = 0;
};
std::optional<HostPort> parseHostPort(const QString &text, quint16 defaultPort);
// An address literal as is, else the first address the name resolves to; nullopt after printing why.
std::optional<QHostAddress> resolveHost(const QString &host);

// A STAMP HMAC key from a file (its bytes; trailing newlines are not part of it), at least 16
// bytes; nullopt after printing why.
std::optional<QByteArray> readStampKey(const QString &path);

// "pathlens-agent: error: <message>\n  fix: <remedy>" on stderr.
void printError(const QString &message, const QString &remedy = {});

} // namespace pathlens::agent
