/**
 * A validated, resolved scenario: everything the simulator needs, with nodes, posts, units, classes and
 * unit types referred to by dense index. Built by `resolveScenario` (pure) or `loadScenario` (reads files).
 * Simulation time is float seconds from the start of the run (hour-of-day = floor(t / 3600) mod 24).
 */
import type { Tier } from '../coverage/tiers.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { TravelTimeModel } from '../graph/travel-time-model.ts';
import type { DurationSpec } from './distributions.ts';
import type { ScenarioFile } from './scenario-file.ts';

export interface IncidentClass {
  readonly name: string;
  /** 1 = most urgent. */
  readonly priority: number;
  readonly tiers: readonly Tier[];
  /** Units sent to each incident of the class (the largest tier's `units` unless set). */
  readonly unitsToSend: number;
  readonly onScene: DurationSpec;
  /** A cordon standard (docs/simulation.md, "Cordon standard"), or null. */
  readonly cordon: CordonStandard | null;
}

/**
 * Seal the ring around the scene: R = the nodes a vehicle leaving the scene reaches within `radiusS`
 * at road speed (the hour's travel times, no response factor); its exits are closed by units beyond
 * those sent to the scene. Met when every exit is closed within `withinS` of the report. Cordon units
 * hold their exits until `holdS` after the report, or (null) until the last scene unit clears.
 */
export interface CordonStandard {
  readonly radiusS: number;
  readonly withinS: number;
  readonly holdS: number | null;
}

export interface UnitType {
  readonly name: string;
  readonly responseSpeedFactor: number;
  /** Infinity when uncapped. */
  readonly maxResponseSpeedKph: number;
  /** NaN when not set (then patrolSpeedFactor applies). */
  readonly patrolSpeedKph: number;
  readonly patrolSpeedFactor: number;
}

export interface Post {
  readonly id: string;
  readonly node: number;
  readonly type: string;
  readonly label?: string;
}

export type Patrol =
  | { readonly kind: 'none' }
  /** A closed loop post → nodes[0] → … → nodes[n−1] → post, along shortest patrol paths. */
  | { readonly kind: 'route'; readonly name: string; readonly nodes: readonly number[] }
  /** A random walk on the edges whose both ends are in `nodes` (which holds the post). */
  | { readonly kind: 'beat'; readonly name: string; readonly nodes: readonly number[] };

export interface UnitSpec {
  readonly id: string;
  readonly type: number;
  readonly post: number;
  /** Index into shifts, or -1 for always on duty. */
  readonly shift: number;
  readonly patrol: Patrol;
}

export interface Shift {
  readonly name: string;
  readonly startHour: number;
  readonly endHour: number;
}

export type DispatchPolicy =
  | { readonly policy: 'nearest'; readonly queue: boolean }
  | { readonly policy: 'reserve'; readonly queue: boolean; readonly reserve: readonly { post: number; units: number; releasePriority: number }[] }
  /** `lists.get(node)` = unit indices in order of preference; units not listed are never sent to that node. */
  | { readonly policy: 'preference'; readonly queue: boolean; readonly lists: ReadonlyMap<number, readonly number[]> };

/** Incidents fixed in advance (replay), in time order. onSceneS is NaN where the class distribution is to be sampled. */
export interface ReplayIncidents {
  readonly timeS: Float64Array;
  readonly node: Int32Array;
  readonly cls: Int32Array;
  readonly onSceneS: Float64Array;
  readonly rowsRead: number;
  /** Rows skipped, by reason (sorted by reason). */
  readonly skipped: readonly { reason: string; rows: number }[];
}

export type Demand =
  | {
    readonly kind: 'poisson';
    /** Rate in incidents per hour for each hour of the week (168 values; the multiplier applied). */
    readonly ratePerHour: Float64Array;
    /** Sampling weight per node (not normalised; zone nodes 0). */
    readonly nodeWeight: Float64Array;
    /** Share per class index. */
    readonly classMix: Float64Array;
  }
  | { readonly kind: 'replay'; readonly incidents: ReplayIncidents };

/** Where a unit is placed: a post (index into the scenario's posts, then the plan's), with a patrol. */
export interface Placement {
  readonly post: number;
  readonly patrol: Patrol;
}

