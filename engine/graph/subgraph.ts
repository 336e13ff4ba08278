import { createRoadGraphBuilder, type RoadGraph } from './road-graph.ts';

/**
 * The subgraph induced by the nodes `keep` accepts: those nodes (in their original order) and every
 * edge between two of them, with all attributes kept. Typical use: the largest strongly connected part.
 *
 * @example
 * const { componentOf } = stronglyConnectedComponents(g);
 * const core = inducedSubgraph(g, (v) => componentOf[v] === 0);
 */
export function inducedSubgraph(graph: RoadGraph, keep: (v: number) => boolean): RoadGraph {
  const b = createRoadGraphBuilder(graph.coordKind);
  const kept = new Uint8Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    if (!keep(v)) continue;
    kept[v] = 1;
    b.addNode({ id: graph.nodeIds[v], x: graph.x[v], y: graph.y[v], zone: graph.isZone[v] === 1 });
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const f = graph.edgeFrom[e], t = graph.edgeTo[e];
    if (!kept[f] || !kept[t]) continue;
    const shape = graph.edgeShapes[e];
    b.addEdge({
      id: graph.edgeIds[e], from: graph.nodeIds[f], to: graph.nodeIds[t],
      lengthM: graph.lengthM[e], timeS: graph.freeFlowTimeS[e], speedKph: graph.speedKph[e],
      roadClass: graph.classNames[graph.edgeClass[e]], shape: shape ? Array.from(shape) : undefined, name: graph.edgeNames[e],
    });
  }
  return b.build({ format: graph.source.format, files: [...graph.source.files] }, { projection: graph.projection });
}
