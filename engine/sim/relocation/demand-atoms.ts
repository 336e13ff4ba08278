import type { Coverage } from './tier-greedy-tables.ts';

/**
 * Demand atoms: for each distinct tier target T (a *level*), the demand nodes grouped by which
 * *sites* (a station node at one travel slot) reach them within T. Units are only ever counted at
 * sites, so all nodes of a level-ℓ atom always have the same count of idle units within T_ℓ, and a
 * sum over demand nodes of anything that depends on those counts can be taken over atoms (weights
 * added) instead. *Cells* cross the atoms of every level: their nodes have equal counts in every tier.
 * Futian's 1,132 demand nodes and 15 posts make 62, 31 and 2 atoms at 60, 180 and 300 s, and 136 cells.
 *
 * Sites are registered as they are first needed (`register`, then `commit` once for the batch):
 * each new site splits the atoms its coverage cuts (first-seen order of the demand nodes), and
 * `version` is bumped when any atom split (atom and cell indices and site lists change).
 *
 * A class rather than a closure: one replication makes one, and methods shared by all of them keep
 * the optimised code of the hot loops valid from one replication to the next.
 *
 * @example
 * const atoms = new DemandAtoms(tables.demandWeight, tables.tierTargetS, tables.coverage, graph.nodeCount);
 * const s = atoms.register(slot, postNode);
 * atoms.commit();
 * atoms.siteAtoms[s].subarray(atoms.siteLevelStart[s][0], atoms.siteLevelStart[s][1]); // level-0 atoms s reaches
 */
export class DemandAtoms {
  /** Bumped whenever the atoms change (a site split some). */
  version = 0;
  readonly levelCount: number;
  /** Level of each tier (tiers sorted by target: one level per distinct target). */
  readonly tierLevel: Uint8Array;
  /** All atoms, level after level: level ℓ's are levelStart[ℓ] .. levelStart[ℓ + 1). */
  levelStart: Int32Array;
  /** Atom of demand index j at level ℓ: atomOf[ℓ · demand nodes + j]. */
  atomOf: Int32Array;
  /** Sum of the demand weights of each atom's nodes. */
  weight = new Float64Array(0);
  /** Cell of each demand index, and each cell's first node. */
  cellOf: Int32Array;
  cellFirst = new Int32Array(0);
  /** Per site: slot, node, coverage by demand node (tier-greedy-tables.ts), atoms reached level after level (bounds in siteLevelStart). */
  readonly siteSlot: number[] = [];
  readonly siteNode: number[] = [];
  readonly siteCoverage: Coverage[] = [];
  readonly siteAtoms: Int32Array[] = [];
  readonly siteLevelStart: Int32Array[] = [];

  private readonly nJ: number;
  private readonly nT: number;
  /** Per level, each node's atom among that level's atoms (local ids, first-seen order), and their count. */
  private readonly local: Int32Array[];
  private readonly localCount: Int32Array;
  private readonly bySlot: (Int32Array | undefined)[] = [];
  private pending: number[] = [];
  /** overlap[a · overlapCap + b]: first level at which sites a and b reach a common node, + 1 (0: not worked out yet). */
  private overlapCap = 0;
  private overlap = new Uint16Array(0);

  constructor(
    private readonly demandWeight: Float64Array, tierTargetS: Float64Array,
    private readonly coverageOf: (slot: number, node: number) => Coverage, private readonly nodeCount: number,
  ) {
    const nJ = (this.nJ = demandWeight.length);
    const nT = (this.nT = tierTargetS.length);
    this.tierLevel = new Uint8Array(nT);
    let levels = 0;
    for (let tau = 0; tau < nT; tau++) {
      if (tau > 0 && tierTargetS[tau] !== tierTargetS[tau - 1]) levels++;
      this.tierLevel[tau] = levels;
    }
    if (nT > 0) levels++;
    this.levelCount = levels;
    this.local = Array.from({ length: levels }, () => new Int32Array(nJ));
    this.localCount = new Int32Array(levels).fill(nJ > 0 ? 1 : 0);
    this.levelStart = new Int32Array(levels + 1);
    this.atomOf = new Int32Array(levels * nJ);
    this.cellOf = new Int32Array(nJ);
    this.rebuild();
  }

  get atomCount(): number { return this.levelStart[this.levelCount]; }
  get cellCount(): number { return this.cellFirst.length; }
  get siteCount(): number { return this.siteCoverage.length; }

  /** Site index of (slot, node), or -1 when not registered. */
  find(slot: number, node: number): number {
    const row = this.bySlot[slot];
    return row ? row[node] : -1;
  }

  /** Site index of (slot, node), registered when new (atoms and lists follow at `commit`). */
  register(slot: number, node: number): number {
    const row = (this.bySlot[slot] ??= new Int32Array(this.nodeCount).fill(-1));
    if (row[node] >= 0) return row[node];
    const s = this.siteCoverage.length;
    this.siteSlot.push(slot); this.siteNode.push(node); this.siteCoverage.push(this.coverageOf(slot, node));
    row[node] = s;
    this.pending.push(s);
    return s;
  }

