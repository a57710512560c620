// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and text of the wall screen. Every size is a fraction of the board's height, so 1080p and
// 4K screens show the same picture, read from across a room.
#include "views/kiosk/kiosk_board.h"

#include "views/kiosk/kiosk_fault.h"
#include "views/kiosk/kiosk_strip.h"

#include "core/mesh/mesh_metrics.h"
#include "core/report/display_names.h"
#include "views/common/grade_style.h"
#include "views/mesh/mesh_heatmap.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSet>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
constexpr int kFaultCheckMs = 5000;                      // the fault line follows the clock this often
constexpr core::TimestampUs kNoticeUs = 60'000'000;      // an error notice stays a minute
constexpr double kMargin = 0.03;                         // of the height, around the board
const char *const kShare = "kioskShare";                 // the share of the board's width a label has
const char *const kFull = "kioskFullText";               // the text before eliding

// Font pixel size of each role, as a fraction of the height.
double roleFraction(int role)
{
    static constexpr double fractions[] = {0.16, 0.065, 0.062, 0.05, 0.034};
    return fractions[role];
}

int gradeOrder(core::Grade g) // worst first; ungraded last
{
    switch (g) {
    case core::Grade::Poor: return 0;
    case core::Grade::Fair: return 1;
    case core::Grade::Good: return 2;
    case core::Grade::Excellent: return 3;
    case core::Grade::Ungraded: break;
    }
    return 4;
}

QString ms(double v) { return QLocale().toString(v, 'f', v < 10 ? 1 : 0); }

// A name cut to a length that leaves its row room for the figures after it.
QString shortName(const QString &name)
{
    constexpr int kMaxChars = 24;
    return name.size() <= kMaxChars ? name : name.left(kMaxChars - 1).trimmed() + QChar(0x2026);
}
} // namespace

