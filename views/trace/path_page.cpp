// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and behaviour of the Path page.
#include "views/trace/path_page.h"

#include "core/base/address_text.h"
#include "core/base/units_format.h"
#include "views/shell/empty_state_page.h"
#include "views/trace/path_diagram.h"

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QStackedLayout>
#include <QVBoxLayout>

#include <optional>

namespace pathlens::views {

namespace {
QString utcText(core::TimestampUs us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}
} // namespace

PathPage::PathPage(QWidget *parent)
    : QWidget(parent), m_diagram(new PathDiagram(this)), m_picker(new QComboBox(this)), m_header(new QLabel(this)),
      m_history(new QListWidget(this))
{
    m_picker->setToolTip(tr("Choose a trace of this capture (newest first)"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_picker, &QComboBox::currentIndexChanged, this, &PathPage::showIndex);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_diagram);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *legend = new QLabel(tr("● solid: answered hop — address, median RTT, +N ms added since the previous answering hop · "
                                 "◌ dashed: silent hop — normal, many routers never answer traceroute; traffic still passes · "
                                 "<i>rate-limited</i>: unanswered probes that later hops did answer, so not loss · hover a hop for more"),
                              this);
    legend->setToolTip(tr("Help → How it measures explains the trace method"));
    legend->setWordWrap(true);
    legend->setObjectName(QStringLiteral("pathLegend"));
    m_history->setObjectName(QStringLiteral("routeChanges"));
    m_history->setMaximumHeight(90);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_picker);
    layout->addWidget(m_header);
    layout->addWidget(scroll, 1);
    layout->addWidget(legend);
    layout->addWidget(new QLabel(tr("Route changes"), content));
    layout->addWidget(m_history);

    m_stack = new QStackedLayout(this);
    m_stack->addWidget(new EmptyStatePage(pageInfo(Page::Path), this));
    m_stack->addWidget(content);
}

void PathPage::showTraces(const std::vector<core::TraceResult> &newestFirst, const std::vector<core::PathChange> &changes)
{
    auto same = [](const std::vector<core::TraceResult> &a, const std::vector<core::TraceResult> &b) {
        return a.size() == b.size() && (a.empty() || (a.front().startedUtcUs == b.front().startedUtcUs &&
                                                      a.front().target == b.front().target && a.back().startedUtcUs == b.back().startedUtcUs));
    };
    if (same(newestFirst, m_traces) && changes.size() == m_changes.size() && m_stack->currentIndex() == (m_traces.empty() ? 0 : 1))
        return; // a snapshot without new traces: keep the user's pick and scroll position
    // Keep the trace the user picked, if it is still there (the newest otherwise).
    const int picked = m_picker->currentIndex();
    std::optional<std::pair<core::TimestampUs, QString>> keep;
    if (picked > 0 && picked < int(m_traces.size()))
        keep = std::make_pair(m_traces[size_t(picked)].startedUtcUs, m_traces[size_t(picked)].target);
    const QSignalBlocker block(m_picker);
    m_traces = newestFirst;
    m_changes = changes;
    m_picker->clear();
    int index = m_traces.empty() ? -1 : 0;
    for (size_t i = 0; i < m_traces.size(); ++i) {
        const core::TraceResult &t = m_traces[i];
        m_picker->addItem(QStringLiteral("%1 · %2 (%3)").arg(utcText(t.startedUtcUs), core::compactAddress(t.target), t.proto.toUpper()));
        if (keep && keep->first == t.startedUtcUs && keep->second == t.target)
            index = int(i);
    }
    m_history->clear();
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) // newest on top
        m_history->addItem(QStringLiteral("%1  %2").arg(utcText(it->utcUs), it->message));
    if (changes.empty())
        m_history->addItem(tr("No route change recorded: every trace to each target took the same path."));
    m_stack->setCurrentIndex(m_traces.empty() ? 0 : 1);
    showIndex(index);
}

void PathPage::showIndex(int index)
{
    if (index < 0 || index >= int(m_traces.size())) {
        m_diagram->setTrace({});
        m_header->clear();
        return;
    }
    m_picker->setCurrentIndex(index);
    const core::TraceResult &t = m_traces[size_t(index)];
    int answered = 0;
    for (const auto &h : t.hops)
        answered += !h.silent();
    QString header = tr("<b>%1</b> via %2 · %3 · %4 hops (%5 answered) · %6 · took %7")
                         .arg(core::compactAddress(t.target).toHtmlEscaped(), t.proto.toUpper(), utcText(t.startedUtcUs))
                         .arg(t.hops.size())
                         .arg(answered)
                         .arg(t.reached ? tr("destination reached") : tr("<b>destination not reached</b>"),
                              core::formatMs(t.durationMs));
    const auto rewrites = t.dscpRewritingTtls();
    if (!rewrites.empty()) {
        QStringList ttls;
        for (int ttl : rewrites)
            ttls << QString::number(ttl);
        header += tr(" · DSCP rewritten at hop %1").arg(ttls.join(QStringLiteral(", ")));
    }
    m_header->setText(header);
    m_diagram->setTrace(t);
}

QString PathPage::headerText() const
{
    return m_header->text();
}

} // namespace pathlens::views
