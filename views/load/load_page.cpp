// SPDX-License-Identifier: GPL-3.0-or-later
// Under load page layout, and what it dumps.
#include "views/load/load_page.h"

#include "views/load/bufferbloat_panel.h"
#include "views/load/load_test_table_model.h"
#include "core/load/load_text.h"
#include "views/load/throughput_card.h"
#include "views/load/throughput_chart.h"
#include "views/shell/empty_state_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
QJsonValue orNull(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue tierOrNull(const std::optional<core::Tier> &t)
{
    return t ? QJsonValue(core::tierName(*t)) : QJsonValue(QJsonValue::Null);
}

QJsonObject legJson(const core::LegBufferbloat &l)
{
    return QJsonObject{{QStringLiteral("idle_p50_ms"), orNull(l.idle.p50Ms)},
                       {QStringLiteral("idle_p95_ms"), orNull(l.idle.p95Ms)},
                       {QStringLiteral("idle_count"), l.idle.count},
                       {QStringLiteral("dl_p50_ms"), orNull(l.download.p50Ms)},
                       {QStringLiteral("dl_p95_ms"), orNull(l.download.p95Ms)},
                       {QStringLiteral("dl_count"), l.download.count},
                       {QStringLiteral("ul_p50_ms"), orNull(l.upload.p50Ms)},
                       {QStringLiteral("ul_p95_ms"), orNull(l.upload.p95Ms)},
                       {QStringLiteral("ul_count"), l.upload.count},
                       {QStringLiteral("dl_delta_ms"), orNull(l.downloadDeltaMs)},
                       {QStringLiteral("ul_delta_ms"), orNull(l.uploadDeltaMs)},
                       {QStringLiteral("rating"), tierOrNull(l.rating)},
                       {QStringLiteral("rpm"), orNull(l.rpm)}};
}
} // namespace

LoadPage::LoadPage(QWidget *parent)
    : QWidget(parent), m_status(new LoadRoundStatus(this)), m_stack(new QStackedWidget(this)), m_card(new ThroughputCard(this)),
      m_panel(new BufferbloatPanel(this)), m_where(new QLabel(this)), m_testsTitle(new QLabel(this)),
      m_testModel(new LoadTestTableModel(this)), m_testView(new QTableView(this)), m_chart(new ThroughputChart(this))
{
    connect(m_status, &LoadRoundStatus::testNowRequested, this, &LoadPage::testNowRequested);
    connect(m_status, &LoadRoundStatus::canTestNowChanged, this, &LoadPage::canTestNowChanged);

    auto *panelTitle = new QLabel(tr("Latency under load: your router and the internet"), this);
    QFont bold = panelTitle->font();
    bold.setBold(true);
    panelTitle->setFont(bold);
    panelTitle->setToolTip(core::bufferbloatHelp());
    m_where->setObjectName(QStringLiteral("queuePlace"));
    m_where->setWordWrap(true);
    m_where->setToolTip(tr("A queue before your router delays pings to the router and to the internet alike; one beyond "
                           "it delays only the internet pings."));
    auto *panelBox = new QWidget(this);
    auto *panelLayout = new QVBoxLayout(panelBox);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    panelLayout->addWidget(panelTitle);
    panelLayout->addWidget(m_panel);
    panelLayout->addWidget(m_where);
    panelLayout->addStretch(1); // the explanation stays right under the bars

    m_testView->setObjectName(QStringLiteral("loadTests"));
    m_testView->setModel(m_testModel);
    m_testView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_testView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_testView->setAlternatingRowColors(true);
    m_testView->setWordWrap(false);
    m_testView->verticalHeader()->hide();
    m_testView->verticalHeader()->setDefaultSectionSize(m_testView->fontMetrics().height() + 8);
    m_testView->horizontalHeader()->setHighlightSections(false);
    m_testView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_testView->horizontalHeader()->setStretchLastSection(true);
    m_testsTitle->setFont(bold);
    auto *testsBox = new QWidget(this);
    auto *testsLayout = new QVBoxLayout(testsBox);
    testsLayout->setContentsMargins(0, 0, 0, 0);
    testsLayout->addWidget(m_testsTitle);
    testsLayout->addWidget(m_testView, 1);

    // The table takes the page's whole width (its notes, the flags in words, must not be cut), so the
    // small chart sits under the card, beside the panel.
    auto *top = new QWidget(this);
    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *left = new QWidget(this);
    left->setMinimumWidth(300);
    left->setMaximumWidth(400);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_card);
    leftLayout->addWidget(m_chart, 1);
    topLayout->addWidget(left, 0);
    topLayout->addWidget(panelBox, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(testsBox);
    // The figures, panel and chart get what they ask; of the room left on a large screen the table
    // takes two thirds (tests accumulate), the panel and chart one (taller bars, a readable chart).
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(split);

    m_stack->addWidget(new EmptyStatePage(pageInfo(Page::Load), this));
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_stack, 1);
    showLoad(m_picture, true);
}