KioskBoard::KioskBoard(QWidget *parent)
    : QWidget(parent), m_now(core::nowUtcUs), m_faultTimer(new QTimer(this)), m_fault(new QLabel(this)),
      m_stack(new QStackedWidget(this)), m_footer(new QLabel(this))
{
    setObjectName(QStringLiteral("kioskBoard"));
    setAutoFillBackground(true);
    auto *column = new QVBoxLayout(this);
    m_layouts.push_back(column);
    m_fault->setObjectName(QStringLiteral("kioskFault"));
    m_fault->setWordWrap(true);
    m_fault->setStyleSheet(QStringLiteral("QLabel { background: #b71c1c; color: white; }"));
    QFont bold = m_fault->font();
    bold.setBold(true);
    m_fault->setFont(bold);
    m_fault->hide();
    m_labels.emplace_back(m_fault, Role::Line);
    column->addWidget(m_fault);
    column->addWidget(m_stack, 1);
    m_footer->setObjectName(QStringLiteral("kioskFooter"));
    m_footer->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_footer->setProperty(kShare, 1.0);
    m_fault->setProperty(kShare, 1.0);
    m_labels.emplace_back(m_footer, Role::Caption);
    column->addWidget(m_footer);

    auto page = [this](const QString &name) {
        auto *w = new QWidget(m_stack);
        w->setObjectName(name);
        auto *l = new QVBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        m_layouts.push_back(l);
        m_stack->addWidget(w);
        return l;
    };
    auto axis = [this](QVBoxLayout *layout) {
        auto *row = new QHBoxLayout;
        const QString texts[] = {tr("24 h ago"), tr("12 h ago"), tr("now")};
        const Qt::Alignment aligns[] = {Qt::AlignLeft, Qt::AlignHCenter, Qt::AlignRight};
        for (int i = 0; i < 3; ++i) {
            auto *label = new QLabel(texts[i], this);
            label->setAlignment(aligns[i] | Qt::AlignVCenter);
            label->setProperty(kShare, 1.0 / 3);
            label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
            m_labels.emplace_back(label, Role::Caption);
            row->addWidget(label, 1);
        }
        layout->addLayout(row);
    };
    auto rows = [this](QVBoxLayout *layout, std::vector<QLabel *> &out) {
        for (int i = 0; i < kRows; ++i)
            out.push_back(addLabel(layout, Role::Row));
    };

    // Overview: the verdict's grade, what it means, the evidence, the probes' tiers, the day.
    QVBoxLayout *overview = page(QStringLiteral("kioskOverview"));
    m_grade = addLabel(overview, Role::Huge);
    m_headline = addLabel(overview, Role::Title, true);
    m_evidence = addLabel(overview, Role::Line, true);
    m_tiers = addLabel(overview, Role::Line, true); // wraps on a narrow screen rather than losing a tier
    m_overviewStrip = new KioskStrip(this);
    overview->addWidget(m_overviewStrip, 1); // the day takes the room the verdict leaves
    axis(overview);

    QVBoxLayout *apps = page(QStringLiteral("kioskApps"));
    m_appsTitle = addLabel(apps, Role::Title);
    rows(apps, m_appRows);
    apps->addStretch(1);

    QVBoxLayout *mesh = page(QStringLiteral("kioskMesh"));
    m_meshTitle = addLabel(mesh, Role::Title);
    rows(mesh, m_meshRows);
    mesh->addStretch(1);

    QVBoxLayout *fleet = page(QStringLiteral("kioskFleet"));
    m_fleetTitle = addLabel(fleet, Role::Title);
    m_fleetBand = addLabel(fleet, Role::Line, true);
    rows(fleet, m_fleetRows);
    fleet->addStretch(1);

    QVBoxLayout *timeline = page(QStringLiteral("kioskTimeline"));
    setLabel(addLabel(timeline, Role::Title), tr("Last 24 hours"));
    m_timelineStrip = new KioskStrip(this);
    timeline->addWidget(m_timelineStrip, 1);
    axis(timeline);
    m_hiccup = addLabel(timeline, Role::Line, true);

    setLabel(m_grade, tr("Waiting for data"));
    setLabel(m_appsTitle, tr("Apps, worst first"));
    setLabel(m_meshTitle, tr("Mesh links, worst first"));
    setLabel(m_fleetTitle, tr("Fleet devices, slowest first"));

    connect(m_faultTimer, &QTimer::timeout, this, &KioskBoard::refreshFault);
    m_faultTimer->start(kFaultCheckMs);
    updateFooter();
    fitText();
}

QLabel *KioskBoard::addLabel(QVBoxLayout *layout, Role role, bool wrap)
{
    auto *label = new QLabel(this);
    label->setWordWrap(wrap);
    if (!wrap) // its width is the board's whatever the text: fit() shrinks or elides the text instead
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setProperty(kShare, 1.0);
    label->hide(); // until setLabel() gives it something to say
    m_labels.emplace_back(label, role);
    layout->addWidget(label);
    return label;
}

void KioskBoard::setLabel(QLabel *label, const QString &text, const QColor &colour)
{
    label->setProperty(kFull, text);
    if (colour.isValid()) {
        QPalette pal = label->palette();
        pal.setColor(QPalette::WindowText, colour);
        label->setPalette(pal);
    } else {
        label->setPalette(QPalette()); // the window's text colour, whatever the theme is by then
    }
    label->setVisible(!text.isEmpty());
    fit(label);
}

