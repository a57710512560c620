// SPDX-License-Identifier: GPL-3.0-or-later
// Rolling-window accounting of the throughput endpoints' per-client data budget.
#include "core/load/transfer_budget_ledger.h"

#include <algorithm>
#include <chrono>

namespace pathlens::core {

void TransferCounters::add(const TransferCounters &o)
{
    bytesSent += o.bytesSent;
    bytesReceived += o.bytesReceived;
    transfers += o.transfers;
    incomplete += o.incomplete;
    rejections += o.rejections;
    discardedBytes += o.discardedBytes;
}

TransferBudgetLedger::TransferBudgetLedger(qint64 budgetBytes, Clock clock)
    : m_budget(std::max<qint64>(0, budgetBytes)), m_clock(std::move(clock))
{
}

qint64 TransferBudgetLedger::now() const
{
    if (m_clock)
        return m_clock();
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

qint64 TransferBudgetLedger::windowBytes(const Client &c, qint64 nowMs) const
{
    qint64 sum = 0;
    for (const Charge &charge : c.charges)
        if (charge.atMs + kWindowMs > nowMs)
            sum += charge.bytes;
    return sum;
}

TransferAdmission TransferBudgetLedger::decide(const Client *c, qint64 bytes, qint64 nowMs) const
{
    const qint64 used = c ? windowBytes(*c, nowMs) : 0;
    if (used + bytes <= m_budget) {
        TransferAdmission fits;
        fits.admitted = true;
        return fits;
    }
    TransferAdmission refused;
    if (bytes > m_budget) {
        // Never fits: waiting a whole window is the honest answer, and the reason says why.
        refused.retryAfterS = int(kWindowMs / 1000);
        refused.reason = QStringLiteral("a transfer of %1 bytes is larger than the whole budget of %2 bytes per client per 30 min")
                             .arg(bytes)
                             .arg(m_budget);
        return refused;
    }
    // The oldest charges leave the window first: wait until enough of them have.
    const qint64 mustFree = used + bytes - m_budget;
    qint64 freed = 0;
    qint64 fitsAtMs = nowMs + kWindowMs;
    for (const Charge &charge : c->charges) {
        if (charge.atMs + kWindowMs <= nowMs)
            continue;
        freed += charge.bytes;
        if (freed >= mustFree) {
            fitsAtMs = charge.atMs + kWindowMs;
            break;
        }
    }
    refused.retryAfterS = int(std::max<qint64>(1, (fitsAtMs - nowMs + 999) / 1000)); // whole seconds, rounded up
    refused.reason = QStringLiteral("data budget used: %1 of %2 bytes in the last 30 min; this transfer needs %3 more")
                         .arg(used)
                         .arg(m_budget)
                         .arg(bytes);
    return refused;
}

TransferAdmission TransferBudgetLedger::check(const QString &client, qint64 bytes) const
{
    const auto it = m_clients.find(client);
    return decide(it == m_clients.end() ? nullptr : &it->second, std::max<qint64>(0, bytes), now());
}

TransferAdmission TransferBudgetLedger::admit(const QString &client, qint64 bytes, TransferDirection direction)
{
    bytes = std::max<qint64>(0, bytes);
    const qint64 nowMs = now();
    Client &c = m_clients[client];
    while (!c.charges.empty() && c.charges.front().atMs + kWindowMs <= nowMs)
        c.charges.pop_front(); // out of the window for good: the clock never goes back
    TransferAdmission a = decide(&c, bytes, nowMs);
    if (!a.admitted) {
        ++c.counters.rejections;
        return a;
    }
    a.ticket = m_nextTicket++;
    ++c.counters.transfers;
    c.charges.push_back(Charge{nowMs, bytes, a.ticket});
    m_open.emplace(a.ticket, Open{client, direction, bytes, 0});
    return a;
}

void TransferBudgetLedger::progress(qint64 ticket, qint64 bytes)
{
    const auto it = m_open.find(ticket);
    if (it == m_open.end() || bytes <= 0)
        return;
    Open &o = it->second;
    const qint64 counted = std::min(bytes, o.size - o.moved);
    o.moved += counted;
    TransferCounters &c = m_clients[o.client].counters;
    (o.direction == TransferDirection::Download ? c.bytesSent : c.bytesReceived) += counted;
}

void TransferBudgetLedger::finish(qint64 ticket)
{
    const auto it = m_open.find(ticket);
    if (it == m_open.end())
        return;
    const Open &o = it->second;
    if (o.moved < o.size) {
        Client &c = m_clients[o.client];
        ++c.counters.incomplete;
        for (Charge &charge : c.charges)
            if (charge.ticket == ticket)
                charge.bytes = o.moved; // the unsent rest goes back to the window
    }
    m_open.erase(it);
}

void TransferBudgetLedger::recordRejection(const QString &client)
{
    ++m_clients[client].counters.rejections;
}

void TransferBudgetLedger::recordDiscarded(const QString &client, qint64 bytes)
{
    m_clients[client].counters.discardedBytes += std::max<qint64>(0, bytes);
}

std::vector<ClientBudgetState> TransferBudgetLedger::clients() const
{
    const qint64 nowMs = now();
    std::vector<ClientBudgetState> out;
    out.reserve(m_clients.size());
    for (const auto &[address, c] : m_clients)
        out.push_back(ClientBudgetState{address, c.counters, windowBytes(c, nowMs)});
    return out;
}

TransferCounters TransferBudgetLedger::totals() const
{
    TransferCounters sum;
    for (const auto &[address, c] : m_clients)
        sum.add(c.counters);
    return sum;
}

} // namespace pathlens::core
