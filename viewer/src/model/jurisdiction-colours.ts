/**
 * Colours for jurisdictions: posts whose jurisdictions touch (a road links a node of one to a node of
 * the other) get different colours when the palette allows, by a greedy colouring in post order (the
 * same input gives the same colours). A post with more coloured neighbours than the palette has takes
 * the colour least used among them.
 */
export function colourJurisdictions(owner: Int32Array, edgeFrom: Int32Array, edgeTo: Int32Array, postCount: number, paletteSize: number): Int32Array {
  const neighbours: Set<number>[] = Array.from({ length: postCount }, () => new Set());
  for (let e = 0; e < edgeFrom.length; e++) {
    const a = owner[edgeFrom[e]], b = owner[edgeTo[e]];
    if (a >= 0 && b >= 0 && a !== b) { neighbours[a].add(b); neighbours[b].add(a); }
  }
  const colour = new Int32Array(postCount).fill(-1);
  const uses = new Int32Array(paletteSize);
  for (let p = 0; p < postCount; p++) {
    uses.fill(0);
    for (const q of neighbours[p]) if (colour[q] >= 0) uses[colour[q]]++;
    let best = 0;
    for (let c = 0; c < paletteSize; c++) if (uses[c] < uses[best]) best = c;
    colour[p] = best;
  }
  return colour;
}

/** What a link is in a jurisdiction map: inside jurisdiction `post`, on a boundary, or unassigned. */
export function linkJurisdiction(owner: Int32Array, from: number, to: number): { kind: 'inside'; post: number } | { kind: 'boundary' } | { kind: 'unassigned' } {
  const a = owner[from], b = owner[to];
  if (a < 0 || b < 0) return { kind: 'unassigned' };
  return a === b ? { kind: 'inside', post: a } : { kind: 'boundary' };
}