void KioskBoard::fit(QLabel *label)
{
    const auto it = std::find_if(m_labels.begin(), m_labels.end(), [label](const auto &p) { return p.first == label; });
    if (it == m_labels.end())
        return;
    const int h = std::max(1, height());
    const int wanted = std::max(1, int(std::lround(roleFraction(int(it->second)) * h)));
    // Shrinking far would make one row smaller than its neighbours: a little, then elide.
    // The grade word alone may go down to a title's size (a narrow or portrait screen).
    const double least = it->second == Role::Huge ? roleFraction(int(Role::Title)) * h : wanted * 0.85;
    const int floor = std::min(wanted, std::max(int(std::ceil(kMinTextFraction * h)), int(least)));
    const QString full = label->property(kFull).toString();
    QFont font = label->font();
    font.setPixelSize(wanted);
    if (label->wordWrap()) {
        label->setFont(font);
        label->setText(full);
        // As tall as its lines at the column's width: the layout alone kept a wrapped fault line
        // one line high and cut the second in half (lab: two collectors failing at 1920×1080).
        const int column = width() - 2 * int(std::lround(kMargin * h));
        label->setMinimumHeight(full.isEmpty() ? 0 : label->heightForWidth(std::max(1, column)));
        return;
    }
    // One line: shrink toward the floor until it fits, then elide what still does not.
    const int margin = int(std::lround(kMargin * h));
    const int room = int((width() - 2 * margin) * label->property(kShare).toDouble()) - 4;
    for (int px = wanted; px >= floor; --px) {
        font.setPixelSize(px);
        if (QFontMetrics(font).horizontalAdvance(full) <= room)
            break;
    }
    label->setFont(font);
    label->setText(QFontMetrics(font).elidedText(full, Qt::ElideRight, std::max(0, room)));
}

void KioskBoard::fitText()
{
    const int h = std::max(1, height());
    const int margin = int(std::lround(kMargin * h));
    for (QVBoxLayout *l : m_layouts)
        l->setSpacing(int(std::lround(0.012 * h)));
    m_layouts.front()->setContentsMargins(margin, margin, margin, margin);
    m_fault->setContentsMargins(margin / 2, margin / 4, margin / 2, margin / 4);
    m_overviewStrip->setMinimumHeight(int(std::lround(0.09 * h)));
    m_timelineStrip->setMinimumHeight(int(std::lround(0.25 * h)));
    for (const auto &[label, role] : m_labels) {
        if (label->property(kFull).isNull())
            label->setProperty(kFull, label->text());
        fit(label);
    }
}

void KioskBoard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitText();
}

void KioskBoard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    fitText();
}

void KioskBoard::showSnapshot(const core::SnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = snapshot;
    fillOverview(*snapshot);
    fillApps(*snapshot);
    fillMesh(*snapshot);
    fillFleet(*snapshot);
    fillTimeline(*snapshot);
    refreshFault();
}

void KioskBoard::fillOverview(const core::CaptureSnapshot &s)
{
    const core::DeviceVerdict &v = s.passive.verdict;
    if (v.gradedSessions == 0) {
        setLabel(m_grade, tr("No verdict yet"));
        setLabel(m_headline, tr("Waiting for TCP sessions to grade"));
        setLabel(m_evidence, QString());
    } else {
        setLabel(m_grade, core::gradeDisplayName(v.grade), gradeColor(v.grade));
        setLabel(m_headline, v.headline);
        setLabel(m_evidence, v.evidence);
    }
    const auto tier = [](const std::optional<core::Tier> &t) { return t ? core::tierDisplayName(*t) : tr("no figure"); };
    setLabel(m_tiers, s.probes.overall ? tr("Latency %1 · Loss %2 · Overall %3")
                                             .arg(tier(s.probes.latency), tier(s.probes.loss), tier(s.probes.overall))
                                       : QString());
    m_overviewStrip->setBuckets(s.passive.timeline);
}

