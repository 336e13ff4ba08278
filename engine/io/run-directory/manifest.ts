/**
 * `run.json`, the completion marker of a run directory, and the check of a directory against it.
 * Pure (hashes are computed by the caller: node:crypto in Node, SubtleCrypto in the browser).
 */
import { VERSION } from '../../version.ts';
import { RUN_FILES, RUN_MANIFEST, type RunFileRecord, type RunManifest } from './file-types.ts';

/** Who wrote a run directory (the manifest's fields besides the file list). */
export interface RunProducer {
  /** The command or program: "simulate", "coverage", "optimize", "demo", ... */
  producer: string;
  seed?: number | null;
  scenarioHash?: string | null;
  inputHash?: string | null;
}

/** A file name inside a run directory, or `<subdir>/run.json` of a run inside it. */
export const RUN_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isSafeRunFileName(name: string): boolean {
  const parts = name.split('/');
  if (parts.length === 2) return RUN_FILE_NAME.test(parts[0]) && parts[1] === RUN_MANIFEST;
  return parts.length === 1 && RUN_FILE_NAME.test(name) && name !== RUN_MANIFEST;
}

export function buildManifest(who: RunProducer, files: readonly RunFileRecord[]): RunManifest {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    format: 'patrolsim-run', formatVersion: 1, version: VERSION, producer: who.producer,
    seed: who.seed ?? null, scenarioHash: who.scenarioHash ?? null, inputHash: who.inputHash ?? null,
    files: sorted.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
  };
}

export function manifestText(m: RunManifest): string {
  return `${JSON.stringify(m, null, 1)}\n`;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Parse `run.json` text. Returns the manifest, or the problems (each naming the field) when it is not
 * a run.json this version can read. `where` names the directory in messages.
 */
export function parseManifest(text: string, where: string): { manifest?: RunManifest; problems: string[] } {
  const problems: string[] = [];
  const bad = (path: string, msg: string) => problems.push(`${where}/${RUN_MANIFEST}: ${path}: ${msg}`);
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) { return { problems: [`${where}/${RUN_MANIFEST}: not valid JSON (${(err as Error).message})`] }; }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: [`${where}/${RUN_MANIFEST}: expected an object`] };
  const m = raw as Record<string, unknown>;
  if (m.format !== 'patrolsim-run') bad('format', `expected "patrolsim-run", got ${JSON.stringify(m.format)}`);
  if (m.formatVersion !== 1) bad('formatVersion', `expected 1 (this patrolsim reads format 1), got ${JSON.stringify(m.formatVersion)}`);
  if (typeof m.version !== 'string') bad('version', 'expected a string');
  if (typeof m.producer !== 'string' || m.producer === '') bad('producer', 'expected the name of the command that wrote the directory');
  if (!(m.seed === null || Number.isSafeInteger(m.seed))) bad('seed', `expected an integer or null, got ${JSON.stringify(m.seed)}`);
  for (const k of ['scenarioHash', 'inputHash'] as const) if (!(m[k] === null || (typeof m[k] === 'string' && HEX64.test(m[k] as string)))) bad(k, 'expected a hex sha256 or null');
  if (!Array.isArray(m.files)) bad('files', 'expected an array');
  else {
    let prev = '';
    m.files.forEach((f, i) => {
      const r = f as Partial<RunFileRecord>;
      if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || !isSafeRunFileName(r.name)) { bad(`files[${i}].name`, `expected a plain file name, got ${JSON.stringify(r?.name)}`); return; }
      if (!(Number.isSafeInteger(r.bytes) && (r.bytes as number) >= 0)) bad(`files[${i}].bytes`, 'expected a byte count');
      if (typeof r.sha256 !== 'string' || !HEX64.test(r.sha256)) bad(`files[${i}].sha256`, 'expected a hex sha256');
      if (!(r.name > prev)) bad(`files[${i}].name`, `expected names sorted and unique, got "${r.name}" after "${prev}"`);
      prev = r.name;
    });
  }
  return problems.length ? { problems } : { manifest: m as unknown as RunManifest, problems };
}

/**
 * Check a directory's files against its manifest: every listed file present with the listed size and
 * hash, and no file of the run-directory contract that the manifest does not list (a file left by
 * another run, or copied in). `present` maps the names found (files of the directory, plus
 * `<subdir>/run.json` of subdirectories) to their sha256 and size; `hashed` may be a subset of the
 * listed names when only those were read (the rest are checked for presence only).
 */
export function checkAgainstManifest(where: string, manifest: RunManifest, present: ReadonlyMap<string, { sha256?: string; bytes?: number }>): string[] {
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of manifest.files) {
    const p = present.get(f.name);
    if (!p) { problems.push(`${where}/${f.name}: missing (run.json lists it)`); continue; }
    if ((p.bytes !== undefined && p.bytes !== f.bytes) || (p.sha256 !== undefined && p.sha256 !== f.sha256)) {
      problems.push(`${where}/${f.name}: changed since ${manifest.producer} wrote the directory (its content does not match run.json)`);
    }
  }
  for (const name of [...present.keys()].sort()) {
    if (!listed.has(name) && (name in RUN_FILES || name.endsWith(`/${RUN_MANIFEST}`))) problems.push(`${where}/${name}: not part of this run (run.json does not list it: left by another run, or copied in)`);
  }
  return problems;
}

/** One line for an incomplete or mixed directory: the first problem and how many more. */
export function refusal(where: string, problems: readonly string[]): string {
  return `${where}: incomplete or mixed run directory: ${problems[0].startsWith(`${where}/`) ? problems[0].slice(where.length + 1) : problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}; re-run the command that writes it`;
}
