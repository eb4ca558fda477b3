import { AppError } from '../errors.js';

/**
 * The workflow kernel: one way to declare a statutory procedure. A declaration names the statuses, the parties
 * who act (决策机关, 承办单位, 合法性审查机构 …), and for every action where it may start, where it leads, who may
 * take it, and the named gates that must hold, each with its legal basis. Everything else — the 409 for an
 * action out of order, the list of available actions, the `abilities` map the UI reads, the state table in the
 * module's documentation — is derived from the declaration, so the table in the code is the only table.
 *
 * The refusal rule (ADR 0004) applies to what a declaration can express:
 *   - action not allowed from the current status → 409;
 *   - an `order` gate not met (an earlier step missing: "no collective decision before a passed legality
 *     review") → 409;
 *   - a `content` gate not met (a required artefact missing or invalid) → 422.
 * Visibility (404) and the party check (403) run before both, in the command frame (frame.ts).
 */

export interface Gate<F> {
  /** Stable name, e.g. 'legalityPassed'. */
  name: string;
  /** The article it implements, e.g. '《重大行政决策程序暂行条例》第二十五条'. */
  basis: string;
  /** The Chinese reason the gate is not met, or null when it is. Pure. */
  check: (facts: F) => string | null;
  /** 'order' (default): an earlier step is missing → 409. 'content': an artefact is missing or invalid → 422. */
  refusal?: 'order' | 'content';
}

export interface ActionSpec<S extends string, P extends string, F> {
  /** Chinese label, e.g. '送请合法性审查'. */
  label: string;
  /** Statuses it may start from. */
  from: readonly S[];
  /**
   * Where it leads: one status; 'same' (the status does not change); or the list of statuses the command
   * chooses from by its outcome (the frame refuses a choice outside the list).
   */
  to: S | 'same' | readonly S[];
  /** The parties that may take it. */
  by: readonly P[];
  /** The article it implements. */
  basis?: string;
  gates?: readonly Gate<F>[];
}

export interface WorkflowSpec<S extends string, A extends string, P extends string, F> {
  /** Stable name, '<module>.<entity>', e.g. 'decisions.decision'. */
  name: string;
  /** Chinese name of the entity, e.g. '决策事项'. */
  entity: string;
  statuses: readonly S[];
  statusLabels: Record<S, string>;
  initial: S;
  parties: Record<P, string>;
  actions: Record<A, ActionSpec<S, P, F>>;
  /**
   * Optional: a more helpful refusal message for an action out of order (e.g. the stages still to be
   * completed). Returns undefined to use the kernel's message.
   */
  describeOrder?: (status: S, action: A, facts: F | undefined) => { message: string; details?: object } | undefined;
}

export interface UnmetGate {
  gate: string;
  basis: string;
  reason: string;
  refusal: 'order' | 'content';
}

