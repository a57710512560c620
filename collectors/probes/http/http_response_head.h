// SPDX-License-Identifier: GPL-3.0-or-later
// Pure parser of an HTTP/1.x response head (status line + header fields), for the HTTP HEAD probe.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace pathlens::collect {

// A head bigger than this is refused: real servers send a few KiB; a proxy sending more is broken
// or hostile, and the probe must not buffer without bound.
inline constexpr int kMaxHttpHeadBytes = 64 * 1024;

struct HttpResponseHead {
    int versionMinor = 1; // HTTP/1.<minor>
    int status = 0;
    QByteArray reason;
    std::vector<std::pair<QByteArray, QByteArray>> fields; // names lower-cased, values trimmed, in order
    int headBytes = 0; // bytes consumed from the buffer, up to and including the empty line

    // Every value of `name` (lower case) joined with ", " as RFC 9110 §5.3 allows; nullopt if absent.
    std::optional<QByteArray> field(QByteArrayView name) const;
    // HTTP/1.1 persists unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    bool keepAlive() const;
};

struct HttpHeadParse {
    enum class State { NeedMore, Complete, Invalid } state = State::NeedMore;
    HttpResponseHead head; // Complete only
    QString error;         // Invalid only: what was wrong, for the sample's notes
};

// Parses the first response head in `buffer`. Interim 1xx heads (100 Continue, 103 Early Hints)
// are skipped and counted in headBytes; 101 is final. Lines may end in CRLF or a bare LF
// (RFC 9112 §2.2 lets a recipient accept LF). obs-fold continuation lines are joined with a space.
HttpHeadParse parseHttpResponseHead(QByteArrayView buffer);

} // namespace pathlens::collect
