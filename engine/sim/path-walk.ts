/**
 * A growable list of edge indices on an Int32Array, reused across events so that routing a unit
 * allocates nothing once the buffer has grown to the longest path.
 */
export class EdgeList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(edge: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = edge;
  }

  clear(): void {
    this.length = 0;
  }

  /** The edges as a plain array (tests, setup code). */
  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.length));
  }
}

/**
 * Follow a shortest-path tree from `from` until `to`: at each node v take `treeEdge[v]` and step to
 * `edgeEnd[treeEdge[v]]`. This is the one walk of a shortest-path row in the simulator:
 * - toward a target (a reverse search: `treeEdge` = first edge toward the target, `edgeEnd` = edgeTo),
 *   the edges come out in driving order;
 * - back from a target to the source of a forward search (`treeEdge` = predecessor edge,
 *   `edgeEnd` = edgeFrom), they come out in reverse driving order.
 *
 * Writes the edges into `out` (cleared first) and returns it. A tree with no edge at a node short of
 * `to`, or a walk longer than the node count (a cycle), is an engine bug and throws: the path is never
 * silently cut short.
 *
 * @example
 * const row = oracle.toTarget(type, group, scene);
 * walkShortestPath(row.nextEdge, graph.edgeTo, unitNode, scene, path); // edges unitNode -> scene
 */
export function walkShortestPath(treeEdge: Int32Array, edgeEnd: Int32Array, from: number, to: number, out: EdgeList): EdgeList {
  out.clear();
  const limit = treeEdge.length;
  for (let v = from; v !== to;) {
    const e = treeEdge[v];
    if (e < 0) throw new Error(`shortest-path tree has no edge at node ${v} on the way from ${from} to ${to}`);
    out.push(e);
    if (out.length > limit) throw new Error(`shortest-path walk from ${from} to ${to} is longer than the ${limit} nodes: the tree has a cycle`);
    v = edgeEnd[e];
  }
  return out;
}
