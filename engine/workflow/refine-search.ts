import { estimate } from '../sim/statistics.ts';

/**
 * Local search scored by simulation with common random numbers, accepting a move only when the paired
 * 95% confidence interval of its gain lies above zero.
 *
 * Every layout is scored on the same replications (replication r draws its incidents from streams
 * derived from (seed, r), so every candidate faces the same calls): the gain of a move in replication r
 * is d_r = score(candidate, r) − score(current, r), and its interval is the Student-t interval of the
 * d_r. Many candidate moves are tried in each round, and the best-looking of them is the one most
 * flattered by noise (the winner's curse: picking the largest of M estimates and testing it on the same
 * data makes a 95% interval cover far less than 95%). So each round has two stages:
 *
 * 1. screening: every candidate on the screening replications (the same set every round); the one with
 *    the largest mean gain is chosen (none with a mean gain > 0: the search ends);
 * 2. confirmation: the chosen move alone, against the current layout, on fresh replications used by no
 *    other round; it is accepted only when the lower end of that paired 95% interval is > 0.
 * The confirming data play no part in choosing, so each accepted move's interval is an honest 95%
 * interval. The search stops at the first move that fails confirmation (or at the round or time
 * limit), so with A accepted moves there were at most A + 1 tests; the chance that any accepted move is
 * not an improvement is at most A × 2.5% (one-sided, Bonferroni), reported as `familyError`. A final
 * check on further fresh replications compares the last layout with the first (`overall`).
 *
 * The search knows nothing of posts or units: `space` proposes moves and applies them, `score` runs the
 * replications asked for and returns one score per replication (e.g. Σ_t w_t × share of the class's
 * incidents meeting tier t).
 */
export interface RefineSpace<L, M> {
  /** Candidate moves from a layout, most promising first (at most `count`). */
  candidates(layout: L, count: number): M[];
  apply(layout: L, move: M): L;
  describe(move: M): string;
}

export interface RefineOptions {
  /** Replications per score (screening, and each confirmation). */
  replications: number;
  /** Candidate moves screened per round (default 6). */
  candidates?: number;
  /** Most rounds (default 20). */
  maxRounds?: number;
  /** Wall-clock budget in seconds (default: none); `nowS` is the clock. */
  budgetS?: number;
  nowS?: () => number;
  onProgress?: (message: string) => void;
}

export interface AcceptedMove {
  move: string;
  /** Mean paired gain on the confirming replications, and its 95% interval. */
  gain: number;
  ci95: readonly [number, number];
  /** Replication indices the confirmation used. */
  replications: readonly [number, number];
}

export interface RefineResult<L> {
  layout: L;
  accepted: AcceptedMove[];
  /** The move that failed confirmation, when the search stopped there. */
  rejected?: { move: string; gain: number; ci95: readonly [number, number] | null };
  rounds: number;
  /** Why the search stopped. */
  stop: 'no-improving-candidate' | 'confirmation-failed' | 'max-rounds' | 'budget';
  /** Final layout minus first layout on fresh replications: mean paired gain and 95% interval (null when nothing was accepted). */
  overall: { gain: number; ci95: readonly [number, number] | null; replications: readonly [number, number] } | null;
  /** Upper bound on the chance that some accepted move is not an improvement (A × 0.025). */
  familyError: number;
  /** Score evaluations made (layouts × replication sets). */
  evaluations: number;
}

/** Paired mean and 95% interval of b_r − a_r. */
export function pairedGain(a: readonly number[], b: readonly number[]): { gain: number; ci95: readonly [number, number] | null } {
  if (a.length !== b.length) throw new Error(`paired gain: ${a.length} and ${b.length} replications`);
  const e = estimate(b.map((x, r) => x - a[r]));
  return { gain: e.mean, ci95: e.ci };
}

export function refineBySimulation<L, M>(
  start: L, space: RefineSpace<L, M>, score: (layout: L, firstReplication: number, count: number) => number[], o: RefineOptions,
): RefineResult<L> {
  const R = o.replications;
  if (!(Number.isInteger(R) && R >= 2)) throw new Error(`refine: replications must be an integer >= 2 (a paired interval needs two), got ${R}`);
  const nowS = o.nowS ?? (() => 0);
  const t0 = nowS();
  const maxRounds = o.maxRounds ?? 20;
  const overBudget = () => o.budgetS !== undefined && nowS() - t0 > o.budgetS;
  let evaluations = 0;
  const run = (layout: L, first: number) => { evaluations++; return score(layout, first, R); };
  // Replication sets: screening 0..R−1; round k confirms on R(k+1)..R(k+2)−1; the final check after the last.
  const confirmFirst = (round: number) => R * (round + 1);
  let layout = start;
  let screenCurrent = run(layout, 0);
  const accepted: AcceptedMove[] = [];
  let rejected: RefineResult<L>['rejected'];
  let stop: RefineResult<L>['stop'] = 'max-rounds';
  let round = 0;
  for (; round < maxRounds; round++) {
    if (overBudget()) { stop = 'budget'; break; }
    const moves = space.candidates(layout, o.candidates ?? 6);
    let best: { move: M; gain: number; scores: number[] } | undefined;
    for (const move of moves) {
      if (overBudget()) break;
      const s = run(space.apply(layout, move), 0);
      const { gain } = pairedGain(screenCurrent, s);
      o.onProgress?.(`  round ${round + 1}: screened ${space.describe(move)}: ${fmt(gain)}`);
      if (!best || gain > best.gain) best = { move, gain, scores: s };
    }
    if (overBudget()) { stop = 'budget'; break; }
    if (!best || !(best.gain > 0)) { stop = 'no-improving-candidate'; break; }
    const next = space.apply(layout, best.move);
    const first = confirmFirst(round);
    const c = pairedGain(run(layout, first), run(next, first));
    if (!(c.ci95 && c.ci95[0] > 0)) {
      rejected = { move: space.describe(best.move), gain: c.gain, ci95: c.ci95 };
      o.onProgress?.(`  round ${round + 1}: ${rejected.move} not confirmed: gain ${fmt(c.gain)} ${ci(c.ci95)}`);
      stop = 'confirmation-failed';
      break;
    }
    accepted.push({ move: space.describe(best.move), gain: c.gain, ci95: c.ci95, replications: [first, first + R - 1] });
    o.onProgress?.(`  round ${round + 1}: accepted ${space.describe(best.move)}: gain ${fmt(c.gain)} ${ci(c.ci95)}`);
    layout = next;
    screenCurrent = best.scores;
  }
  let overall: RefineResult<L>['overall'] = null;
  if (accepted.length) {
    const first = confirmFirst(round + 1);
    const g = pairedGain(run(start, first), run(layout, first));
    overall = { ...g, replications: [first, first + R - 1] };
  }
  return { layout, accepted, rejected, rounds: round, stop, overall, familyError: accepted.length * 0.025, evaluations };
}

const fmt = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} pt`;
const ci = (c: readonly [number, number] | null) => (c ? `[${(c[0] * 100).toFixed(2)}, ${(c[1] * 100).toFixed(2)}]` : '(no interval)');
