// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet page layout.
#include "views/fleet/fleet_page.h"

#include "core/base/units_format.h"
#include "views/common/grade_pill_delegate.h"
#include "views/common/grade_style.h"
#include "views/fleet/fleet_table_model.h"
#include "views/fleet/grade_distribution_bar.h"
#include "views/shell/empty_state_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
constexpr size_t kTopN = 10; // SPEC §1: Fastest 10 and Slowest 10

QTableView *deviceTable(FleetTableModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setItemDelegateForColumn(FleetTableModel::Grade, new GradePillDelegate(view));
    view->verticalHeader()->hide();
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // both lists fit 1366 px
    view->horizontalHeader()->setSectionResizeMode(FleetTableModel::Device, QHeaderView::Stretch);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    view->setAlternatingRowColors(true);
    return view;
}
} // namespace

QString fleetBandHtml(const core::FleetPicture &fleet)
{
    return QStringLiteral("<span style='color:%1'>●</span> %2").arg(gradeColor(fleet.worst).name(), fleet.band.toHtmlEscaped());
}

FleetPage::FleetPage(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_band(new QLabel(this)), m_summary(new QLabel(this)),
      m_bar(new GradeDistributionBar(this)), m_fastest(new FleetTableModel(this)), m_slowest(new FleetTableModel(this))
{
    m_band->setObjectName(QStringLiteral("fleetBand"));
    m_band->setTextFormat(Qt::RichText);
    QFont big = m_band->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_band->setFont(big);
    m_summary->setObjectName(QStringLiteral("fleetSummary"));
    m_summary->setWordWrap(true);

    auto *fleet = new QWidget(this);
    auto *layout = new QVBoxLayout(fleet);
    layout->addWidget(m_band);
    layout->addWidget(m_bar);
    layout->addWidget(m_summary);
    auto *tables = new QHBoxLayout;
    auto *fastCol = new QVBoxLayout;
    fastCol->addWidget(new QLabel(tr("<b>Fastest 10</b> — best grade, then lowest median RTT"), fleet));
    fastCol->addWidget(deviceTable(m_fastest, QStringLiteral("fleetFastest"), fleet));
    auto *slowCol = new QVBoxLayout;
    slowCol->addWidget(new QLabel(tr("<b>Slowest 10</b> — worst first"), fleet));
    slowCol->addWidget(deviceTable(m_slowest, QStringLiteral("fleetSlowest"), fleet));
    tables->addLayout(fastCol);
    tables->addLayout(slowCol);
    layout->addLayout(tables, 1);

    m_stack->addWidget(new EmptyStatePage(pageInfo(Page::Fleet), this));
    m_stack->addWidget(fleet);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
}

void FleetPage::showFleet(const core::FleetPicture &fleet, bool newCapture)
{
    m_stack->setCurrentIndex(fleet.empty() ? 0 : 1);
    m_bandText = fleet.band;
    m_band->setText(fleetBandHtml(fleet));
    m_bar->setCounts(fleet.gradeCounts);
    const int total = int(fleet.devices.size());
    QStringList ungraded;
    for (const core::FleetDevice &d : fleet.devices)
        if (d.grade == core::Grade::Ungraded)
            ungraded << d.name;
    QString summary = tr("%n device(s) on the fleet bus, %1 online · fleet median latency %2", nullptr, total)
                          .arg(fleet.online)
                          .arg(fleet.medianRttMs ? core::formatMs(*fleet.medianRttMs) : tr("not known yet"));
    if (!ungraded.isEmpty()) // they are in no top ten: name them, and why
        summary += QLatin1Char('\n') + tr("Not graded yet (an agent grades its device once it has seen three TCP sessions "
                                           "longer than half a second): %1")
                                            .arg(ungraded.join(QStringLiteral(", ")));
    m_summary->setText(summary);
    if (newCapture) {
        m_fastest->reset(fleet.fastest(kTopN));
        m_slowest->reset(fleet.slowest(kTopN));
    } else {
        m_fastest->setRows(fleet.fastest(kTopN));
        m_slowest->setRows(fleet.slowest(kTopN));
    }
}

QString FleetPage::bandText() const
{
    return m_stack->currentIndex() == 1 ? m_bandText : QString();
}

QString FleetPage::summaryText() const
{
    return m_summary->text();
}

bool FleetPage::showsFleet() const
{
    return m_stack->currentIndex() == 1;
}

} // namespace pathlens::views
