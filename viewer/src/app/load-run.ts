/** Fetch a run directory's files from the viewer server (`runs/<index>/<file>`) and parse them. */
import { parseRun, RUN_FILES, type RunData, type RunFileTexts } from '../model/run-data.ts';

export interface RunListing { index: number; name: string; files: string[] }

export async function listRuns(): Promise<RunListing[]> {
  const res = await fetch('api/runs');
  if (!res.ok) throw new Error(`api/runs: HTTP ${res.status}`);
  return (await res.json()) as RunListing[];
}

export async function loadRun(listing: RunListing): Promise<RunData> {
  const texts: RunFileTexts = {};
  await Promise.all(RUN_FILES.filter((f) => listing.files.includes(f)).map(async (f) => {
    const res = await fetch(`runs/${listing.index}/${f}`);
    if (res.ok) texts[f] = await res.text();
  }));
  return parseRun(listing.name, texts);
}

/** The comparison's compare.json (a comparison directory's, or one beside both runs), or null when the server has none. */
export async function loadCompare(): Promise<unknown> {
  const res = await fetch('api/compare');
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`api/compare: HTTP ${res.status}`);
  return res.json();
}