export interface Workflow<S extends string, A extends string, P extends string, F> extends WorkflowSpec<S, A, P, F> {
  readonly actionNames: readonly A[];
  /** By the table alone: may `action` start from `status`? */
  allows(status: S, action: A): boolean;
  /** Every gate of `action` that `facts` do not meet, in declaration order. */
  unmetGates(action: A, facts: F): UnmetGate[];
  /**
   * Throws the refusal (409 out of order or an order gate; 422 a content gate) or returns the declared target:
   * the status itself for 'same', the single target, or null when the command chooses by its outcome.
   */
  assertTransition(status: S, action: A, facts?: F): S | null;
  /** The status an action leads to, checking an outcome-chosen target against the declaration. */
  resolveTarget(status: S, action: A, chosen?: S): S;
  /** Statuses `action` may lead to (for the state table and exhaustive tests). */
  targets(action: A, from?: S): S[];
  /** Actions the table and the gates allow now (the party check is the caller's). */
  availableActions(status: S, facts?: F): A[];
  /** The `abilities` map the UI reads: action → may this actor take it now. */
  abilities(status: S, facts: F | undefined, mayAct: (action: A) => boolean): Record<A, boolean>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of heterogeneous workflows
export type AnyWorkflow = Workflow<any, any, any, any>;

const gatesOf = <S extends string, P extends string, F>(spec: ActionSpec<S, P, F>) => spec.gates ?? [];

/** Declares a procedure; validates the declaration itself (unknown statuses, parties) at import time. */
export function defineWorkflow<S extends string, A extends string, P extends string, F = undefined>(
  spec: WorkflowSpec<S, A, P, F>,
): Workflow<S, A, P, F> {
  const statusSet = new Set<string>(spec.statuses);
  const actionNames = Object.keys(spec.actions) as A[];
  for (const a of actionNames) {
    const s = spec.actions[a];
    const to = s.to === 'same' ? [] : typeof s.to === 'string' ? [s.to] : s.to;
    for (const x of [...s.from, ...to])
      if (!statusSet.has(x)) throw new Error(`workflow ${spec.name}: action ${a} names unknown status ${x}`);
    for (const p of s.by)
      if (!(p in spec.parties)) throw new Error(`workflow ${spec.name}: action ${a} names unknown party ${p}`);
    if (s.from.length === 0) throw new Error(`workflow ${spec.name}: action ${a} starts from no status`);
  }
  if (!statusSet.has(spec.initial)) throw new Error(`workflow ${spec.name}: unknown initial status`);

  const label = (s: S) => spec.statusLabels[s] ?? s;
  const allows = (status: S, action: A) => spec.actions[action].from.includes(status);
  const unmetGates = (action: A, facts: F): UnmetGate[] =>
    gatesOf(spec.actions[action]).flatMap((g) => {
      const reason = g.check(facts);
      return reason === null ? [] : [{ gate: g.name, basis: g.basis, reason, refusal: g.refusal ?? 'order' }];
    });
  const targets = (action: A, from?: S): S[] => {
    const to = spec.actions[action].to;
    if (to === 'same') return from ? [from] : [...spec.actions[action].from];
    return typeof to === 'string' ? [to as S] : [...(to as readonly S[])];
  };

  function assertTransition(status: S, action: A, facts?: F): S | null {
    const a = spec.actions[action];
    if (!a) throw new AppError('bad_request', `未知的操作：${String(action)}`, { action });
    if (!allows(status, action)) {
      const custom = spec.describeOrder?.(status, action, facts);
      throw new AppError(
        'conflict',
        custom?.message ??
          `${spec.entity}当前状态为“${label(status)}”，不能${a.label}：该操作只能在「${a.from.map(label).join('」「')}」状态下进行。`,
        { status, action, allowedFrom: a.from, ...(custom?.details ?? {}) },
      );
    }
    if (facts !== undefined) {
      const unmet = unmetGates(action, facts);
      const order = unmet.filter((g) => g.refusal === 'order');
      const first = order.length ? order : unmet;
      if (first.length) {
        const basis = [...new Set(first.map((g) => g.basis))].join('；');
        throw new AppError(
          order.length ? 'conflict' : 'unprocessable',
          `不能${a.label}：${first.map((g) => g.reason).join('；')}（${basis}）。`,
          { status, action, gates: first },
        );
      }
    }
    if (a.to === 'same') return status;
    return typeof a.to === 'string' ? (a.to as S) : null;
  }

  function resolveTarget(status: S, action: A, chosen?: S): S {
    const allowed = targets(action, status);
    const to = chosen ?? (allowed.length === 1 ? allowed[0] : undefined);
    if (to === undefined || !allowed.includes(to))
      throw new Error(
        `workflow ${spec.name}: ${action} from ${status} may lead to ${allowed.join('|')}, the command chose ${String(chosen)}`,
      );
    return to;
  }

  const availableActions = (status: S, facts?: F) =>
    actionNames.filter((a) => allows(status, a) && (facts === undefined || unmetGates(a, facts).length === 0));

  const abilities = (status: S, facts: F | undefined, mayAct: (action: A) => boolean) => {
    const ok = new Set(availableActions(status, facts));
    return Object.fromEntries(actionNames.map((a) => [a, ok.has(a) && mayAct(a)])) as Record<A, boolean>;
  };

  return {
    ...spec,
    actionNames,
    allows,
    unmetGates,
    assertTransition,
    resolveTarget,
    targets,
    availableActions,
    abilities,
  };
}