void KioskBoard::fillApps(const core::CaptureSnapshot &s)
{
    std::vector<const core::AppSummary *> apps;
    for (const core::AppSummary &a : s.passive.apps)
        apps.push_back(&a);
    std::stable_sort(apps.begin(), apps.end(), [](const auto *a, const auto *b) {
        if (gradeOrder(a->grade) != gradeOrder(b->grade))
            return gradeOrder(a->grade) < gradeOrder(b->grade);
        return a->medianRttMs > b->medianRttMs;
    });
    for (int i = 0; i < kRows; ++i) {
        if (size_t(i) >= apps.size()) {
            setLabel(m_appRows[size_t(i)], i == 0 ? tr("No app sessions yet") : QString());
            continue;
        }
        const core::AppSummary &a = *apps[size_t(i)];
        const QString text = a.gradedSessions ? tr("%1 · %2 · %3 ms · %4 % retransmits")
                                                    .arg(shortName(a.name), core::gradeDisplayName(a.grade), ms(a.medianRttMs),
                                                         QLocale().toString(a.retransPct, 'f', 1))
                                              : tr("%1 · not graded yet").arg(shortName(a.name));
        setLabel(m_appRows[size_t(i)], text, gradeColor(a.grade));
    }
}

void KioskBoard::fillMesh(const core::CaptureSnapshot &s)
{
    QStringList lines;
    std::vector<QColor> colours;
    QSet<QString> unreachable;
    for (const core::MeshAgentDown &down : core::meshAgentsDownEverywhere(s.mesh)) {
        unreachable << down.agent;
        lines << tr("%1 · down on all %2 links").arg(shortName(down.agent)).arg(down.links);
        colours.push_back(meshStateColor(core::MeshState::Down));
    }
    std::vector<core::MeshCell> rest;
    for (const core::MeshCell &c : s.mesh)
        if (!unreachable.contains(c.latest.src) && !unreachable.contains(c.latest.dst))
            rest.push_back(c);
    const size_t room = size_t(kRows) - std::min(size_t(kRows), size_t(lines.size()));
    for (size_t i : core::worstMeshCells(rest, core::MeshMetric::Latency, room)) {
        const core::MeshCell &c = rest[i];
        const core::MeshMetricReading r = core::meshMetricReading(c, core::MeshMetric::Latency);
        const QString figure = r.state == core::MeshState::Down
            ? tr("down")
            : QStringLiteral("%1, %2").arg(r.value ? formatMeshValue(core::MeshMetric::Latency, *r.value) : QStringLiteral("–"),
                                           r.state ? core::meshStateDisplayName(*r.state) : tr("no figure"));
        lines << QStringLiteral("%1 → %2 · %3").arg(shortName(c.latest.src), shortName(c.latest.dst), figure);
        colours.push_back(meshStateColor(r.state));
    }
    if (lines.isEmpty())
        lines << (s.mesh.empty() ? tr("No mesh links measured") : tr("Every link is within its own best"));
    for (int i = 0; i < kRows; ++i)
        setLabel(m_meshRows[size_t(i)], i < lines.size() ? lines[i] : QString(),
                 size_t(i) < colours.size() ? colours[size_t(i)] : QColor());
}

void KioskBoard::fillFleet(const core::CaptureSnapshot &s)
{
    setLabel(m_fleetBand, s.fleet.empty() ? tr("No fleet devices heard") : s.fleet.band);
    const std::vector<core::FleetDevice> slowest = s.fleet.slowest(kRows);
    for (int i = 0; i < kRows; ++i) {
        if (size_t(i) >= slowest.size()) {
            setLabel(m_fleetRows[size_t(i)], QString());
            continue;
        }
        const core::FleetDevice &d = slowest[size_t(i)];
        QString text = QStringLiteral("%1 · %2").arg(shortName(d.name.isEmpty() ? d.id : d.name), core::gradeDisplayName(d.grade));
        if (d.medianRttMs)
            text += tr(" · %1 ms").arg(ms(*d.medianRttMs));
        if (!d.online)
            text += tr(" · offline");
        setLabel(m_fleetRows[size_t(i)], text, gradeColor(d.grade));
    }
}

