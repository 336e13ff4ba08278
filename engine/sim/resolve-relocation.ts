import { distributionMoments } from './distributions.ts';
import type { Demand, IncidentClass, Post, RelocationLimits, RelocationPolicy, Shift, UnitSpec } from './scenario.ts';
import type { RelocationFile } from './scenario-file.ts';
import { dayIntervalHours } from './shift-calendar.ts';

/** Defaults of the move-up limits (docs/simulation.md, "Move-up"). */
export const RELOCATION_DEFAULTS = Object.freeze({ maxMoves: 1, maxTravelS: 600, cooldownS: 900, minGain: 0.001 });

/** What relocation resolution needs from the scenario being resolved. */
export interface RelocationContext {
  readonly fileName: string;
  /** Scenario posts, then plan posts. */
  readonly posts: readonly Post[];
  readonly units: readonly UnitSpec[];
  readonly shifts: readonly Shift[];
  readonly classes: readonly IncidentClass[];
  readonly demand: Demand;
  readonly horizonS: number;
  problem(line: string): void;
  note(text: string): void;
}

/**
 * Resolve `relocation` (default none) against the scenario's and the plan's posts. Problems are
 * reported as `<file>: /relocation/...: expected ..., got ...`.
 */
export function resolveRelocation(file: RelocationFile | undefined, ctx: RelocationContext): RelocationPolicy {
  if (file === undefined || file.policy === 'none') return { policy: 'none' };
  const bad = (path: string, msg: string) => ctx.problem(`${ctx.fileName}: /relocation${path}: ${msg}`);
  const postIndex = new Map(ctx.posts.map((p, i) => [p.id, i]));
  const post = (id: string, path: string) => {
    const p = postIndex.get(id);
    if (p === undefined) bad(path, `expected a post id of /posts or of the plan's posts, got "${id}"`);
    return p ?? -1;
  };
  const limits: RelocationLimits = {
    maxMoves: file.maxMoves ?? RELOCATION_DEFAULTS.maxMoves,
    maxTravelS: file.maxTravelS ?? RELOCATION_DEFAULTS.maxTravelS,
    cooldownS: file.cooldownS ?? RELOCATION_DEFAULTS.cooldownS,
  };
  if (file.policy === 'compliance-table') {
    const table = file.table.map((row, k) => {
      if (row.length !== k + 1) bad(`/table/${k}`, `expected ${k + 1} post id${k ? 's' : ''} (the posts to fill with ${k + 1} unit${k ? 's' : ''} available), got ${row.length}`);
      return row.map((id, j) => post(id, `/table/${k}/${j}`));
    });
    return { policy: 'compliance-table', limits, table };
  }
  const posts = file.posts ? file.posts.map((id, j) => post(id, `/posts/${j}`)) : ctx.posts.map((_, i) => i);
  const classWeight = new Float64Array(ctx.classes.length);
  const share = classShares(ctx.classes, ctx.demand);
  if (file.classWeights) {
    const names = new Map(ctx.classes.map((c, i) => [c.name, i]));
    for (const [name, w] of Object.entries(file.classWeights)) {
      const c = names.get(name);
      if (c === undefined) bad(`/classWeights/${name}`, `expected a class name of /classes (${[...names.keys()].join(', ')}), got "${name}"`);
      else classWeight[c] = w;
    }
  } else classWeight.set(share);
  const sum = classWeight.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) bad(file.classWeights ? '/classWeights' : '', 'expected some class with a positive weight (no class has demand)');
  else for (let c = 0; c < classWeight.length; c++) classWeight[c] /= sum;
  let busyFraction = file.busyFraction;
  let busyFractionSource: 'given' | 'offered load' = 'given';
  if (busyFraction === undefined) {
    busyFractionSource = 'offered load';
    const load = offeredLoad(ctx);
    busyFraction = Math.min(load, 0.95);
    if (load >= 0.95) ctx.note(`relocation: the offered load per unit on duty is ${load.toFixed(3)}; tier-greedy counts units as busy with probability ${busyFraction} (set relocation.busyFraction to choose)`);
  }
  return {
    policy: 'tier-greedy', limits, busyFraction, busyFractionSource, posts,
    minGain: file.minGain ?? RELOCATION_DEFAULTS.minGain, classWeight,
  };
}

/** Share of incidents per class: the Poisson class mix, or the replayed incidents' counts. */
export function classShares(classes: readonly IncidentClass[], demand: Demand): Float64Array {
  const out = new Float64Array(classes.length);
  if (demand.kind === 'poisson') out.set(demand.classMix);
  else for (const c of demand.incidents.cls) out[c]++;
  const sum = out.reduce((a, b) => a + b, 0);
  if (sum > 0) for (let c = 0; c < out.length; c++) out[c] /= sum;
  return out;
}

/**
 * Offered load per unit on duty: incidents per second × Σ_c share_c · unitsToSend_c · E[on-scene_c],
 * over the mean number of units on duty (a shift of h hours counts h/24 of a unit). Travel time is not
 * included (it is short next to on-scene times), so this slightly underestimates how busy units are.
 */
export function offeredLoad(ctx: Pick<RelocationContext, 'units' | 'shifts' | 'classes' | 'demand' | 'horizonS'>): number {
  const d = ctx.demand;
  const ratePerS = d.kind === 'poisson'
    ? d.ratePerHour.reduce((a, b) => a + b, 0) / d.ratePerHour.length / 3600
    : d.incidents.timeS.length / ctx.horizonS;
  const share = classShares(ctx.classes, d);
  let work = 0;
  ctx.classes.forEach((c, k) => { work += share[k] * c.unitsToSend * distributionMoments(c.onScene).mean; });
  const onDuty = ctx.units.reduce((a, u) => a + (u.shift >= 0 ? dayIntervalHours(ctx.shifts[u.shift]) / 24 : 1), 0);
  return onDuty > 0 ? (ratePerS * work) / onDuty : 1;
}
