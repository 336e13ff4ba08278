/**
 * `compare.json`, the demo's comparison (engine/workflow/demo.ts writes it; docs/run-directory.md):
 * the figures of each layout (current layout, proposal, and, when the demo made a time-of-day plan,
 * the plan and the plan with move-up), paired differences against the proposal, unit-hours and
 * simulated moves. The one reader of the format: the run-directory reader, the viewer, the report
 * and the CLI's printed table all take it from here.
 */
export type Num = number | null;
export interface LayoutFiguresJson {
  label?: string;
  posts: number;
  units: number;
  staticTiers: { targetS: number; units: number; coveredShare: Num }[];
  sitesMet: { class: string; met: number; count: number }[];
  simulated: { class: string; tiers: { targetS: number; units: number; metShare: Num; ci95: readonly [Num, Num] | null }[]; firstUnitP50S: Num; firstUnitP90S: Num }[];
  meanUtilisation: Num;
}
/** Paired per replication against the proposal ("after"): the mean difference of met shares with its 95% interval. */
export interface TierDifferenceJson { class: string; targetS: number; units: number; difference: Num; ci95: readonly [Num, Num] | null }
export interface CompareJson {
  before: LayoutFiguresJson;
  after: LayoutFiguresJson;
  /** The time-of-day plan's columns (both or neither). */
  plan?: LayoutFiguresJson;
  planMoveUp?: LayoutFiguresJson;
  differences?: { plan: TierDifferenceJson[]; planMoveUp: TierDifferenceJson[] };
  unitHours?: { before: number; after: number; plan: number; planMoveUp: number };
  /** Simulated unit moves per day of the measured window: to plan blocks' posts, and move-ups. */
  movesPerDay?: { plan: { planMoves: Num; moveUps: Num }; planMoveUp: { planMoves: Num; moveUps: Num } };
}


/** compare.json read as a comparison, or null when it does not have the demo's before/after figures. */
export function asCompareJson(raw: unknown): CompareJson | null {
  const ok = (v: unknown): v is LayoutFiguresJson => typeof v === 'object' && v !== null
    && Array.isArray((v as LayoutFiguresJson).staticTiers) && Array.isArray((v as LayoutFiguresJson).simulated) && Array.isArray((v as LayoutFiguresJson).sitesMet);
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<Record<keyof CompareJson, unknown>>;
  if (!ok(r.before) || !ok(r.after)) return null;
  const out: CompareJson = { before: r.before, after: r.after };
  if (ok(r.plan) && ok(r.planMoveUp)) {
    out.plan = r.plan; out.planMoveUp = r.planMoveUp;
    const d = r.differences as CompareJson['differences'] | undefined;
    if (d && Array.isArray(d.plan) && Array.isArray(d.planMoveUp)) out.differences = d;
    const u = r.unitHours as CompareJson['unitHours'] | undefined;
    if (u && typeof u === 'object') out.unitHours = u;
    const m = r.movesPerDay as CompareJson['movesPerDay'] | undefined;
    if (m && typeof m === 'object' && m.plan && m.planMoveUp) out.movesPerDay = { plan: m.plan, planMoveUp: m.planMoveUp };
  }
  return out;
}
