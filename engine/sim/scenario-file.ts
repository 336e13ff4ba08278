/**
 * The scenario file as written by people (JSON, checked against `scenarios/scenario.schema.json`).
 * Node references are node ids of the network (strings; numbers are accepted and turned into strings).
 * Paths are relative to the scenario file. Times are seconds, speeds km/h, hours 0..24.
 * See docs/simulation.md for the meaning of every field.
 */
import type { Tier } from '../coverage/tiers.ts';

export type NodeRef = string | number;

export interface ScenarioFile {
  $schema?: string;
  name?: string;
  description?: string;
  network: NetworkRef;
  travel?: { classSpeedKph?: Record<string, number>; hourlySpeedFactor?: number[] };
  horizonS: number;
  warmupS?: number;
  /** Maximum snap distance in metres for points given by coordinates (engine/graph/snap.ts); default 500. */
  maxSnapM?: number;
  seed?: number;
  replications?: number;
  demand: DemandFile;
  classes: ClassFile[];
  unitTypes?: UnitTypeFile[];
  posts: PostFile[];
  units: UnitFile[];
  shifts?: ShiftFile[];
  routes?: { name: string; nodes: NodeRef[] }[];
  beats?: { name: string; nodes: NodeRef[] }[];
  zones?: { name: string; nodes: NodeRef[] }[];
  dispatch?: DispatchFile;
  /** A time-of-day deployment plan, inline or the path of a plan file (relative to the scenario file). */
  plan?: PlanFile | string;
  /** Move-up policy; default `{policy: "none"}`. */
  relocation?: RelocationFile;
  trace?: { untilS?: number };
}

/** The plan format shared with the optimizer (docs/simulation.md, "Deployment plans"). */
export interface PlanFile {
  $schema?: string;
  name?: string;
  description?: string;
  /** Posts used only by the plan: staging points, mobile-station sites, proposed posts. */
  posts?: PostFile[];
  blocks: PlanBlockFile[];
}

export interface PlanBlockFile {
  name: string;
  /** [startHour, endHour) of every day, 0..24; wraps past midnight when endHour < startHour. */
  startHour: number;
  endHour: number;
  /** Mobile stations: post id -> its node in this block (a node id, or {x, y} snapped). */
  postNodes?: Record<string, NodeRef | { x: number; y: number }>;
  /** Where units go in this block; units not listed keep their base place. */
  assign?: { unit: string; post: string; patrol?: PatrolFile }[];
}

export type PatrolFile = { kind: 'none' } | { kind: 'route'; route: string } | { kind: 'beat'; beat: string };

export interface RelocationLimitsFile {
  /** Moves per triggering event (a dispatch, a unit freed), at most. Default 1. */
  maxMoves?: number;
  /** Only to posts within this many seconds of the unit. Default 600. */
  maxTravelS?: number;
  /** Not the same unit twice within this many seconds. Default 900. */
  cooldownS?: number;
}

export type RelocationFile =
  | { policy: 'none' }
  | ({ policy: 'compliance-table'; table: string[][] } & RelocationLimitsFile)
  | ({
    policy: 'tier-greedy';
    /** DMEXCLP's q: probability a unit is busy. Default: the offered load (on-scene work per unit on duty). */
    busyFraction?: number;
    /** Candidate posts (ids); default every post of the scenario and the plan. */
    posts?: string[];
    /** Minimum rise of the objective for a move (a share, 0..1). Default 0.001. */
    minGain?: number;
    /** Weight of each class in the objective; default the classes' shares of demand. */
    classWeights?: Record<string, number>;
  } & RelocationLimitsFile);

export interface NetworkRef {
  files: string[];
  format?: string;
  nodesFile?: string;
  undirected?: boolean;
  timeUnit?: string;
  allClasses?: boolean;
}

export type DemandFile = PoissonDemandFile | ReplayDemandFile;

export interface PoissonDemandFile {
  kind: 'poisson';
  incidentsPerDay: number;
  /** 24 relative weights (hour 0..23), rescaled to average 1. */
  hourlyProfile?: number[];
  /** 7 relative weights (day 0..6 of the run), rescaled to average 1. */
  weeklyProfile?: number[];
  multiplier?: number;
  spatial?: SpatialFile;
  /** Share of incidents per class name; must sum to 1. */
  classMix: Record<string, number>;
}

export type SpatialFile =
  | { kind: 'uniform' }
  | { kind: 'nodes'; weights: Record<string, number> }
  | { kind: 'hotspots'; baseline?: number; points: HotspotFile[] }
  | { kind: 'csv'; file: string; xColumn?: string; yColumn?: string; maxSnapM?: number };

export interface HotspotFile {
  node?: NodeRef;
  x?: number;
  y?: number;
  radiusM: number;
  weight: number;
}

export interface ReplayDemandFile {
  kind: 'replay';
  file: string;
  timeColumn?: string;
  xColumn?: string;
  yColumn?: string;
  nodeColumn?: string;
  classColumn?: string;
  classMap?: Record<string, string>;
  defaultClass?: string;
  onSceneColumn?: string;
  /** Seconds per unit of the on-scene column (60 for minutes). Default 1. */
  onSceneScaleS?: number;
  /** Time zero of the run (ISO 8601, read as UTC). Default: midnight UTC of the earliest row. */
  startTime?: string;
  maxSnapM?: number;
}

export interface ClassFile {
  name: string;
  /** 1 is the most urgent; queued calls are served by priority, then arrival. Default 1. */
  priority?: number;
  tiers: Tier[];
  /** Units to send; default the largest `units` of the tiers. */
  unitsToSend?: number;
  onScene: DurationFile;
  /**
   * Cordon standard: units beyond those sent to the scene close every exit of the ring of `radiusS`
   * (road driving seconds from the scene) within `withinS` of the report, and hold them until `holdS`
   * after the report (default: until the last scene unit clears).
   */
  cordon?: { radiusS: number; withinS: number; holdS?: number };
}

export type DurationFile =
  | { kind: 'exponential'; meanS: number }
  | { kind: 'lognormal'; meanS: number; sdS: number }
  | { kind: 'fixed'; valueS: number }
  | { kind: 'empirical'; file: string; column: string; scaleS?: number };

export interface UnitTypeFile {
  name: string;
  /** Response speed relative to the road's free-flow speed. Default 1. */
  responseSpeedFactor?: number;
  /** Cap on response speed (foot, bicycle), applied where edge lengths are known. */
  maxResponseSpeedKph?: number;
  /** Patrol speed where edge lengths are known. */
  patrolSpeedKph?: number;
  /** Patrol speed relative to free flow where lengths are unknown. Default 0.5. */
  patrolSpeedFactor?: number;
}

export interface PostFile {
  id: string;
  node?: NodeRef;
  x?: number;
  y?: number;
  type?: string;
  label?: string;
}

export interface UnitFile {
  id: string;
  type: string;
  post: string;
  /** Make this many units: ids `<id>-1` .. `<id>-<count>`. Default 1 (id kept as written). */
  count?: number;
  shift?: string;
  patrol?: PatrolFile;
}

export interface ShiftFile {
  name: string;
  /** On duty from startHour (inclusive) to endHour (exclusive), hours of the day; wraps past midnight when endHour < startHour. */
  startHour: number;
  endHour: number;
}

export type DispatchFile =
  | { policy: 'nearest'; queue?: boolean }
  | { policy: 'reserve'; queue?: boolean; reserve: { post: string; units: number; releasePriority?: number }[] }
  | { policy: 'preference'; queue?: boolean; lists: Record<string, string[]> };
