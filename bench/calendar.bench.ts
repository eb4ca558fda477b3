import { builtinCalendar } from '../src/platform/calendar/active.js';
import { computeDue } from '../src/platform/calendar/engine.js';
import { addCalendarDays, fromOrdinal, type LocalDate, toOrdinal } from '../src/platform/calendar/localdate.js';

/**
 * Working-day additions per second: the engine's O(1) index (cumulative working-day counts plus the sorted
 * list of working-day ordinals) against the naive day-by-day loop, side by side in one run, for 20-working-
 * day periods starting on every day of 2019–2026.
 */
export async function run(): Promise<void> {
  const cal = builtinCalendar();
  const starts: string[] = [];
  for (let o = toOrdinal('2019-01-01'); o <= toOrdinal('2026-12-31'); o++) starts.push(fromOrdinal(o));
  const N = 20;

  // Correctness first: both must agree on every start date.
  for (const d of starts) {
    if (cal.addWorkingDays(d, N) !== fromOrdinal(cal.addWorkingNaive(toOrdinal(d), N)))
      throw new Error(`mismatch at ${d}`);
  }

  const measure = (label: string, fn: (d: string) => unknown, minMs = 1000) => {
    let ops = 0;
    let sink = 0;
    const t0 = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < minMs) {
      for (const d of starts) {
        const r = fn(d);
        sink += typeof r === 'string' ? r.length : 0;
      }
      ops += starts.length;
      elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    }
    const perSec = (ops / elapsed) * 1000;
    console.log(
      `${label.padEnd(34)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} ops/s  (${ops} ops, ${elapsed.toFixed(0)} ms, sink ${sink % 10})`,
    );
    return perSec;
  };

  console.log(`calendar bench: addWorkingDays(d, ${N}) for ${starts.length} start dates (2019–2026), one core`);
  const indexed = measure('index (cum + workOrd, O(1))', (d) => cal.addWorkingDays(d, N));
  // The naive way: step one calendar day at a time and ask whether each day is a working day.
  const naiveAdd = (d: LocalDate, n: number) => {
    let cur = d;
    let left = n;
    while (left > 0) {
      cur = addCalendarDays(cur, 1);
      if (cal.isWorkingDay(cur)) left--;
    }
    return cur;
  };
  for (const d of starts) if (naiveAdd(d, N) !== cal.addWorkingDays(d, N)) throw new Error(`naive mismatch at ${d}`);
  const naive = measure('naive day-by-day loop', (d) => naiveAdd(d, N));
  measure('day loop on ordinals (reference)', (d) => fromOrdinal(cal.addWorkingNaive(toOrdinal(d), N)));
  const due = measure(
    'computeDue(disclosure.reply) + trace',
    (d) => computeDue('disclosure.reply', d, {}, cal).due,
    500,
  );
  console.log(`ratio index / naive: ${(indexed / naive).toFixed(1)}×  (targets: ≥1,000,000/s and ≥50×)`);
  console.log(`full computation with readable trace: ${Math.round(due).toLocaleString('en-US')}/s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
