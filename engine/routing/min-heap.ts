/**
 * A binary min-heap of (key, value) pairs on typed arrays, for Dijkstra-style searches.
 * Ties on key are broken by value so the pop order is fully defined. Duplicate values are allowed
 * (lazy deletion: callers skip stale entries).
 */
export class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  private aux: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.aux = new Int32Array(capacity);
  }

  clear(): void { this.size = 0; }

  /** Push a value with a key; `aux` carries a second integer (e.g. a source index). */
  push(key: number, value: number, aux = 0): void {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    const keys = this.keys, values = this.values, auxs = this.aux;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && (values[parent] < value || (values[parent] === value && auxs[parent] <= aux)))) break;
      keys[i] = pk; values[i] = values[parent]; auxs[i] = auxs[parent];
      i = parent;
    }
    keys[i] = key; values[i] = value; auxs[i] = aux;
  }

  /** Key of the minimum; undefined behaviour when empty. */
  peekKey(): number { return this.keys[0]; }
  peekValue(): number { return this.values[0]; }
  peekAux(): number { return this.aux[0]; }

  /** Remove the minimum (read it first with the peek methods). */
  pop(): void {
    const keys = this.keys, values = this.values, auxs = this.aux;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n], value = values[n], aux = auxs[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (keys[r] < keys[c] || (keys[r] === keys[c] && (values[r] < values[c] || (values[r] === values[c] && auxs[r] < auxs[c]))))) c = r;
      const ck = keys[c];
      if (key < ck || (key === ck && (value < values[c] || (value === values[c] && aux <= auxs[c])))) break;
      keys[i] = ck; values[i] = values[c]; auxs[i] = auxs[c];
      i = c;
    }
    keys[i] = key; values[i] = value; auxs[i] = aux;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    const k = new Float64Array(cap); k.set(this.keys); this.keys = k;
    const v = new Int32Array(cap); v.set(this.values); this.values = v;
    const a = new Int32Array(cap); a.set(this.aux); this.aux = a;
  }
}
