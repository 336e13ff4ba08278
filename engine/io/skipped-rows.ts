/** Rows of an input file left out, by reason (sorted by reason), as outputs report them. */
export type SkippedRows = readonly { readonly reason: string; readonly rows: number }[];

export interface SkipTally {
  add(reason: string, rows?: number): void;
  /** Total rows skipped. */
  total(): number;
  list(): SkippedRows;
  /** "3 without coordinates, 1 farther than 500 m from the network" (empty when nothing was skipped). */
  describe(): string;
}

/** Count skipped rows by reason. */
export function createSkipTally(): SkipTally {
  const counts = new Map<string, number>();
  const list = (): SkippedRows => [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([reason, rows]) => ({ reason, rows }));
  return {
    add(reason, rows = 1) { counts.set(reason, (counts.get(reason) ?? 0) + rows); },
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    list,
    describe: () => describeSkipped(list()),
  };
}

/** "3 without coordinates, 1 farther than 500 m from the network" (empty when nothing was skipped). */
export function describeSkipped(skipped: SkippedRows): string {
  return skipped.map((s) => `${s.rows} ${s.reason}`).join(', ');
}

/** "file: 1200 of 1250 rows used; skipped 48 without coordinates, 2 farther than 500 m from the network". */
export function describeRowUse(file: string, rows: number, skipped: SkippedRows): string {
  const n = skipped.reduce((a, s) => a + s.rows, 0);
  return `${file}: ${rows - n} of ${rows} rows used${n ? `; skipped ${describeSkipped(skipped)}` : ''}`;
}
