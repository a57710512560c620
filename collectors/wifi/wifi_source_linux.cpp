// SPDX-License-Identifier: GPL-3.0-or-later
// Linux live Wi-Fi source: nl80211 interface, station and survey dumps through libnl-genl.
#include "wifi_source.h"

#include "collectors/os/errno_error.h"

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include <linux/nl80211.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace pathlens::collect {

static_assert(NL80211_IFTYPE_STATION == kNl80211IftypeStation);

namespace {

struct SocketFree {
    void operator()(nl_sock *s) const { nl_socket_free(s); }
};
struct MessageFree {
    void operator()(nl_msg *m) const { nlmsg_free(m); }
};
struct CallbackPut {
    void operator()(nl_cb *cb) const { nl_cb_put(cb); }
};
using NlSocket = std::unique_ptr<nl_sock, SocketFree>;
using NlMessage = std::unique_ptr<nl_msg, MessageFree>;
using NlCallbacks = std::unique_ptr<nl_cb, CallbackPut>;

// 64 KiB: a station dump of one associated AP is ~1 KiB and an interface dump a few hundred bytes
// per interface; the default (32 KiB) would do, this leaves room for long survey lists (6 GHz).
constexpr int kSocketBuffer = 65536;

// What one dump's callbacks fill in: the replies' bytes, the station-mode interfaces (interface
// dump only), and how the dump ended (1 = still running, 0 = done, < 0 = -errno from the kernel).
struct DumpState {
    QByteArray *out = nullptr;
    std::vector<int> *stationIfindexes = nullptr;
    int status = 1;
};

void append(DumpState &state, nl_msg *msg)
{
    // Padded to NLMSG_ALIGN as in the kernel's receive buffer, so the next message starts where a
    // parser of concatenated replies looks for it.
    const nlmsghdr *h = nlmsg_hdr(msg);
    state.out->append(reinterpret_cast<const char *>(h), qsizetype(h->nlmsg_len));
    state.out->append(qsizetype(NLMSG_ALIGN(h->nlmsg_len) - h->nlmsg_len), '\0');
}

int onValid(nl_msg *msg, void *arg)
{
    auto &state = *static_cast<DumpState *>(arg);
    append(state, msg);
    if (state.stationIfindexes) {
        // Which interfaces to ask for a station and a survey dump: read here with libnl's own
        // attribute parser, the pure parser reads the same bytes later for the sample.
        nlattr *tb[NL80211_ATTR_MAX + 1] = {};
        auto *gnlh = static_cast<genlmsghdr *>(nlmsg_data(nlmsg_hdr(msg)));
        if (nla_parse(tb, NL80211_ATTR_MAX, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), nullptr) == 0
            && tb[NL80211_ATTR_IFINDEX] && tb[NL80211_ATTR_IFTYPE]
            && nla_get_u32(tb[NL80211_ATTR_IFTYPE]) == NL80211_IFTYPE_STATION)
            state.stationIfindexes->push_back(int(nla_get_u32(tb[NL80211_ATTR_IFINDEX])));
    }
    return NL_OK;
}

int onFinish(nl_msg *msg, void *arg)
{
    auto &state = *static_cast<DumpState *>(arg);
    // A dump that fails part-way (a driver without a survey: EOPNOTSUPP; an interface gone:
    // ENODEV) ends with its error in NLMSG_DONE's int, not in an NLMSG_ERROR, and libnl hands that
    // DONE here unread. Taken as success, the parser would refuse the whole poll and the collector
    // restart every 10 s.
    const nlmsghdr *h = nlmsg_hdr(msg);
    int code = 0;
    if (h->nlmsg_len >= NLMSG_HDRLEN + sizeof code)
        std::memcpy(&code, nlmsg_data(h), sizeof code);
    if (code < 0) {
        state.status = code;
        return NL_STOP;
    }
    append(state, msg); // NLMSG_DONE too, so the parser can count complete dumps
    state.status = 0;
    return NL_STOP;
}

int onError(sockaddr_nl *, nlmsgerr *err, void *arg)
{
    static_cast<DumpState *>(arg)->status = err->error < 0 ? err->error : -EIO;
    return NL_STOP;
}

QString commandName(quint8 cmd)
{
    switch (cmd) {
    case NL80211_CMD_GET_INTERFACE: return QStringLiteral("interface");
    case NL80211_CMD_GET_STATION: return QStringLiteral("station");
    case NL80211_CMD_GET_SURVEY: return QStringLiteral("survey");
    }
    return QString::number(cmd);
}

core::Error libnlError(const QString &what, int nlErr)
{
    return core::makeError(core::ErrorCode::Io, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(nl_geterror(nlErr))),
                           QStringLiteral("the Wi-Fi collector restarts by itself; if this repeats, report it"));
}