/** One block of the day of a deployment plan. */
export interface PlanBlock {
  readonly name: string;
  /** [startHour, endHour) of every day; wraps past midnight when endHour < startHour. */
  readonly startHour: number;
  readonly endHour: number;
  /** Node of every post (scenario posts, then plan posts) in this block: mobile stations move. */
  readonly postNode: Int32Array;
  /** Per unit: its placement in this block (its base placement when the block does not list it). */
  readonly placement: readonly Placement[];
  /** Per unit: 1 when the block lists the unit in its `assign`. */
  readonly listed: Uint8Array;
}

/** A time-of-day deployment plan (docs/simulation.md, "Deployment plans"). */
export interface DeploymentPlan {
  /** Posts used only by the plan (staging points, mobile-station sites); indices follow the scenario's posts. */
  readonly posts: readonly Post[];
  /** Non-overlapping blocks; hours outside every block use the base layout. */
  readonly blocks: readonly PlanBlock[];
  /** Where the plan came from ("inline" or the plan file path), for reports. */
  readonly source: string;
}

/** Limits every move-up policy respects. */
export interface RelocationLimits {
  /** Moves started per triggering event (a dispatch, a unit freed), at most. */
  readonly maxMoves: number;
  /** A unit is moved only to a post it can reach within this many seconds from where it is. */
  readonly maxTravelS: number;
  /** A unit moved is not moved again for this many seconds. */
  readonly cooldownS: number;
}

export type RelocationPolicy =
  | { readonly policy: 'none' }
  /** table[n - 1] lists the posts (indices, repeats allowed) to fill when n units are available. */
  | { readonly policy: 'compliance-table'; readonly limits: RelocationLimits; readonly table: readonly (readonly number[])[] }
  | {
    readonly policy: 'tier-greedy';
    readonly limits: RelocationLimits;
    /** Probability a unit counted at a post is busy when a call comes (DMEXCLP's q). */
    readonly busyFraction: number;
    /** How busyFraction was set: given in the scenario, or estimated from the offered load. */
    readonly busyFractionSource: 'given' | 'offered load';
    /** Candidate posts (indices). */
    readonly posts: readonly number[];
    /** A move is made only when it raises the objective by more than this (a share, 0..1). */
    readonly minGain: number;
    /** Weight of each class in the objective (sums to 1). */
    readonly classWeight: Float64Array;
  };

export interface Scenario {
  readonly name: string;
  /** The scenario file (after overrides), for re-resolution and reports. */
  readonly file: ScenarioFile;
  /** sha256 of the canonical scenario JSON and the content of every file it references. */
  readonly hash: string;
  readonly graph: RoadGraph;
  readonly travel: TravelTimeModel;
  readonly horizonS: number;
  readonly warmupS: number;
  readonly seed: number;
  readonly replications: number;
  readonly demand: Demand;
  readonly classes: readonly IncidentClass[];
  readonly unitTypes: readonly UnitType[];
  readonly posts: readonly Post[];
  readonly units: readonly UnitSpec[];
  readonly shifts: readonly Shift[];
  readonly dispatch: DispatchPolicy;
  /** A time-of-day deployment plan, or null (every unit at its /units post all day). */
  readonly plan: DeploymentPlan | null;
  readonly relocation: RelocationPolicy;
  readonly zones: readonly { name: string; nodes: readonly number[] }[];
  /** Trace waypoints are kept for t < traceUntilS, replication 0 only. */
  readonly traceUntilS: number;
  /** Notes for people (e.g. rows skipped in an empirical CSV). */
  readonly notes: readonly string[];
  /** Values that run but make little sense (a shift never on duty in the window, a tier no deployment can meet...). */
  readonly warnings: readonly string[];
}

/** Built-in unit types; a scenario's `unitTypes` entry of the same name replaces one. */
export const BUILTIN_UNIT_TYPES: readonly UnitType[] = Object.freeze([
  { name: 'foot', responseSpeedFactor: 1, maxResponseSpeedKph: 6, patrolSpeedKph: 4, patrolSpeedFactor: 0.1 },
  { name: 'bicycle', responseSpeedFactor: 1, maxResponseSpeedKph: 18, patrolSpeedKph: 12, patrolSpeedFactor: 0.3 },
  { name: 'motorbike', responseSpeedFactor: 1.2, maxResponseSpeedKph: Infinity, patrolSpeedKph: 20, patrolSpeedFactor: 0.5 },
  { name: 'car', responseSpeedFactor: 1.2, maxResponseSpeedKph: Infinity, patrolSpeedKph: 25, patrolSpeedFactor: 0.5 },
].map((t) => Object.freeze(t)));