void KioskBoard::fillTimeline(const core::CaptureSnapshot &s)
{
    m_timelineStrip->setBuckets(s.passive.timeline);
    const core::DeviceVerdict &v = s.passive.verdict;
    setLabel(m_hiccup, v.gradedSessions && !v.lastHiccupText.isEmpty() ? tr("Last hiccup: %1").arg(v.lastHiccupText)
                                                                       : tr("No hiccup in the sessions graded"));
}

void KioskBoard::setCollectorStatus(const core::CollectorStatus &status)
{
    m_collectors[status.name] = status;
    refreshFault();
}

void KioskBoard::showNotice(const QString &message)
{
    m_notice = message;
    m_noticeUntil = m_now() + kNoticeUs;
    refreshFault();
}

void KioskBoard::refreshFault()
{
    std::vector<core::CollectorStatus> collectors;
    for (const auto &[name, status] : m_collectors)
        collectors.push_back(status);
    const core::TimestampUs now = m_now();
    QString text = kioskFaultText(m_snapshot.get(), collectors, now);
    if (!m_notice.isEmpty() && now >= m_noticeUntil)
        m_notice.clear();
    if (!m_notice.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + m_notice;
    if (text != m_fault->property(kFull).toString() || m_fault->isVisible() == text.isEmpty())
        setLabel(m_fault, text, QColor(Qt::white));
    updateFooter();
}

QString KioskBoard::faultText() const
{
    return m_fault->isVisible() ? m_fault->property(kFull).toString() : QString();
}

void KioskBoard::updateFooter()
{
    static const char *const names[] = {QT_TR_NOOP("Overview"), QT_TR_NOOP("Apps"), QT_TR_NOOP("Mesh"),
                                        QT_TR_NOOP("Fleet"), QT_TR_NOOP("Last 24 hours")};
    const int index = m_stack->currentIndex();
    QString where;
    if (!m_snapshot)
        where = tr("Waiting for the first measurements");
    else if (m_snapshot->live && !m_snapshot->capture.closed())
        where = m_snapshot->capture.span ? tr("Live · last sample %1 UTC")
                                               .arg(QDateTime::fromMSecsSinceEpoch(m_snapshot->capture.span->second / 1000, Qt::UTC)
                                                        .toString(QStringLiteral("HH:mm:ss")))
                                         : tr("Live");
    else
        where = tr("Saved capture");
    const QString host = m_snapshot ? m_snapshot->capture.meta.value(QStringLiteral("host")) : QString();
    setLabel(m_footer, QStringLiteral("%1%2 · %3 (%4/%5)")
                           .arg(host.isEmpty() ? QString() : host + QStringLiteral(" · "), where, tr(names[index]))
                           .arg(index + 1)
                           .arg(kDashboards));
}

void KioskBoard::showDashboard(Dashboard dashboard)
{
    m_stack->setCurrentIndex(int(dashboard));
    updateFooter();
}

KioskBoard::Dashboard KioskBoard::current() const
{
    return Dashboard(m_stack->currentIndex());
}

void KioskBoard::showNext()
{
    for (int step = 1; step <= kDashboards; ++step) {
        const auto next = Dashboard((m_stack->currentIndex() + step) % kDashboards);
        const bool empty = (next == Dashboard::Mesh && (!m_snapshot || m_snapshot->mesh.empty())) ||
                           (next == Dashboard::Fleet && (!m_snapshot || m_snapshot->fleet.empty()));
        if (!empty) {
            showDashboard(next);
            return;
        }
    }
}

Page kioskDashboardPage(KioskBoard::Dashboard dashboard)
{
    switch (dashboard) {
    case KioskBoard::Dashboard::Overview: return Page::Overview;
    case KioskBoard::Dashboard::Apps: return Page::Apps;
    case KioskBoard::Dashboard::Mesh: return Page::Mesh;
    case KioskBoard::Dashboard::Fleet: return Page::Fleet;
    case KioskBoard::Dashboard::Timeline: return Page::Timeline;
    }
    return Page::Overview;
}

} // namespace pathlens::views
