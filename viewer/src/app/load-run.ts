/**
 * Fetch a run directory's files from the viewer server (`runs/<index>/<file>`), check them against the
 * run's run.json (the file listed, its sha256 equal: engine/io/run-directory/manifest.ts) and parse them
 * with the engine's one reader. An incomplete or mixed run is refused with the engine's message.
 */
import { InputError } from '../../../engine/io/input-error.ts';
import { checkAgainstManifest, parseManifest, refusal } from '../../../engine/io/run-directory/manifest.ts';
import { parseRun, RUN_MANIFEST, VIEWER_FILES, type RunData, type RunFileTexts } from '../model/run-data.ts';

export interface RunListing { index: number; name: string; files: string[] }

export async function listRuns(): Promise<RunListing[]> {
  const res = await fetch('api/runs');
  if (!res.ok) throw new Error(`api/runs: HTTP ${res.status}`);
  return (await res.json()) as RunListing[];
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function loadRun(listing: RunListing): Promise<RunData> {
  const get = async (f: string) => {
    const res = await fetch(`runs/${listing.index}/${f}`);
    if (!res.ok) throw new InputError(`${listing.name}/${f}: HTTP ${res.status}`);
    return res.arrayBuffer();
  };
  const { manifest, problems } = parseManifest(new TextDecoder().decode(await get(RUN_MANIFEST)), listing.name);
  if (!manifest) throw new InputError(refusal(listing.name, problems));
  const listed = new Set(manifest.files.map((f) => f.name));
  const wanted = VIEWER_FILES.filter((f) => listed.has(f));
  const texts: RunFileTexts = {};
  const present = new Map<string, { sha256?: string; bytes?: number }>(manifest.files.map((f) => [f.name, {}]));
  await Promise.all(wanted.map(async (f) => {
    const bytes = await get(f);
    present.set(f, { sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
    texts[f] = new TextDecoder().decode(bytes);
  }));
  const bad = checkAgainstManifest(listing.name, manifest, present);
  if (bad.length) throw new InputError(refusal(listing.name, bad));
  return parseRun(listing.name, texts);
}

/** The comparison's compare.json (a comparison directory's, or one beside both runs), or null when the server has none. */
export async function loadCompare(): Promise<unknown> {
  const res = await fetch('api/compare');
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`api/compare: HTTP ${res.status}`);
  return res.json();
}
