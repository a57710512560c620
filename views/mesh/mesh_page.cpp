// SPDX-License-Identifier: GPL-3.0-or-later
// Mesh page layout and drill-down.
#include "views/mesh/mesh_page.h"

#include "core/base/time_utc.h"
#include "core/base/units_format.h"
#include "views/mesh/mesh_heatmap.h"
#include "views/mesh/mesh_link_text.h"
#include "views/shell/empty_state_page.h"
#include "views/trace/path_diagram.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QSet>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
constexpr size_t kWorstShown = 12; // a 50-agent mesh: the dozen worst links name themselves

QString chip(std::optional<core::MeshState> state, int count, const QString &label)
{
    return QStringLiteral("<span style='color:%1'>●</span> %2 %3").arg(meshStateColor(state).name()).arg(count).arg(label);
}

const core::TraceResult *traceTo(const std::vector<core::TraceResult> &meshTraces, const QString &by, const QString &address)
{
    for (const core::TraceResult &t : meshTraces)
        if (t.tracedBy == by && !address.isEmpty() && (t.targetAddr == address || t.target == address))
            return &t;
    return nullptr;
}
} // namespace

MeshPage::MeshPage(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_tabs(new QTabBar(this)), m_chips(new QLabel(this)),
      m_heatmap(new MeshHeatmap(this)), m_worst(new QListWidget(this)), m_pair(new QLabel(this)),
      m_forwardTrace(new PathDiagram(this)), m_reverseTrace(new PathDiagram(this)), m_traceNote(new QLabel(this))
{
    for (core::MeshMetric m : core::kAllMeshMetrics)
        m_tabs->addTab(meshMetricDisplayName(m));
    m_tabs->setTabToolTip(0, tr("Smoothed round trip against the link's lowest (Alt+1)"));
    m_tabs->setTabToolTip(1, tr("Forward capacity against the link's highest (Alt+2)"));
    m_tabs->setTabToolTip(2, tr("Test-packet loss, either direction (Alt+3)"));
    m_tabs->setTabToolTip(3, tr("Queueing delay, the worse direction (Alt+4)"));
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int i) { setMetric(core::kAllMeshMetrics[i]); });
    m_chips->setTextFormat(Qt::RichText);
    m_chips->setObjectName(QStringLiteral("meshChips"));

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_heatmap);
    scroll->setWidgetResizable(true); // the cells grow to the room there is, down to 14 px; then it scrolls
    scroll->setFrameShape(QFrame::NoFrame);
    connect(m_heatmap, &MeshHeatmap::pairClicked, this, &MeshPage::selectPair);

    m_worst->setObjectName(QStringLiteral("meshWorst"));
    m_worst->setWordWrap(true);
    m_worst->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_worst->setToolTip(tr("Links furthest from their own best, worst first; click one for details"));
    connect(m_worst, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (item->data(Qt::UserRole).isValid()) // a link; an agent down everywhere or the placeholder opens nothing
            selectPair(item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString());
    });
    connect(m_worst, &QListWidget::itemClicked, m_worst, &QListWidget::itemActivated);
    m_pair->setTextFormat(Qt::RichText);
    m_pair->setWordWrap(true);
    m_pair->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pair->setObjectName(QStringLiteral("meshPair"));
    m_pair->setText(tr("Click a cell to see both directions of that link."));
    m_traceNote->setWordWrap(true);
    m_forwardTrace->hide();
    m_reverseTrace->hide();

    // Left: the map above the selected link (both directions and their paths); right: the worst links.
    auto *pairPanel = new QWidget(this);
    auto *pairLayout = new QVBoxLayout(pairPanel);
    pairLayout->addWidget(m_pair);
    pairLayout->addWidget(m_forwardTrace);
    pairLayout->addWidget(m_reverseTrace);
    pairLayout->addWidget(m_traceNote);
    pairLayout->addStretch(1);
    auto *pairScroll = new QScrollArea(this);
    pairScroll->setWidget(pairPanel);
    pairScroll->setWidgetResizable(true);
    pairScroll->setFrameShape(QFrame::NoFrame);
    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(scroll);
    left->addWidget(pairScroll);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    left->setCollapsible(0, false);
    scroll->setMinimumHeight(160);
    left->setSizes({520, 280});

    auto *side = new QWidget(this);
    side->setMinimumWidth(240);
    side->setMaximumWidth(420); // the map takes the rest of the width
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(new QLabel(tr("<b>Worst links</b>"), side));
    sideLayout->addWidget(m_worst, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setSizes({900, 340});

    auto *mesh = new QWidget(this);
    auto *meshLayout = new QVBoxLayout(mesh);
    auto *top = new QHBoxLayout;
    m_tabs->setExpanding(false);
    top->addWidget(m_tabs);
    top->addSpacing(24);
    top->addWidget(m_chips);
    top->addStretch(1);
    meshLayout->addLayout(top);
    auto *legend = new QLabel(tr("Row = from, column = to. Each cell is coloured against that link's own best, not an "
                                 "absolute scale; ✕ = down, hatched = no figure yet, a blue corner = relayed (large cells name the way: LAN, punched, relay)."),
                              mesh);
    legend->setWordWrap(true);
    meshLayout->addWidget(legend);
    meshLayout->addWidget(splitter, 1);

    m_stack->addWidget(new EmptyStatePage(pageInfo(Page::Mesh), this));
    m_stack->addWidget(mesh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    for (int i = 0; i < 4; ++i) { // Alt+1..4 switch tabs (Ctrl+digits switch pages)
        auto *a = new QAction(this);
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
        addAction(a);
    }
}

void MeshPage::showSnapshot(const core::CaptureSnapshot &snapshot)
{
    m_cells = snapshot.mesh;
    m_meshTraces = snapshot.meshTraces;
    m_stack->setCurrentIndex(m_cells.empty() ? 0 : 1);
    m_heatmap->setCells(m_cells);
    refreshSide();
    if (!m_src.isEmpty())
        selectPair(m_src, m_dst);
}

void MeshPage::setMetric(core::MeshMetric metric)
{
    m_metric = metric;
    if (m_tabs->currentIndex() != int(metric))
        m_tabs->setCurrentIndex(int(metric));
    m_heatmap->setMetric(metric);
    refreshSide();
}

void MeshPage::refreshSide()
{
    const core::MeshStateCounts n = core::countMeshStates(m_cells, m_metric);
    QStringList chips{chip(core::MeshState::Within, n.within, tr("within")), chip(core::MeshState::Marginal, n.marginal, tr("marginal")),
                      chip(core::MeshState::Outside, n.outside, tr("outside")), chip(core::MeshState::Down, n.down, tr("down"))};
    if (n.unknown > 0)
        chips << chip(std::nullopt, n.unknown, tr("no figure"));
    m_chips->setText(chips.join(QStringLiteral(" &nbsp; ")));
    m_chips->setToolTip(tr("Cells of the %1 map by state against each link's own best").arg(meshMetricDisplayName(m_metric)));

    m_worst->clear();
    QSet<QString> unreachable;
    for (const core::MeshAgentDown &down : core::meshAgentsDownEverywhere(m_cells)) {
        unreachable << down.agent;
        auto *item = new QListWidgetItem(tr("%1 · down on all %2 of its links").arg(down.agent).arg(down.links), m_worst);
        item->setForeground(meshStateColor(core::MeshState::Down));
        item->setToolTip(tr("No test packet to or from %1 is answered: the agent, its reflector or its network is down").arg(down.agent));
    }
    std::vector<core::MeshCell> rest;
    for (const core::MeshCell &c : m_cells)
        if (!unreachable.contains(c.latest.src) && !unreachable.contains(c.latest.dst))
            rest.push_back(c);
    const auto worst = core::worstMeshCells(rest, m_metric, kWorstShown - std::min(kWorstShown, size_t(unreachable.size())));
    for (size_t i : worst) {
        const core::MeshCell &c = rest[i];
        const core::MeshMetricReading r = core::meshMetricReading(c, m_metric);
        const QString figure = r.state == core::MeshState::Down ? tr("down")
                                                                 : QStringLiteral("%1 (%2)").arg(
                                                                       r.value ? formatMeshValue(m_metric, *r.value) : QStringLiteral("–"),
                                                                       meshStateDisplayName(*r.state));
        auto *item = new QListWidgetItem(QStringLiteral("%1 → %2 · %3").arg(c.latest.src, c.latest.dst, figure), m_worst);
        item->setData(Qt::UserRole, c.latest.src);
        item->setData(Qt::UserRole + 1, c.latest.dst);
        item->setForeground(meshStateColor(r.state));
        item->setToolTip(m_heatmap->cellToolTip(int(m_heatmap->agents().indexOf(c.latest.src)), int(m_heatmap->agents().indexOf(c.latest.dst))));
    }
    if (worst.empty() && unreachable.isEmpty())
        new QListWidgetItem(m_cells.empty() ? QString() : tr("Every link is within its own best"), m_worst);
}

void MeshPage::selectPair(const QString &src, const QString &dst)
{
    m_src = src;
    m_dst = dst;
    const core::MeshCell *there = nullptr, *back = nullptr;
    for (const core::MeshCell &c : m_cells) {
        if (c.latest.src == src && c.latest.dst == dst)
            there = &c;
        if (c.latest.src == dst && c.latest.dst == src)
            back = &c;
    }
    auto direction = [](const core::MeshCell *c, const QString &from, const QString &to) {
        if (!c)
            return tr("<b>%1 → %2</b>: not measured (is a reflector running on %2, and does %1 know it?)")
                .arg(from.toHtmlEscaped(), to.toHtmlEscaped());
        return meshLinkLines(*c).join(QStringLiteral("<br>"));
    };
    m_pair->setText(direction(there, src, dst) + QStringLiteral("<br><br>") + direction(back, dst, src));
    const core::TraceResult *fwd = there ? traceTo(m_meshTraces, src, there->latest.dstAddress) : nullptr;
    const core::TraceResult *rev = back ? traceTo(m_meshTraces, dst, back->latest.dstAddress) : nullptr;
    m_forwardTrace->setVisible(fwd);
    m_reverseTrace->setVisible(rev);
    for (auto [diagram, trace] : {std::pair{m_forwardTrace, fwd}, std::pair{m_reverseTrace, rev}}) {
        if (!trace)
            continue;
        diagram->setTrace(*trace);
        // Inside a scrolling panel the layout would squeeze it: keep the height its labels need.
        diagram->setMinimumHeight(diagram->heightForWidth(std::max(600, diagram->width())));
    }
    QStringList missing;
    if (!fwd)
        missing << QStringLiteral("%1 → %2").arg(src, dst);
    if (!rev)
        missing << QStringLiteral("%1 → %2").arg(dst, src);
    QString note = missing.isEmpty() ? QString()
                                     : tr("No trace of %1 in this capture yet: agents trace their peers every few cycles "
                                          "and share the traces on the fleet bus.")
                                           .arg(missing.join(tr(" or ")));
    // Relayed: each agent traced its own leg to the relay; the two legs are the path measured.
    if ((there && there->latest.path == QLatin1String("relayed")) || (back && back->latest.path == QLatin1String("relayed")))
        note.prepend(tr("Relayed: the drawings are the relay leg at each end — %1 to the relay, then %2 to the relay. The "
                        "figures above measure %1 → relay → %2, not a direct path. ")
                         .arg(src.toHtmlEscaped(), dst.toHtmlEscaped()));
    m_traceNote->setText(note);
}

QString MeshPage::chipsText() const
{
    QString plain = m_chips->text();
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return plain.replace(QStringLiteral("&nbsp;"), QStringLiteral(" ")).simplified();
}

QString MeshPage::pairText() const
{
    QString plain = m_pair->text();
    plain.replace(QStringLiteral("<br>"), QStringLiteral("\n"));
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return plain;
}

QStringList MeshPage::worstLinks() const
{
    QStringList out;
    for (int i = 0; i < m_worst->count(); ++i)
        if (!m_worst->item(i)->text().isEmpty())
            out << m_worst->item(i)->text();
    return out;
}

bool MeshPage::showsPairTraces() const
{
    return !m_forwardTrace->isHidden() && !m_reverseTrace->isHidden();
}

bool MeshPage::showsMesh() const
{
    return m_stack->currentIndex() == 1;
}

} // namespace pathlens::views
