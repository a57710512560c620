// SPDX-License-Identifier: GPL-3.0-or-later
// Layout and behaviour of the Apps page.
#include "views/passive/apps_page.h"

#include "views/passive/app_table_model.h"
#include "views/shell/empty_state_page.h"
#include "views/common/grade_pill_delegate.h"
#include "views/common/item_roles.h"
#include "views/passive/session_table_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

namespace pathlens::views {

namespace {
QTableView *makeTable(QWidget *parent, QAbstractItemModel *model, int gradeColumn, int stretchColumn)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    view->setItemDelegateForColumn(gradeColumn, new GradePillDelegate(view));
    return view;
}
} // namespace

AppsPage::AppsPage(QWidget *parent)
    : QWidget(parent), m_apps(new AppTableModel(this)), m_sessions(new SessionTableModel(this)),
      m_appProxy(new QSortFilterProxyModel(this)), m_sessionProxy(new QSortFilterProxyModel(this)),
      m_filter(new QLineEdit(this)), m_sessionsTitle(new QLabel(this))
{
    m_appProxy->setSourceModel(m_apps);
    m_appProxy->setSortRole(SortKeyRole);
    m_appProxy->setFilterKeyColumn(AppTableModel::App);
    m_appProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_sessionProxy->setSourceModel(m_sessions);
    m_sessionProxy->setSortRole(SortKeyRole);

    m_filter->setPlaceholderText(tr("Filter apps (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Show only apps whose name contains this text"));
    connect(m_filter, &QLineEdit::textChanged, m_appProxy, &QSortFilterProxyModel::setFilterFixedString);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_filter, [this] { m_filter->setFocus(); m_filter->selectAll(); });
    addAction(find);

    m_appView = makeTable(this, m_appProxy, AppTableModel::Grade, AppTableModel::App);
    m_appView->setObjectName(QStringLiteral("appTable"));
    m_appView->sortByColumn(AppTableModel::Grade, Qt::DescendingOrder); // worst first
    m_sessionView = makeTable(this, m_sessionProxy, SessionTableModel::Grade, SessionTableModel::Remote);
    m_sessionView->setObjectName(QStringLiteral("sessionTable"));
    m_sessionView->sortByColumn(SessionTableModel::Started, Qt::DescendingOrder);
    connect(m_appView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { selectApp(current.data(KeyRole).toString()); });

    auto *tables = new QWidget(this);
    auto *tablesLayout = new QVBoxLayout(tables);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    tablesLayout->addWidget(m_filter);
    auto *splitter = new QSplitter(Qt::Vertical, tables);
    splitter->addWidget(m_appView);
    auto *sessionBox = new QWidget(splitter);
    auto *sessionLayout = new QVBoxLayout(sessionBox);
    sessionLayout->setContentsMargins(0, 4, 0, 0);
    sessionLayout->addWidget(m_sessionsTitle);
    sessionLayout->addWidget(m_sessionView);
    splitter->addWidget(sessionBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    tablesLayout->addWidget(splitter);
    m_sessionsTitle->setText(tr("Select an app to see its sessions"));

    m_stack = new QStackedLayout(this);
    m_stack->addWidget(new EmptyStatePage(pageInfo(Page::Apps), this));
    m_stack->addWidget(tables);
}

void AppsPage::showPicture(const core::TcpPicture &picture, bool newCapture)
{
    if (newCapture)
        m_apps->reset(picture.apps);
    else
        m_apps->setRows(picture.apps);
    m_allSessions = picture.sessions;
    m_stack->setCurrentIndex(picture.apps.empty() ? 0 : 1);
    if (newCapture)
        m_selectedApp.clear();
    refreshSessions(newCapture);
}

void AppsPage::setPolicy(const core::GradingPolicy &policy)
{
    m_apps->setPolicy(policy);
}

void AppsPage::selectApp(const QString &name)
{
    if (name == m_selectedApp)
        return;
    m_selectedApp = name;
    refreshSessions(true);
}

void AppsPage::refreshSessions(bool reset)
{
    std::vector<core::TcpSession> mine;
    for (const core::TcpSession &s : m_allSessions)
        if (s.app == m_selectedApp)
            mine.push_back(s);
    if (reset)
        m_sessions->reset(std::move(mine));
    else
        m_sessions->setRows(mine);
    m_sessionsTitle->setText(m_selectedApp.isEmpty() ? tr("Select an app to see its sessions")
                                                     : tr("Sessions of %1 (%2)").arg(m_selectedApp).arg(m_sessions->rowCount()));
}

} // namespace pathlens::views