  /** Refine the atoms by the sites registered since the last commit; true when the atoms changed. */
  commit(): boolean {
    if (this.pending.length === 0) return false;
    let changed = false;
    for (const s of this.pending) if (this.split(this.siteCoverage[s])) changed = true;
    if (changed) this.rebuild();
    else for (const s of this.pending) this.listAtoms(s);
    this.pending = [];
    this.growOverlap();
    return changed;
  }

  /** The first level at which sites a and b reach a common demand node (levelCount when never). */
  overlapLevel(a: number, b: number): number {
    const v = this.overlap[a * this.overlapCap + b];
    return v > 0 ? v - 1 : this.findOverlap(a, b);
  }

  private findOverlap(a: number, b: number): number {
    const fromA = new Uint8Array(this.nJ).fill(255);
    const ca = this.siteCoverage[a], cb = this.siteCoverage[b];
    for (let e = 0; e < ca.j.length; e++) fromA[ca.j[e]] = ca.from[e];
    let first = this.levelCount;
    for (let e = 0; e < cb.j.length; e++) {
      const fa = fromA[cb.j[e]];
      if (fa === 255) continue;
      const l = this.tierLevel[fa > cb.from[e] ? fa : cb.from[e]];
      if (l < first) first = l;
    }
    this.overlap[a * this.overlapCap + b] = first + 1;
    this.overlap[b * this.overlapCap + a] = first + 1;
    return first;
  }

  /** Level of the tier a coverage entry meets (levelCount when not reached). */
  private levelOf(from: number): number {
    return from < this.nT ? this.tierLevel[from] : this.levelCount;
  }

  /** Split every level's atoms by whether the new site reaches them within that level's target. */
  private split(cov: Coverage): boolean {
    const nJ = this.nJ, levels = this.levelCount;
    const lev = new Uint8Array(nJ).fill(levels);
    for (let e = 0; e < cov.j.length; e++) lev[cov.j[e]] = this.levelOf(cov.from[e]);
    let changed = false;
    for (let l = 0; l < levels; l++) {
      const ids = new Int32Array(2 * this.localCount[l]).fill(-1);
      const of = this.local[l];
      let n = 0;
      for (let j = 0; j < nJ; j++) {
        const key = 2 * of[j] + (lev[j] <= l ? 1 : 0);
        if (ids[key] < 0) ids[key] = n++;
        of[j] = ids[key];
      }
      if (n !== this.localCount[l]) { this.localCount[l] = n; changed = true; }
    }
    return changed;
  }

  private rebuild(): void {
    const nJ = this.nJ, levels = this.levelCount;
    const start = new Int32Array(levels + 1);
    for (let l = 0; l < levels; l++) start[l + 1] = start[l] + this.localCount[l];
    this.levelStart = start;
    this.atomOf = new Int32Array(levels * nJ);
    this.weight = new Float64Array(start[levels]);
    for (let l = 0; l < levels; l++) {
      for (let j = 0; j < nJ; j++) {
        const a = start[l] + this.local[l][j];
        this.atomOf[l * nJ + j] = a;
        this.weight[a] += this.demandWeight[j];
      }
    }
    // Cells: the atoms of every level crossed, one level at a time (dense ids, first-seen order).
    const cellOf = new Int32Array(nJ);
    let cells = nJ > 0 ? 1 : 0;
    for (let l = 0; l < levels; l++) {
      const ids = new Map<number, number>();
      for (let j = 0; j < nJ; j++) {
        const key = cellOf[j] * this.localCount[l] + this.local[l][j];
        let c = ids.get(key);
        if (c === undefined) { c = ids.size; ids.set(key, c); }
        cellOf[j] = c;
      }
      cells = ids.size;
    }
    this.cellOf = cellOf;
    this.cellFirst = new Int32Array(cells).fill(-1);
    for (let j = nJ - 1; j >= 0; j--) this.cellFirst[cellOf[j]] = j;
    for (let s = 0; s < this.siteCoverage.length; s++) this.listAtoms(s);
    this.version++;
  }

  private listAtoms(s: number): void {
    const cov = this.siteCoverage[s], levels = this.levelCount, nJ = this.nJ;
    const seen = new Uint8Array(this.atomCount);
    const list: number[] = [];
    const start = new Int32Array(levels + 1);
    for (let l = 0; l < levels; l++) {
      start[l] = list.length;
      for (let e = 0; e < cov.j.length; e++) {
        if (this.levelOf(cov.from[e]) > l) continue;
        const a = this.atomOf[l * nJ + cov.j[e]];
        if (!seen[a]) { seen[a] = 1; list.push(a); }
      }
    }
    start[levels] = list.length;
    this.siteAtoms[s] = Int32Array.from(list);
    this.siteLevelStart[s] = start;
  }

  private growOverlap(): void {
    const n = this.siteCoverage.length;
    if (n <= this.overlapCap) return;
    const cap = Math.max(n, 2 * this.overlapCap, 16);
    const next = new Uint16Array(cap * cap);
    for (let a = 0; a < this.overlapCap; a++) next.set(this.overlap.subarray(a * this.overlapCap, (a + 1) * this.overlapCap), a * cap);
    this.overlap = next;
    this.overlapCap = cap;
  }
}
