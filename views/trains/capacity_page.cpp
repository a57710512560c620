// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity page layout, path selection and the diagnoses' drill-down.
#include "views/trains/capacity_page.h"

#include "core/base/units_format.h"
#include "views/shell/empty_state_page.h"
#include "views/trains/capacity_chart.h"
#include "views/trains/capacity_text.h"
#include "views/trains/diagnosis_table_model.h"
#include "views/trains/estimate_card.h"
#include "views/trains/estimate_table_model.h"
#include "views/trains/hop_table_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
constexpr int kListedDiagnoses = 4; // rows of the diagnoses list before it scrolls: the hops need the room

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QJsonValue orNull(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
} // namespace

CapacityPage::CapacityPage(QWidget *parent)
    : QWidget(parent), m_paths(new QComboBox(this)), m_summary(new QLabel(this)), m_card(new EstimateCard(this)),
      m_chart(new CapacityChart(this)), m_tabs(new QTabWidget(this)), m_diagnosisModel(new DiagnosisTableModel(this)),
      m_diagnosisDetail(new QLabel(this)), m_hopModel(new HopTableModel(this)), m_estimateModel(new EstimateTableModel(this))
{
    m_paths->setObjectName(QStringLiteral("capacityPath"));
    m_paths->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_paths->setToolTip(tr("The measured path: its target, and which way its capacity was measured. ICMP echo measures "
                           "the round trip, so its figure is that of the slower direction; an agent's reflector lets "
                           "each direction be measured on its own (outbound: from here to the target; inbound: back)."));
    connect(m_paths, &QComboBox::currentIndexChanged, this, [this] { showPath(false); });
    m_summary->setObjectName(QStringLiteral("capacitySummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setWordWrap(true);
    connect(m_chart, &CapacityChart::diagnosisClicked, this, [this](int index) {
        if (index < 0 || size_t(index) >= m_chartDiagnoses.size())
            return;
        for (int row = 0; row < m_diagnosisModel->rowCount(); ++row)
            if (DiagnosisTableModel::keyOf(*m_diagnosisModel->rowAt(row)) == m_chartDiagnoses[size_t(index)]) {
                m_tabs->setCurrentIndex(0);
                selectDiagnosis(row);
            }
    });

    m_diagnosisView = makeTable(m_diagnosisModel, this, QStringLiteral("diagnoses"));
    m_diagnosisView->horizontalHeader()->setStretchLastSection(false);
    m_diagnosisView->horizontalHeader()->setSectionResizeMode(DiagnosisTableModel::Verdict, QHeaderView::Stretch);
    connect(m_diagnosisView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { showDiagnosis(false); });
    m_hopView = makeTable(m_hopModel, this, QStringLiteral("diagnosisHops"));
    m_hopView->setSelectionMode(QAbstractItemView::NoSelection);
    m_diagnosisDetail->setObjectName(QStringLiteral("diagnosisDetail"));
    m_diagnosisDetail->setTextFormat(Qt::RichText);
    m_diagnosisDetail->setWordWrap(true);
    m_diagnosisDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_estimateView = makeTable(m_estimateModel, this, QStringLiteral("estimates"));

    // Diagnoses: the list (as tall as its rows, up to kListedDiagnoses) above the selected one's
    // verdict and hops, which take the rest.
    auto *diagnosisPanel = new QWidget(this);
    auto *diagnosisLayout = new QVBoxLayout(diagnosisPanel);
    diagnosisLayout->setContentsMargins(4, 4, 4, 4);
    diagnosisLayout->addWidget(m_diagnosisView);
    diagnosisLayout->addWidget(m_diagnosisDetail);
    diagnosisLayout->addWidget(m_hopView, 1);
    m_tabs->setObjectName(QStringLiteral("capacityTabs"));
    m_tabs->addTab(diagnosisPanel, QString());
    m_tabs->addTab(m_estimateView, QString());
    m_tabs->setTabToolTip(0, tr("Deep diagnoses, newest first: trains to every hop after a confirmed dysfunction"));
    m_tabs->setTabToolTip(1, tr("Every estimate of the selected path, newest first"));

    auto *top = new QWidget(this);
    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_card->setMinimumWidth(290);
    m_card->setMaximumWidth(360);
    // The card is as tall as its figures (a column with a stretch under it, not an alignment flag:
    // only so does the layout ask its wrapped labels how tall they need to be).
    auto *cardColumn = new QVBoxLayout;
    cardColumn->addWidget(m_card);
    cardColumn->addStretch(1);
    topLayout->addLayout(cardColumn, 0);
    topLayout->addWidget(m_chart, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    split->setSizes({560, 440}); // scaled to the room there is: the chart and card get the larger share

    auto *selector = new QHBoxLayout;
    auto *pathLabel = new QLabel(tr("&Path:"), this);
    pathLabel->setBuddy(m_paths);
    selector->addWidget(pathLabel);
    selector->addWidget(m_paths);
    selector->addSpacing(12);
    selector->addWidget(m_summary, 1);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(selector);
    layout->addWidget(split, 1);

    m_stack = new QStackedLayout(this);
    m_stack->addWidget(new EmptyStatePage(pageInfo(Page::Capacity), this));
    m_stack->addWidget(content);
    refreshTabs();
    showDiagnosis(true);
}

void CapacityPage::showCapacity(std::shared_ptr<const core::CapacityPicture> picture, bool newCapture)
{
    if (!picture)
        picture = std::make_shared<const core::CapacityPicture>();
    if (picture == m_picture && !newCapture)
        return; // the same estimates and diagnoses: keep selection and scroll as they are
    m_picture = std::move(picture);
    m_pathList = groupCapacityPaths(m_picture->results);

    // The path selector keeps the user's path while its list grows.
    const std::optional<CapacityPathKey> keep = newCapture ? std::nullopt : m_shownPath;
    QStringList texts;
    for (const CapacityPath &p : m_pathList)
        texts << p.text();
    QStringList shown;
    for (int i = 0; i < m_paths->count(); ++i)
        shown << m_paths->itemText(i);
    {
        const QSignalBlocker block(m_paths);
        if (texts != shown) {
            m_paths->clear();
            m_paths->addItems(texts);
        }
        int index = m_pathList.empty() ? -1 : 0;
        for (size_t i = 0; keep && i < m_pathList.size(); ++i)
            if (m_pathList[i].key == *keep)
                index = int(i);
        m_paths->setCurrentIndex(index);
    }
    m_stack->setCurrentIndex(m_picture->results.empty() && m_picture->diagnoses.empty() ? 0 : 1);

    const std::vector<core::Diagnosis> newestFirst(m_picture->diagnoses.rbegin(), m_picture->diagnoses.rend());
    if (newCapture)
        m_diagnosisModel->reset(newestFirst);
    else
        m_diagnosisModel->setRows(newestFirst);
    showPath(newCapture);
    if (!m_diagnosisView->selectionModel()->currentIndex().isValid() && m_diagnosisModel->rowCount() > 0)
        selectDiagnosis(0); // the newest, until the user picks another
    else
        showDiagnosis(newCapture);
    refreshTabs();
}

void CapacityPage::selectPath(int index)
{
    m_paths->setCurrentIndex(index);
}

void CapacityPage::selectDiagnosis(int row)
{
    const QModelIndex index = m_diagnosisModel->index(row, 0);
    m_diagnosisView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_diagnosisView->scrollTo(index);
}

void CapacityPage::showPath(bool restart)
{
    const int i = m_paths->currentIndex();
    if (!m_picture || i < 0 || size_t(i) >= m_pathList.size()) {
        m_shownPath.reset();
        m_estimateModel->reset({});
        m_card->showEstimate(nullptr);
        m_chartDiagnoses.clear();
        m_chart->setData({}, {});
        m_summary->clear();
        refreshTabs();
        return;
    }
    const CapacityPath &path = m_pathList[size_t(i)];
    const bool another = restart || !m_shownPath || !(*m_shownPath == path.key);
    m_shownPath = path.key;
    const std::vector<core::CapacityResult> &all = m_picture->results;

    std::vector<core::CapacityResult> newestFirst;
    std::vector<CapacityChart::Estimate> estimates;
    for (auto it = path.results.rbegin(); it != path.results.rend(); ++it)
        newestFirst.push_back(all[*it]);
    for (size_t index : path.results) {
        const core::CapacityResult &r = all[index];
        CapacityChart::Estimate e;
        e.point.utcUs = r.utcUs;
        e.point.doubtful = r.doubtful;
        e.point.confirming = r.phase == core::CapacityPhase::Confirming;
        if (!r.doubtful) // a doubtful estimate has no figure, whatever it carries
            e.point.mbps = {r.totalMbps, r.availableMbps, r.utilisedMbps};
        e.kind = capacityPhaseText(r.phase);
        e.reason = r.reason;
        estimates.push_back(std::move(e));
    }
    if (another)
        m_estimateModel->reset(std::move(newestFirst));
    else
        m_estimateModel->setRows(newestFirst);
    m_card->showEstimate(&all[path.results.back()]);

    std::vector<CapacityChart::DiagnosisMark> marks;
    m_chartDiagnoses.clear();
    for (const core::Diagnosis &d : m_picture->diagnoses)
        if (d.target == path.key.target || (!path.address.isEmpty() && d.target == path.address)) {
            marks.push_back({d.utcUs, d.verdict});
            m_chartDiagnoses.push_back(DiagnosisTableModel::keyOf(d));
        }
    m_chart->setData(std::move(estimates), std::move(marks));

    const core::TimestampUs first = all[path.results.front()].utcUs, last = all[path.results.back()].utcUs;
    QString summary = tr("%n estimates", nullptr, int(path.results.size()));
    if (path.doubtful > 0)
        summary += tr(" (%n doubtful)", nullptr, path.doubtful);
    summary += QStringLiteral(" · %1 – %2 · %3").arg(utcDateTimeText(first), utcTimeText(last), capacityModeText(path.mode));
    m_summary->setText(summary);
    refreshTabs();
}

void CapacityPage::showDiagnosis(bool restart)
{
    const QModelIndex current = m_diagnosisView->selectionModel()->currentIndex();
    const core::Diagnosis *d = current.isValid() ? m_diagnosisModel->rowAt(current.row()) : nullptr;
    if (!d) {
        m_shownDiagnosis.clear();
        m_hopModel->reset({});
        m_diagnosisDetail->setText(m_diagnosisModel->rowCount() > 0
                                       ? tr("Select a diagnosis to see it hop by hop.")
                                       : tr("No deep diagnosis in this capture. One runs after a dysfunction (loss, a capacity "
                                            "drop or a latency rise) is confirmed by 10 samples, one every 6 s."));
        return;
    }
    const QString key = DiagnosisTableModel::keyOf(*d);
    if (restart || key != m_shownDiagnosis)
        m_hopModel->reset(hopRows(*d));
    else
        m_hopModel->setRows(hopRows(*d));
    m_shownDiagnosis = key;
    const QString dscp = d->dscpNote.isEmpty() ? tr("every hop kept the %1 marking").arg(core::dscpName(d->sentDscp)) : d->dscpNote;
    m_diagnosisDetail->setText(tr("<b>%1</b><br>%2 · triggered by %3 · %4 · %5 test packets, %6 over %7")
                                   .arg(d->verdict.toHtmlEscaped(), utcDateTimeText(d->utcUs), d->trigger.toHtmlEscaped(),
                                        dscp.toHtmlEscaped())
                                   .arg(d->packets)
                                   .arg(core::formatBytes(d->bytes), core::formatDuration(d->durationS)));
}

void CapacityPage::refreshTabs()
{
    // The diagnoses list is as tall as its rows (one at least, kListedDiagnoses at most).
    const int rows = std::clamp(m_diagnosisModel->rowCount(), 1, kListedDiagnoses);
    m_diagnosisView->setFixedHeight(m_diagnosisView->horizontalHeader()->sizeHint().height() +
                                    rows * m_diagnosisView->verticalHeader()->defaultSectionSize() + 2 * m_diagnosisView->frameWidth());
    m_tabs->setTabText(0, tr("Deep diagnoses (%1)").arg(m_diagnosisModel->rowCount()));
    m_tabs->setTabText(1, tr("Estimates of this path (%1)").arg(m_estimateModel->rowCount()));
}

QString CapacityPage::summaryText() const
{
    return m_summary->text();
}

QString CapacityPage::diagnosisText() const
{
    QString plain = m_diagnosisDetail->text();
    plain.replace(QStringLiteral("<br>"), QStringLiteral("\n"));
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return plain;
}

bool CapacityPage::showsContent() const
{
    return m_stack->currentIndex() == 1;
}

QJsonObject CapacityPage::dump() const
{
    QJsonArray paths;
    for (const CapacityPath &path : m_pathList) {
        const core::CapacityResult &r = m_picture->results[path.results.back()];
        const bool figures = !r.doubtful;
        const QJsonObject latest{{QStringLiteral("utc"), core::formatUtcMs(r.utcUs)},
                                 {QStringLiteral("total_mbps"), figures ? orNull(r.totalMbps) : QJsonValue(QJsonValue::Null)},
                                 {QStringLiteral("available_mbps"), figures ? orNull(r.availableMbps) : QJsonValue(QJsonValue::Null)},
                                 {QStringLiteral("utilised_mbps"), figures ? orNull(r.utilisedMbps) : QJsonValue(QJsonValue::Null)},
                                 {QStringLiteral("latency_ms"), orNull(r.latencyMs)},
                                 {QStringLiteral("loss_pct"), r.lossPct},
                                 {QStringLiteral("voice_mos"), orNull(r.voiceMos)},
                                 {QStringLiteral("doubtful"), r.doubtful},
                                 {QStringLiteral("reason"), r.reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.reason)}};
        paths.append(QJsonObject{{QStringLiteral("target"), path.key.target},
                                 {QStringLiteral("direction"), core::capacityDirectionName(path.key.direction)},
                                 {QStringLiteral("latest"), latest},
                                 {QStringLiteral("estimates"), int(path.results.size())}});
    }
    QJsonArray diagnoses;
    for (int row = 0; row < m_diagnosisModel->rowCount(); ++row) {
        const core::Diagnosis &d = *m_diagnosisModel->rowAt(row);
        diagnoses.append(QJsonObject{{QStringLiteral("utc"), core::formatUtcMs(d.utcUs)},
                                     {QStringLiteral("verdict"), d.verdict},
                                     {QStringLiteral("culprit_ttl"), d.culpritTtl ? QJsonValue(*d.culpritTtl) : QJsonValue(QJsonValue::Null)},
                                     {QStringLiteral("dscp_note"), d.dscpNote.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.dscpNote)}});
    }
    return QJsonObject{{QStringLiteral("paths"), paths}, {QStringLiteral("diagnoses"), diagnoses}};
}

} // namespace pathlens::views
