// SPDX-License-Identifier: GPL-3.0-or-later
// Under-load panel painting and tooltips.
#include "views/load/bufferbloat_panel.h"

#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "views/common/hover_tip.h"
#include "views/common/tier_style.h"
#include "core/load/load_text.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace pathlens::views {

namespace {
// The legs in the order drawn: the gateway first, as a person's traffic meets it first.
constexpr bool kGatewayFirst[] = {true, false};
} // namespace

QColor loadClassColor(core::LoadClass loadClass)
{
    switch (loadClass) {
    case core::LoadClass::Download: return QColor(0x00, 0x72, 0xb2);
    case core::LoadClass::Upload: return QColor(0xd5, 0x5e, 0x00);
    case core::LoadClass::Idle:
    case core::LoadClass::Guard: break;
    }
    return QColor(0x99, 0x99, 0x99);
}

BufferbloatPanel::BufferbloatPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("bufferbloatPanel"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    for (core::LoadClass c : kBloatClasses)
        m_input.classLabels << core::loadClassText(c);
    setSplit({});
}

const core::LegBufferbloat &BufferbloatPanel::leg(size_t index) const
{
    return kGatewayFirst[index] ? m_split.gateway : m_split.internet;
}

void BufferbloatPanel::setSplit(const core::BufferbloatSplit &split)
{
    m_split = split;
    m_input.legs.clear();
    for (size_t i = 0; i < std::size(kGatewayFirst); ++i) {
        const core::LegBufferbloat &l = leg(i);
        BloatLegInput in;
        in.title = core::legTitle(kGatewayFirst[i]);
        in.rating = l.rating ? core::tierDisplayName(*l.rating) : QString();
        in.summary = core::bloatDeltaText(l);
        if (l.rpm)
            in.summary += QStringLiteral(" · ") + core::rpmText(*l.rpm);
        in.classes = {l.idle, l.download, l.upload};
        m_input.legs.push_back(std::move(in));
    }
    m_stale = true;
    updateGeometry();
    update();
}

void BufferbloatPanel::relayout() const
{
    if (!m_stale)
        return;
    auto &input = const_cast<BufferbloatPanelInput &>(m_input);
    const QFontMetricsF fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF bm(bold);
    input.size = size();
    input.lineHeight = fm.height();
    input.textWidth = [fm](const QString &s) { return fm.horizontalAdvance(s); };
    input.boldWidth = [bm](const QString &s) { return bm.horizontalAdvance(s); };
    m_layout = layoutBufferbloatPanel(m_input);
    m_stale = false;
}

const BufferbloatPanelLayout &BufferbloatPanel::panelLayout() const
{
    relayout();
    return m_layout;
}

QSize BufferbloatPanel::minimumSizeHint() const
{
    return {360, int(std::ceil(panelLayout().minimumHeight))};
}

QSize BufferbloatPanel::sizeHint() const
{
    // Rows a line and a half tall: bars that read at a glance without taking the page.
    const double lh = QFontMetricsF(font()).height();
    return {640, int(std::ceil(panelLayout().minimumHeight + 6 * lh * 0.5))};
}

void BufferbloatPanel::resizeEvent(QResizeEvent *event)
{
    m_stale = true;
    QWidget::resizeEvent(event);
}

