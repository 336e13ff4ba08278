import type { CoverageResult, DemandPoint } from '../coverage/evaluate-coverage.ts';
import { VERSION } from '../version.ts';

/** One post as `posts.json` holds it (see docs/run-directory.md). */
export interface PostEntry {
  id: string;
  /** Dense node index. */
  node: number;
  units: number;
  type: string;
  label?: string;
}

/** `posts.json` of a run directory. */
export function postsJsonText(posts: readonly PostEntry[]): string {
  return `${JSON.stringify({
    version: VERSION,
    posts: posts.map((p) => ({ id: p.id, node: p.node, units: p.units, type: p.type, ...(p.label !== undefined ? { label: p.label } : {}) })),
  }, null, 1)}\n`;
}

/** Arrival times as rows of k per point, null where no unit arrives within the largest target. */
export function arrivalRows(arrivalS: Float64Array, k: number): (number | null)[][] {
  const rows: (number | null)[][] = [];
  for (let i = 0; i < arrivalS.length; i += k) rows.push(Array.from(arrivalS.subarray(i, i + k), (t) => (Number.isFinite(t) ? t : null)));
  return rows;
}

/** `coverage.json` of a run directory: tier outcomes and each demand point's 1st..kth unit arrival (null: none within the largest target). */
export function coverageJsonText(result: CoverageResult, demand: readonly DemandPoint[]): string {
  const arrivalS = arrivalRows(result.arrivalS, result.k);
  return `${JSON.stringify({
    version: VERSION, tiers: result.tiers, classes: result.classes, k: result.k,
    demand: { node: demand.map((d) => d.node), weight: demand.map((d) => d.weight), cls: demand.map((d) => d.class ?? null) },
    arrivalS,
  })}\n`;
}
