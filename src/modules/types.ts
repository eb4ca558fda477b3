import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db/engine.js';
import type { JobDef } from '../platform/jobs/index.js';

/** Services every module's routes receive. */
export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
  engine: 'pglite' | 'postgres';
}

/** One record behind an indicator figure, so every figure links to what it counts. */
export interface IndicatorRecord {
  kind: string;
  id: string;
  label: string;
  /** Workbench path of the record, e.g. '/admin/decisions/<id>'. */
  link?: string;
}

/**
 * A figure a module can compute from its own records, for the indicator system and the annual report.
 * `orgId` null means the whole government (every unit); otherwise the unit and its subtree.
 */
export interface IndicatorDef {
  /** Stable code, '<module>.<name>', e.g. 'decisions.catalog_items'. */
  code: string;
  /** Chinese label, e.g. '纳入年度目录的重大行政决策事项数'. */
  label: string;
  /** Unit of the value: '项', '件', '%', '天' … */
  unit: string;
  compute(
    db: Db,
    p: { year: number; orgId: string | null },
  ): Promise<{ value: number | null; records: IndicatorRecord[]; /** the query in words, for provenance */ basis: string }>;
}

/**
 * A module's manifest: the single place that says what it contributes. Adding a module to the product
 * is one line in src/modules/index.ts.
 */
export interface ModuleManifest {
  name: string;
  /** Chinese name shown in navigation. */
  label: string;
  /** Registers routes under /api (staff) and /api/public (portal). */
  routes?: (app: FastifyInstance, deps: AppDeps) => Promise<void> | void;
  jobs?: (deps: AppDeps) => JobDef[];
  /** Called once at start-up (after migrations), e.g. to register audit hooks or load keys. */
  init?: (deps: AppDeps) => Promise<void> | void;
  /** Called by `seed --demo` after the platform demo data exists, in module order. */
  seedDemo?: (deps: AppDeps) => Promise<void>;
  /** Figures this module contributes to indicators and the annual report. */
  indicators?: IndicatorDef[];
  /** Adds subcommands to the `fazhi` CLI (e.g. `fazhi verify`). */
  cli?: (program: import('commander').Command) => void;
}
