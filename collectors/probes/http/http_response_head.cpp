// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP/1.x response-head parsing over a byte span: no I/O, no allocation beyond the result.
#include "http_response_head.h"

#include <QList>

namespace pathlens::collect {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

QByteArray trimmed(QByteArrayView v)
{
    qsizetype b = 0, e = v.size();
    while (b < e && (v[b] == ' ' || v[b] == '\t'))
        ++b;
    while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t'))
        --e;
    return v.sliced(b, e - b).toByteArray();
}

HttpHeadParse invalid(const QString &why)
{
    HttpHeadParse p;
    p.state = HttpHeadParse::State::Invalid;
    p.error = why;
    return p;
}

// One head starting at `from`.
HttpHeadParse parseOne(QByteArrayView buf, qsizetype from)
{
    qsizetype pos = from;
    bool statusSeen = false;
    HttpHeadParse out;
    HttpResponseHead &h = out.head;
    for (;;) {
        const qsizetype nl = buf.indexOf('\n', pos);
        if (nl < 0) {
            if (buf.size() - from > kMaxHttpHeadBytes)
                return invalid(QStringLiteral("response head larger than %1 bytes").arg(kMaxHttpHeadBytes));
            return out; // NeedMore
        }
        if (nl + 1 - from > kMaxHttpHeadBytes)
            return invalid(QStringLiteral("response head larger than %1 bytes").arg(kMaxHttpHeadBytes));
        QByteArrayView line = buf.sliced(pos, nl - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = nl + 1;
        if (!statusSeen) {
            // status-line = HTTP-version SP status-code SP [ reason-phrase ]
            if (line.size() < 12 || !line.startsWith("HTTP/1.") || line[7] < '0' || line[7] > '9' || line[8] != ' ')
                return invalid(QStringLiteral("not an HTTP/1.x status line"));
            h.versionMinor = line[7] - '0';
            int status = 0;
            for (int i = 9; i < 12; ++i) {
                if (line[i] < '0' || line[i] > '9')
                    return invalid(QStringLiteral("status code is not three digits"));
                status = status * 10 + (line[i] - '0');
            }
            if (status < 100)
                return invalid(QStringLiteral("status code %1 out of range").arg(status));
            if (line.size() > 12 && line[12] != ' ')
                return invalid(QStringLiteral("status code is not three digits"));
            h.status = status;
            h.reason = line.size() > 13 ? trimmed(line.sliced(13)) : QByteArray();
            statusSeen = true;
            continue;
        }
        if (line.isEmpty()) {
            h.headBytes = int(pos - from);
            out.state = HttpHeadParse::State::Complete;
            return out;
        }
        if (line[0] == ' ' || line[0] == '\t') { // obs-fold: continues the previous field's value
            if (h.fields.empty())
                return invalid(QStringLiteral("continuation line before any header field"));
            QByteArray &v = h.fields.back().second;
            const QByteArray more = trimmed(line);
            if (!more.isEmpty())
                v += (v.isEmpty() ? QByteArray() : QByteArray(" ")) + more;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return invalid(QStringLiteral("header line without a field name"));
        const QByteArrayView name = line.first(colon);
        for (char c : name)
            if (!isTokenChar(c))
                return invalid(QStringLiteral("bad character in a header field name"));
        h.fields.emplace_back(name.toByteArray().toLower(), trimmed(line.sliced(colon + 1)));
    }
}

} // namespace

std::optional<QByteArray> HttpResponseHead::field(QByteArrayView name) const
{
    std::optional<QByteArray> out;
    for (const auto &[k, v] : fields) {
        if (k != name)
            continue;
        if (out)
            *out += ", " + v;
        else
            out = v;
    }
    return out;
}

bool HttpResponseHead::keepAlive() const
{
    const QByteArray conn = field("connection").value_or(QByteArray()).toLower();
    bool close = false, keep = false;
    for (const QByteArray &token : conn.split(',')) {
        const QByteArray t = token.trimmed();
        close = close || t == "close";
        keep = keep || t == "keep-alive";
    }
    if (close)
        return false;
    return versionMinor >= 1 || keep;
}

HttpHeadParse parseHttpResponseHead(QByteArrayView buffer)
{
    qsizetype from = 0;
    for (int interim = 0;; ++interim) {
        HttpHeadParse p = parseOne(buffer, from);
        if (p.state != HttpHeadParse::State::Complete)
            return p;
        const int status = p.head.status;
        if (status >= 200 || status == 101) {
            p.head.headBytes += int(from);
            return p;
        }
        from += p.head.headBytes; // interim 1xx: the final head follows
        if (interim == 16)        // a server streaming 1xx forever must not keep us parsing
            return invalid(QStringLiteral("more than 16 interim 1xx responses"));
    }
}

} // namespace pathlens::collect