void LoadPage::showLoad(std::shared_ptr<const core::LoadPicture> picture, bool newCapture)
{
    if (!picture)
        picture = std::make_shared<const core::LoadPicture>();
    if (picture == m_picture && !newCapture)
        return; // the same tests and pings: keep selection and scroll as they are
    m_picture = std::move(picture);
    const core::LoadPicture &p = *m_picture;
    m_stack->setCurrentIndex(p.empty() ? 0 : 1);
    m_card->showPicture(p);
    m_panel->setSplit(p.bufferbloat);
    m_where->setText(core::queuePlaceText(p.bufferbloat));
    const std::vector<core::ThroughputResult> newestFirst(p.results.rbegin(), p.results.rend());
    if (newCapture)
        m_testModel->reset(newestFirst);
    else
        m_testModel->setRows(newestFirst);
    m_testsTitle->setText(tr("Tests (%1)").arg(m_testModel->rowCount()));
    m_chart->setResults(p.results);
}

void LoadPage::setSetup(const LoadTestingSetup &setup)
{
    m_status->setSetup(setup);
}

void LoadPage::setLive(bool showingLive, bool liveAvailable)
{
    m_status->setLive(showingLive, liveAvailable);
}

void LoadPage::setProgress(const core::LoadProgress &progress)
{
    m_status->setProgress(progress);
}

bool LoadPage::canTestNow() const
{
    return m_status->canTestNow();
}

void LoadPage::requestTest()
{
    m_status->requestTest();
}

QString LoadPage::whereText() const
{
    return m_where->text();
}

bool LoadPage::showsContent() const
{
    return m_stack->currentIndex() == 1;
}

QJsonObject LoadPage::dump() const
{
    const core::LoadPicture &p = *m_picture;
    QJsonArray tests;
    for (int row = 0; row < m_testModel->rowCount(); ++row) {
        const core::ThroughputResult &r = *m_testModel->rowAt(row);
        tests.append(QJsonObject{{QStringLiteral("utc"), core::formatUtcMs(r.startUs)},
                                 {QStringLiteral("direction"), core::transferDirectionId(r.direction)},
                                 {QStringLiteral("mbps"), orNull(r.mbps)},
                                 {QStringLiteral("bytes"), double(r.bytes)},
                                 {QStringLiteral("streams"), r.streams},
                                 {QStringLiteral("server"), r.backend},
                                 {QStringLiteral("notes"), QJsonArray::fromStringList(core::throughputFlagWords(r))}});
    }
    const core::BufferbloatSplit &b = p.bufferbloat;
    return QJsonObject{{QStringLiteral("download_mbps"), orNull(p.downloadMbps)},
                       {QStringLiteral("upload_mbps"), orNull(p.uploadMbps)},
                       {QStringLiteral("download_tier"), tierOrNull(p.downloadTier)},
                       {QStringLiteral("upload_tier"), tierOrNull(p.uploadTier)},
                       {QStringLiteral("bufferbloat"), QJsonObject{{QStringLiteral("gateway"), legJson(b.gateway)},
                                                                   {QStringLiteral("internet"), legJson(b.internet)},
                                                                   {QStringLiteral("rating"), tierOrNull(b.rating)},
                                                                   {QStringLiteral("rpm"), orNull(b.rpm)},
                                                                   {QStringLiteral("where"), whereText()}}},
                       {QStringLiteral("tests"), tests}};
}

} // namespace pathlens::views