void BufferbloatPanel::paintEvent(QPaintEvent *)
{
    const BufferbloatPanelLayout &l = panelLayout();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(40);
    QColor muted = text;
    muted.setAlpha(150);
    QFont bold = font();
    bold.setBold(true);

    // Grid and scale first, so bars and whiskers lie on top.
    p.setPen(grid);
    for (const BloatTick &t : l.ticks)
        p.drawLine(QPointF(t.x, l.gridTop), QPointF(t.x, l.axisY));
    p.setPen(text);
    p.drawLine(QPointF(l.x0, l.axisY), QPointF(l.x1, l.axisY));
    for (const BloatTick &t : l.ticks)
        p.drawText(t.labelRect, Qt::AlignCenter, t.label);
    p.drawText(l.unitRect, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("ms"));

    for (size_t i = 0; i < l.legs.size(); ++i) {
        const BloatLegLayout &leg = l.legs[i];
        const core::LegBufferbloat &figures = this->leg(i);
        p.setFont(bold);
        p.setPen(text);
        p.drawText(leg.title, Qt::AlignLeft | Qt::AlignVCenter, m_input.legs[i].title);
        if (figures.rating && !leg.pill.isEmpty()) {
            p.setPen(Qt::NoPen);
            p.setBrush(tierColor(*figures.rating));
            p.drawRoundedRect(leg.pill, leg.pill.height() / 2, leg.pill.height() / 2);
            p.setBrush(Qt::NoBrush);
            p.setPen(tierTextColor(*figures.rating));
            p.drawText(leg.pill, Qt::AlignCenter, m_input.legs[i].rating);
        }
        p.setFont(font());
        p.setPen(text);
        p.drawText(leg.summary, Qt::AlignLeft | Qt::AlignVCenter, m_input.legs[i].summary);
        for (size_t c = 0; c < kBloatClasses.size(); ++c) {
            const BloatBarLayout &bar = leg.bars[c];
            p.setPen(text);
            p.drawText(bar.label, Qt::AlignLeft | Qt::AlignVCenter, m_input.classLabels.value(qsizetype(c)));
            const QColor colour = loadClassColor(kBloatClasses[c]);
            if (bar.hasFigure)
                p.fillRect(bar.bar, colour);
            if (bar.whisker) {
                // The whisker: a thin line to p95 with an end cap as tall as half the bar.
                p.setPen(QPen(colour.darker(130), 1.5));
                p.drawLine(*bar.whisker);
                const double cap = bar.bar.height() * 0.25;
                p.drawLine(QPointF(bar.whisker->x2(), bar.whisker->y2() - cap), QPointF(bar.whisker->x2(), bar.whisker->y2() + cap));
            }
            p.setPen(bar.hasFigure ? text : muted);
            p.drawText(bar.value, Qt::AlignLeft | Qt::AlignVCenter, bar.valueText);
        }
    }
}

QString BufferbloatPanel::toolTipAt(QPointF at) const
{
    const BufferbloatPanelLayout &l = panelLayout();
    for (size_t i = 0; i < l.legs.size(); ++i) {
        const BloatLegLayout &leg = l.legs[i];
        const core::LegBufferbloat &figures = this->leg(i);
        if (leg.pill.contains(at) || leg.title.contains(at))
            return core::bufferbloatHelp();
        if (leg.summary.contains(at))
            return figures.rpm ? core::bufferbloatHelp() + QStringLiteral("\n\n") + core::rpmHelp() : core::bufferbloatHelp();
        for (size_t c = 0; c < kBloatClasses.size(); ++c) {
            if (!leg.bars[c].row.contains(at))
                continue;
            const core::LatencyClassStats &s = m_input.legs[i].classes[c];
            const QString who = kGatewayFirst[i] ? tr("Pings to your router") : tr("Pings to the internet targets");
            QString tip = tr("%1 while %2: %n answered", nullptr, s.count)
                              .arg(who, kBloatClasses[c] == core::LoadClass::Idle ? tr("the link was idle") : core::loadClassText(kBloatClasses[c]));
            if (s.p50Ms)
                tip += tr("\nmedian %1").arg(core::formatMs(*s.p50Ms));
            if (s.p95Ms)
                tip += tr(" · 95th percentile %1").arg(core::formatMs(*s.p95Ms));
            if (!s.p50Ms)
                tip += tr("\nA figure needs at least %n pings.", nullptr, core::kMinClassSamples);
            return tip + QStringLiteral("\n") + core::loadClassHelp(kBloatClasses[c]);
        }
    }
    return {};
}

bool BufferbloatPanel::event(QEvent *event)
{
    return handleHoverTip(this, event, [this](QPoint pos) { return toolTipAt(pos); }) || QWidget::event(event);
}

} // namespace pathlens::views
