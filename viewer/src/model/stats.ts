/** Summaries the side panel and the report show: histograms and tier compliance rows. */

export interface Histogram {
  /** Bin edges in the value's unit, ascending; bin i is (edges[i], edges[i+1]], the first [edges[0], edges[1]]. */
  readonly edges: number[];
  readonly counts: number[];
  /** Values above the last edge, or Infinity (unreachable / never arrived). */
  readonly overflow: number;
  readonly total: number;
}

/**
 * Count values into bins of `binWidth` from 0 to `maxValue` (rounded up to whole bins). Right-closed
 * bins match "covered means <= target": a value of exactly 60 s is in the bin ending at 60.
 *
 * @example
 * histogram([10, 60, 61, Infinity], 60, 120) // counts [2, 1], overflow 1
 */
export function histogram(values: ArrayLike<number>, binWidth: number, maxValue: number): Histogram {
  if (!(binWidth > 0)) throw new Error(`binWidth must be > 0, got ${binWidth}`);
  const nBins = Math.max(1, Math.ceil(maxValue / binWidth));
  const edges = Array.from({ length: nBins + 1 }, (_, i) => i * binWidth);
  const counts = new Array<number>(nBins).fill(0);
  let overflow = 0, total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    total++;
    if (v > edges[nBins]) { overflow++; continue; }
    const b = v <= binWidth ? 0 : Math.ceil(v / binWidth) - 1;
    counts[Math.min(nBins - 1, Math.max(0, b))]++;
  }
  return { edges, counts, overflow, total };
}

/** Share of values `<= targetS` (the project's definition of covered); NaN values are skipped. */
export function shareWithin(values: ArrayLike<number>, targetS: number): number {
  let n = 0, ok = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    n++;
    if (v <= targetS) ok++;
  }
  return n > 0 ? ok / n : NaN;
}

/** The q-quantile (0..1) by linear interpolation over the sorted finite-or-infinite values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const v = Array.from(values).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const pos = (v.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  if (v[lo] === v[hi]) return v[lo];
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

/** A compliance row: the tier and the share meeting it, in [0, 1]. */
export interface ComplianceRow {
  label: string;
  targetS: number;
  units: number;
  share: number;
  /** How many points or incidents the share is over. */
  count: number;
  /** Where the number comes from: coverage (static, per demand weight) or simulation (per incident). */
  source: 'coverage' | 'simulation';
  /** 95 % interval of the share, when summary.json gives one. */
  ci95?: [number, number] | null;
}

export function tierLabel(targetS: number, units: number): string {
  const t = targetS % 60 === 0 ? `${targetS / 60} min` : `${targetS} s`;
  return `${units} unit${units === 1 ? '' : 's'} within ${t}`;
}

export function formatShare(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)} %` : 'n/a';
}

/**
 * Seconds for people: "42 s", "1 min", "2 min 30 s". Infinity is "none", or "> <beyondS>" when the value
 * is known only to lie beyond a search horizon (a coverage search stops at the largest target).
 */
export function formatSeconds(s: number, beyondS?: number): string {
  if (s === Infinity) return beyondS !== undefined ? `> ${formatSeconds(beyondS)}` : 'none';
  if (!Number.isFinite(s)) return 'n/a';
  if (s < 120 && !(s === 60)) return `${s.toFixed(0)} s`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
}

/** A span for people: "48 h", "36 min", "2.5 days" (days from 72 h on). */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return 'n/a';
  if (s >= 72 * 3600) return `${Number((s / 86400).toFixed(1))} days`;
  if (s >= 3600) return `${Number((s / 3600).toFixed(1))} h`;
  if (s >= 120) return `${Number((s / 60).toFixed(1))} min`;
  return `${Number(s.toFixed(1))} s`;
}
