import type { RoadGraph } from '../graph/road-graph.ts';
import { VERSION } from '../version.ts';

/**
 * The police-geography files of a run directory (see docs/run-directory.md and docs/geography.md):
 * `jurisdictions.json` and `cordon.json`. Node and post references are dense indices into
 * `network.json` nodes and `posts.json` posts; times in seconds; null for Infinity.
 */

/** Per-post figures as every jurisdiction output carries them. */
export interface PostFigures {
  post: string;
  units: number;
  nodes: number;
  weight: number;
  maxTimeS: number;
  beyondTarget: number;
  beyondTargetWeight: number;
}

export interface JurisdictionAssignment {
  posts: PostFigures[];
  balance: { cv: number; maxOverMean: number; maxWeight: number; meanWeight: number };
  unassigned: number;
  unassignedWeight: number;
  /** Post index per node, −1 where no unit arrives. */
  owner: number[];
  /** Time from the owning post per node, null where unassigned. */
  timeS: (number | null)[];
}

/** `jurisdictions.json`: the nearest-post assignment, and the balanced one when asked for. */
export interface JurisdictionsFile {
  version: string;
  targetS: number;
  nearest: JurisdictionAssignment;
  balanced: (JurisdictionAssignment & { moves: number; lowerBound: number; reassignedNodes: number }) | null;
}

export function jurisdictionsJsonText(file: Omit<JurisdictionsFile, 'version'>): string {
  return `${JSON.stringify({ version: VERSION, ...file })}\n`;
}

/** One closed node of a cordon, as `cordon.json` holds it. */
export interface CordonEntry {
  /** Node index closed. */
  node: number;
  /** Post index whose unit closes it. */
  post: number;
  arrivalS: number;
  /** Containment: earliest the suspect can be there. */
  suspectS?: number;
  /** The unit's route, node indices from the post to the node. */
  route: number[];
}

/** `cordon.json`: a blockade, a ring or a containment, with what the viewer needs to draw it. */
export interface CordonFile {
  version: string;
  kind: 'blockade' | 'ring' | 'contain';
  feasible: boolean;
  latestS: number | null;
  totalS: number | null;
  /** The nodes to close (exits; for containment the exits of the city edge or the file). */
  exits: number[];
  closed: CordonEntry[];
  /** Exits left open (no feasible blockade), node indices. */
  open: number[];
  /** Ring: the region's nodes; containment: the nodes the suspect can still reach. */
  region: number[];
  /** Ring: the scene node; containment: the origin node. */
  centre: number | null;
  /** Parameters and figures of the kind (radiusS, delayS, closedShare, proven, reason, ...). */
  details: Record<string, unknown>;
}

export function cordonJsonText(file: Omit<CordonFile, 'version'>): string {
  return `${JSON.stringify({ version: VERSION, ...file })}\n`;
}

/** Times with Infinity as null, for JSON. */
export function finiteOrNull(t: number): number | null {
  return Number.isFinite(t) ? t : null;
}

/** Node ids of dense indices. */
export function idsOf(graph: RoadGraph, nodes: ArrayLike<number>): string[] {
  return Array.from(nodes, (v) => graph.nodeIds[v]);
}