class LinuxWifiSource final : public WifiSource {
public:
    core::Result<WifiRawPoll> poll() override
    {
        if (auto r = connect(); !r)
            return r.error();
        WifiRawPoll out;
        std::vector<int> stations;
        if (auto r = dump(NL80211_CMD_GET_INTERFACE, 0, out.bytes, &stations); !r) {
            m_socket.reset(); // the family may have gone (module unloaded): resolve it again next time
            return r.error();
        }
        out.utcUs = core::nowUtcUs();
        for (const int ifindex : stations) {
            // An interface that went away between the dumps (ENODEV), or a driver without a
            // survey (EOPNOTSUPP), costs that part of the reading, not the poll.
            for (const quint8 cmd : {quint8(NL80211_CMD_GET_STATION), quint8(NL80211_CMD_GET_SURVEY)}) {
                QByteArray part;
                if (auto r = dump(cmd, ifindex, part, nullptr); r)
                    out.bytes += part;
                else if (r.error().code != core::ErrorCode::NotFound) {
                    m_socket.reset();
                    return r.error();
                }
            }
        }
        return out;
    }

    QString describe() const override { return QStringLiteral("nl80211"); }

private:
    core::Result<void> connect()
    {
        if (m_socket)
            return {};
        NlSocket socket(nl_socket_alloc());
        if (!socket)
            return core::makeError(core::ErrorCode::Io, QStringLiteral("cannot allocate a netlink socket"));
        if (const int err = genl_connect(socket.get()); err < 0)
            return libnlError(QStringLiteral("cannot open a generic netlink socket"), err);
        nl_socket_set_buffer_size(socket.get(), kSocketBuffer, kSocketBuffer);
        nl_socket_enable_msg_peek(socket.get()); // a reply larger than the read buffer is read whole
        const int family = genl_ctrl_resolve(socket.get(), "nl80211");
        if (family < 0)
            return core::makeError(core::ErrorCode::Unsupported,
                                   QStringLiteral("nl80211 is not in the kernel (the cfg80211 module is not loaded), so there is "
                                                  "no Wi-Fi interface to read"),
                                   QStringLiteral("nothing to do without Wi-Fi; a Wi-Fi adapter is picked up when it appears"));
        m_family = family;
        m_socket = std::move(socket);
        return {};
    }

    // One NLM_F_DUMP request and its replies. A kernel error answer gives NotFound for ENODEV,
    // EOPNOTSUPP and ENOENT (nothing to report there), Io otherwise.
    core::Result<void> dump(quint8 cmd, int ifindex, QByteArray &out, std::vector<int> *stationIfindexes)
    {
        NlMessage msg(nlmsg_alloc());
        if (!msg || !genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, m_family, 0, NLM_F_DUMP, cmd, 0)
            || (ifindex > 0 && nla_put_u32(msg.get(), NL80211_ATTR_IFINDEX, quint32(ifindex)) < 0))
            return core::makeError(core::ErrorCode::Internal, QStringLiteral("cannot build an nl80211 request"));
        NlCallbacks cb(nl_cb_alloc(NL_CB_DEFAULT));
        if (!cb)
            return core::makeError(core::ErrorCode::Io, QStringLiteral("cannot allocate netlink callbacks"));
        DumpState state{&out, stationIfindexes};
        nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, onValid, &state);
        nl_cb_set(cb.get(), NL_CB_FINISH, NL_CB_CUSTOM, onFinish, &state);
        nl_cb_err(cb.get(), NL_CB_CUSTOM, onError, &state);
        if (const int err = nl_send_auto(m_socket.get(), msg.get()); err < 0)
            return libnlError(QStringLiteral("nl80211 request"), err);
        while (state.status > 0) {
            if (const int err = nl_recvmsgs(m_socket.get(), cb.get()); err < 0 && state.status > 0)
                return libnlError(QStringLiteral("nl80211 reply"), err);
        }
        if (state.status == -ENODEV || state.status == -EOPNOTSUPP || state.status == -ENOENT)
            return core::makeError(core::ErrorCode::NotFound, errnoText(-state.status));
        if (state.status < 0)
            return errnoError(QStringLiteral("nl80211 %1 dump").arg(commandName(cmd)), -state.status);
        return {};
    }

    NlSocket m_socket;
    int m_family = 0;
};

} // namespace

std::unique_ptr<WifiSource> createLiveWifiSource() { return std::make_unique<LinuxWifiSource>(); }
core::Result<void> liveWifiSupported() { return {}; }

} // namespace pathlens::collect
