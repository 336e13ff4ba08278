import { where } from '../field-values.ts';

/**
 * Direction of a CSV row or GeoJSON feature from its `oneway` value: yes/true/1 → from→to only,
 * -1/reverse → to→from only, no/false/0 → both; blank or absent → both when `undirected`, else from→to.
 */
export function rowDirection(raw: unknown, undirected: boolean, file: string, loc: number | string, problems: string[]): 'forward' | 'backward' | 'both' {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undirected ? 'both' : 'forward';
  const v = String(raw).trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return 'forward';
  if (v === '-1' || v === 'reverse') return 'backward';
  if (v === 'no' || v === 'false' || v === '0') return 'both';
  problems.push(where(file, loc, `oneway: expected yes/no, true/false, 1/0 or -1, got ${JSON.stringify(String(raw))}`));
  return 'forward';
}
