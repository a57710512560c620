// SPDX-License-Identifier: GPL-3.0-or-later
// Text codec of start/close lifecycles for TCP recordings (pure, any OS).
#include "tcp_start_source.h"

#include <QList>

namespace pathlens::collect {

QByteArray encodeLifecycles(const std::vector<TcpLifecycle> &events)
{
    QByteArray out;
    for (const TcpLifecycle &e : events) {
        out += e.localAddr.toLatin1() + ' ' + e.remoteAddr.toLatin1() + ' ' + QByteArray::number(e.startMonoUs) + ' '
            + QByteArray::number(e.closeMonoUs) + ' ' + QByteArray::number(e.pid) + '\n';
    }
    return out;
}

std::vector<TcpLifecycle> decodeLifecycles(QByteArrayView text)
{
    std::vector<TcpLifecycle> out;
    for (const QByteArray &line : QByteArray(text.data(), text.size()).split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() != 5)
            continue;
        bool ok1 = false, ok2 = false, ok3 = false;
        TcpLifecycle e{QString::fromLatin1(f[0]), QString::fromLatin1(f[1]), f[2].toLongLong(&ok1), f[3].toLongLong(&ok2),
                       f[4].toLongLong(&ok3)};
        if (ok1 && ok2 && ok3)
            out.push_back(std::move(e));
    }
    return out;
}

} // namespace pathlens::collect
