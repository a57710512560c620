// SPDX-License-Identifier: GPL-3.0-or-later
// DDL of each schema version. Never edit a shipped migration: add the next one.
#include "core/store/capture_schema.h"

#include "core/store/sqlite_handle.h"

#include <QStringList>

namespace pathlens::core {

namespace {

// Version 1: every sample table of SPEC plus key/value capture metadata.
const char *const kMigration1 = R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);
CREATE TABLE probe_samples (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, probe TEXT NOT NULL,
  target TEXT, rtt_ms REAL, lost INTEGER, seq INTEGER, throughput_mbps REAL, dns_ms REAL, notes TEXT);
CREATE TABLE loss_bursts (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, probe TEXT, target TEXT,
  length INTEGER, duration_ms REAL, cycle_offset_ms REAL, notes TEXT);
CREATE TABLE tcp_sessions (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, last_us INTEGER, pid INTEGER,
  app TEXT, app_path TEXT, local_addr TEXT, remote_addr TEXT, bytes_down INTEGER, bytes_up INTEGER,
  down_mbps REAL, up_mbps REAL, rtt_ms REAL, min_rtt_ms REAL, retrans_pct REAL, segs_out INTEGER,
  retrans_segs INTEGER, grade TEXT, closed INTEGER, notes TEXT);
CREATE TABLE tcp_readings (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, session_id INTEGER,
  srtt_ms REAL, rttvar_ms REAL, min_rtt_ms REAL, bytes_acked INTEGER, bytes_received INTEGER,
  segs_out INTEGER, total_retrans INTEGER, delivery_mbps REAL, notes TEXT);
CREATE TABLE wifi_samples (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, iface TEXT, ssid TEXT,
  bssid TEXT, rssi_dbm REAL, noise_dbm REAL, channel INTEGER, freq_mhz INTEGER, width_mhz INTEGER,
  band TEXT, phy_mode TEXT, mcs INTEGER, nss INTEGER, tx_mbps REAL, rx_mbps REAL, notes TEXT);
CREATE TABLE traces (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, target TEXT, proto TEXT,
  hop_count INTEGER, reached INTEGER, notes TEXT);
CREATE TABLE trace_hops (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, trace_id INTEGER, ttl INTEGER,
  addr TEXT, rtt_ms REAL, silent INTEGER, loss_pct REAL, notes TEXT);
CREATE TABLE mesh_results (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, src_agent TEXT,
  dst_agent TEXT, rtt_ms REAL, loss_pct REAL, fwd_queue_ms REAL, rev_queue_ms REAL, fwd_mbps REAL,
  rev_mbps REAL, relayed INTEGER, notes TEXT);
CREATE TABLE events (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT,
  message TEXT, notes TEXT);
)SQL";

// Version 2: time-range and parent look-ups (offline review of long captures scans by time).
const char *const kMigration2 = R"SQL(
CREATE INDEX probe_samples_ts ON probe_samples(ts_us);
CREATE INDEX loss_bursts_ts ON loss_bursts(ts_us);
CREATE INDEX tcp_sessions_ts ON tcp_sessions(ts_us);
CREATE INDEX tcp_readings_session ON tcp_readings(session_id, ts_us);
CREATE INDEX wifi_samples_ts ON wifi_samples(ts_us);
CREATE INDEX traces_ts ON traces(ts_us);
CREATE INDEX trace_hops_trace ON trace_hops(trace_id, ttl);
CREATE INDEX mesh_results_ts ON mesh_results(ts_us);
CREATE INDEX events_ts ON events(ts_us);
)SQL";

// Version 3: the fleet bus (issue 11): each device's hello and verdict as heard.
const char *const kMigration3 = R"SQL(
CREATE TABLE fleet_devices (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, device_id TEXT NOT NULL,
  name TEXT, addresses TEXT, grade TEXT, median_rtt_ms REAL, retrans_pct REAL, sessions INTEGER,
  online INTEGER, notes TEXT);
CREATE INDEX fleet_devices_ts ON fleet_devices(ts_us);
)SQL";

// Version 4: packet trains (issue 13): capacity estimates and deep diagnoses.
const char *const kMigration4 = R"SQL(
CREATE TABLE capacity_results (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, target TEXT, address TEXT,
  mode TEXT, direction TEXT, phase TEXT, total_mbps REAL, measured_mbps REAL, available_mbps REAL,
  utilised_mbps REAL, latency_ms REAL, loss_pct REAL, jitter_ms REAL, voice_mos REAL, doubtful INTEGER,
  notes TEXT);
CREATE INDEX capacity_results_ts ON capacity_results(ts_us);
CREATE TABLE diagnoses (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, target TEXT, trigger TEXT,
  verdict TEXT, culprit_ttl INTEGER, culprit_addr TEXT, hops TEXT, notes TEXT);
CREATE INDEX diagnoses_ts ON diagnoses(ts_us);
)SQL";

// Version 5: throughput tests (issue 14): each direction's result, its load window and its flags.
const char *const kMigration5 = R"SQL(
CREATE TABLE throughput_results (id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, end_us INTEGER,
  direction TEXT, mbps REAL, streams INTEGER, bytes INTEGER, backend TEXT, round INTEGER,
  total_rounds INTEGER, calibration INTEGER, out_of_family INTEGER, retest INTEGER, early_exit INTEGER,
  skipped TEXT, error TEXT, notes TEXT);
CREATE INDEX throughput_results_ts ON throughput_results(ts_us);
)SQL";

const char *const kMigrations[] = {kMigration1, kMigration2, kMigration3, kMigration4, kMigration5};
static_assert(std::size(kMigrations) == kCaptureSchemaVersion, "one migration per schema version");

} // namespace

int captureSchemaVersion(SqliteDb &db)
{
    auto v = db.scalar(QStringLiteral("PRAGMA user_version"));
    return v ? v->toInt() : -1;
}

Result<void> migrateCapture(SqliteDb &db, int target)
{
    for (int version = captureSchemaVersion(db); version < target; ++version) {
        const QString sql = QStringLiteral("BEGIN IMMEDIATE;\n%1\nPRAGMA user_version = %2;\nCOMMIT;")
                                .arg(QString::fromUtf8(kMigrations[version]))
                                .arg(version + 1);
        if (auto r = db.exec(sql); !r) {
            (void)db.exec(QStringLiteral("ROLLBACK"));
            return makeError(ErrorCode::Database,
                             QStringLiteral("upgrading the capture to schema %1 failed: %2")
                                 .arg(version + 1)
                                 .arg(r.error().message));
        }
    }
    return {};
}

} // namespace pathlens::core
