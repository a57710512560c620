// SPDX-License-Identifier: GPL-3.0-or-later
// System-resolver probes: one lookup thread per probe, results back on the probe thread.
#include "dns_system_transport.h"

#include "core/base/notes_codec.h"

namespace pathlens::collect {

namespace {

// Owned by one probe loop on the probe thread. It keeps no descriptor: AsyncLookup posts each
// result to this thread and the transport then wakes its owner. A lookup the scheduler gave up
// on (timeout) is dropped when it returns; at most two may hang at once (AsyncLookup's bound).
class SystemDnsTransport final : public ProbeTransport {
public:
    SystemDnsTransport(QString name, SystemLookupFn fn) : m_name(std::move(name)), m_lookup(std::move(fn)) {}

    core::Result<void> send(quint64 token) override
    {
        return m_lookup.start(token, m_name, [this](quint64 id, const SystemLookupResult &r, double ms) {
            ProbeCompletion c;
            c.token = id;
            c.ok = r.ok;
            if (r.ok) {
                c.rttMs = ms;
                c.dnsMs = ms;
                c.note = QStringLiteral("addresses=%1").arg(r.addresses.size());
            } else {
                // The resolver's own words; the time it took to fail is worth keeping too.
                core::Notes n;
                n.set(QStringLiteral("error"), r.error);
                n.set(QStringLiteral("fail_ms"), QString::number(ms, 'f', 3));
                c.note = n.toString();
            }
            m_done.push_back(c);
            if (m_wake)
                m_wake();
        });
    }

    void poll(std::vector<ProbeCompletion> &out) override
    {
        out.insert(out.end(), m_done.begin(), m_done.end());
        m_done.clear();
    }

    void forget(quint64 token) override { m_lookup.cancel(token); }
    QString mode() const override { return QStringLiteral("getaddrinfo"); }
    void setWakeUp(std::function<void()> wake) override { m_wake = std::move(wake); }

private:
    QString m_name;
    AsyncLookup m_lookup;
    std::vector<ProbeCompletion> m_done;
    std::function<void()> m_wake;
};

} // namespace

core::Result<std::unique_ptr<ProbeTransport>> createSystemDnsTransport(const QString &name, SystemLookupFn lookup)
{
    if (name.trimmed().isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no host name for the system DNS probe"),
                               QStringLiteral("pass --dns-name NAME or set dns_name in the targets config"));
    return std::unique_ptr<ProbeTransport>(std::make_unique<SystemDnsTransport>(name.trimmed(), std::move(lookup)));
}

} // namespace pathlens::collect
