import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { PublicDeadlineKind } from './calendar/public-kinds.js';
import type { LocalDate } from './calendar/localdate.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/engine.js';
import type { JobDef } from './jobs/index.js';
import type { RecordSource } from './ledger/sources.js';
import type { AnyWorkflow } from './workflow/index.js';

/**
 * The manifest: the only door between a module and the rest of the product (ARCHITECTURE §3a). A module says
 * here everything it contributes — routes, jobs, audit event labels, ledger record kinds with their record
 * sources and URLs, indicators, its part of the annual report, public deadline kinds, workflows, demo data, CLI —
 * and `app.ts` wires it. `reports` and `indicators` assemble what manifests give them and name no module.
 * Adding a module to the product is one line in src/modules/index.ts.
 */
export interface ModuleManifest {
  /** Folder name under src/modules, e.g. 'decisions'. */
  name: string;
  /** Chinese name shown in navigation. */
  label: string;
  /** Registers workbench routes under /api (login required). */
  routes?: (app: FastifyInstance, deps: AppDeps) => Promise<void> | void;
  /** Registers portal routes under /api/public (no login). */
  publicRoutes?: (app: FastifyInstance, deps: AppDeps) => Promise<void> | void;
  jobs?: (deps: AppDeps) => JobDef[];
  /** Called once at start-up (after migrations), e.g. to read configuration so a bad value fails at start. */
  init?: (deps: AppDeps) => Promise<void> | void;
  /** Called by `seed --demo` after the platform demo data exists, in module order. */
  seedDemo?: (deps: AppDeps) => Promise<void>;
  /** Adds subcommands to the `fazhi` CLI (e.g. `fazhi verify`). */
  cli?: (program: Command) => void;
  /** Chinese labels of the audit event types this module writes (`<entity>.<past-tense>` → label). */
  auditEvents?: Record<string, string>;
  /** Ledger record kinds this module anchors, each with the source the tamper sweep re-derives it from. */
  recordKinds?: RecordKindDef[];
  /** Figures this module computes from its own records, for indicators and the annual report. */
  indicators?: IndicatorDef[];
  /** The module's part of the annual report: which figures it states and the paragraphs that state them. */
  report?: ReportContribution[];
  /** Deadline kinds (entity kinds) whose due dates and traces the portal may show. */
  publicDeadlineKinds?: { kind: string; opts?: PublicDeadlineKind }[];
  /** The procedures this module declares with the workflow kernel (state tables in docs, exhaustive tests). */
  workflows?: AnyWorkflow[];
  /** The Markdown file carrying the generated state tables of `workflows` (default docs/modules/<name>.md). */
  doc?: string;
  /** Record kinds (IndicatorRecord.kind) this module owns, with the workbench link and JSON resource of one. */
  records?: Record<string, RecordLinks>;
}

/** Services every module's routes receive. */
export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
  engine: 'pglite' | 'postgres';
  /** The injected clock; request contexts carry the same one. */
  clock: Clock;
  /** Every enabled module, for the assemblers (indicators, reports) that must name none of them. */
  modules: readonly ModuleManifest[];
}

/** A ledger record kind: `<entity>.<noun>`, e.g. 'decision.stage'. */
export interface RecordKindDef {
  kind: string;
  /** Chinese label for the admin view and the portal. */
  label: string;
  /** How the tamper sweep re-derives the record's content from its rows (ADR 0003). */
  source: RecordSource;
}

/** Where one record lives: the workbench page for people, the JSON resource a provenance check fetches. */
export interface RecordLinks {
  /** The workbench page of the record, for people. */
  link?: (r: IndicatorRecord) => string;
  /** The JSON resource a provenance check fetches (200 = the record exists and the caller may see it). */
  api?: (r: IndicatorRecord) => string | undefined;
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
    /** `today`: the Beijing day from the injected clock, for figures counted "as of today" (overdue and the like). */
    p: { year: number; orgId: string | null; today: LocalDate },
  ): Promise<{ value: number | null; records: IndicatorRecord[]; /** the query in words, for provenance */ basis: string }>;
}

/** A figure as the report assembler hands it to a paragraph writer (computed when the draft was taken). */
export interface ReportFigure {
  code: string;
  label: string;
  unit: string;
  /** The year the figure is computed for. */
  year?: number;
  value: number | null;
  status: 'computed' | 'absent' | 'error';
  /** The query in words; some paragraphs quote it (the clean-up result). */
  basis: string;
  recordCount: number;
}

/** What a paragraph writer reads: the figures of the draft by code and year offset, and the report's unit. */
export interface ReportInput {
  year: number;
  /** The unit whose subtree is counted; null for the whole government. */
  scope: string | null;
  orgName: string;
  isGovernment: boolean;
  /** The drafting day (Beijing date), from the injected clock. */
  today: string;
  /** For what a figure cannot carry (the titles of the plan items still open); read-only. */
  db: Db;
  figure(code: string, offset?: number): ReportFigure | undefined;
}

/** The report sections modules write into; (三) the head's duty and (五) other matters are the unit's own words. */
export type ReportSection = 'measures' | 'shortcomings' | 'nextYear';

/** One of a module's parts of the annual report. */
export interface ReportContribution {
  /** Figures it states, with their year offsets (0 when omitted); the draft computes and keeps them. */
  figures: { code: string; offset?: number }[];
  section: ReportSection;
  /** Order among all contributions to the same section (lower first). */
  order: number;
  /** Sentences built only from the figures (and, for open plan items, the record); null when there is nothing to say. */
  paragraphs: (input: ReportInput) => (string | null)[] | Promise<(string | null)[]>;
}
