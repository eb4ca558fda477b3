import type { ModuleManifest } from '../manifest.js';
import { registerAuditLabels } from '../audit/catalog.js';
import { onAuditWritten } from '../audit/hooks.js';
import type { Executor } from '../db/engine.js';
import { ledgerAdminRoutes, ledgerPublicRoutes } from './ledger.routes.js';
import { registerVerifyCommand } from './cli.js';
import { initLedger, rotateSigningKey } from './state.js';
import { anchorAuditEvent, sequence } from './store.js';
import { sweepIntervalMs, sweepLedger, sweepSettingsFromEnv } from './sweep.js';

/**
 * Job cadence; not statutory. Sequencing often keeps proofs fresh. The sweep job runs every quarter of the
 * re-derivation bound (15 minutes by default, FAZHI_LEDGER_REDERIVE_MINUTES) and is incremental — new leaves,
 * plus the rolling re-derivation of a quarter of the older records — unless a full sweep is due:
 * FAZHI_LEDGER_FULL_SWEEP_HOURS, default 24.
 */
export const LEDGER_JOB_DEFAULTS = { sequenceIntervalMs: 2_000 };

registerAuditLabels({
  'ledger.key_generated': '生成账本签名密钥',
  'ledger.key_rotated': '轮换账本签名密钥',
  'ledger.tamper_detected': '发现篡改',
  'ledger.alarm_acknowledged': '确认篡改告警',
  'ledger.sweep_run': '执行账本完整性巡检',
});

const anchorAudit = async (trx: Executor, event: { id: string }) => {
  await anchorAuditEvent(trx, event.id);
};

/** The tamper-evident ledger (上链) as a platform service with routes and jobs. */
export const ledgerModule: ModuleManifest = {
  name: 'ledger',
  label: '上链存证',
  init: async ({ db, config }) => {
    // Every audit event becomes a leaf in its own transaction: the audit trail itself is tamper-evident.
    onAuditWritten(anchorAudit);
    await initLedger(db, { keyDir: config.keyDir });
  },
  routes: (app, { db }) => {
    ledgerPublicRoutes(app, db);
    ledgerAdminRoutes(app, db);
  },
  cli: (program) => {
    registerVerifyCommand(program);
    program
      .command('ledger-rotate-key')
      .description('轮换账本签名密钥（旧检查点仍可用旧公钥验证；新公钥须在门户公布）')
      .action(async () => {
        const { loadConfig } = await import('../config.js');
        const { openDatabase } = await import('../db/engine.js');
        const { migrateToLatest } = await import('../db/migrate.js');
        const config = loadConfig();
        const h = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          await migrateToLatest(h.db);
          onAuditWritten(anchorAudit);
          await initLedger(h.db, { keyDir: config.keyDir });
          const signer = await rotateSigningKey(h.db);
          console.log(`已轮换签名密钥，新的验证公钥：${signer.verifierKey}`);
        } finally {
          await h.close();
        }
      });
  },
  jobs: () => {
    const settings = sweepSettingsFromEnv();
    return [
      {
        name: 'ledger.sequence',
        intervalMs: LEDGER_JOB_DEFAULTS.sequenceIntervalMs,
        run: async (db) => {
          const r = await sequence(db);
          return `appended ${r.appended}, tree size ${r.treeSize}`;
        },
      },
      {
        name: 'ledger.sweep',
        intervalMs: sweepIntervalMs(settings),
        run: async (db, now) => {
          const r = await sweepLedger(db, now, {
            mode: 'auto',
            fullIntervalMs: settings.fullIntervalMs,
            rederiveBoundMs: settings.rederiveBoundMs,
            intervalMs: sweepIntervalMs(settings),
          });
          const how = r.escalated ? `full (escalated: ${r.escalated})` : r.mode;
          return `${how} from ${r.fromSize}: checked ${r.checkedEntries}, re-derived ${r.rederived}, problems ${r.problems.length}, new alarms ${r.newAlarms}`;
        },
      },
    ];
  },
};
