/**
 * The files of a run directory (docs/run-directory.md) as TypeScript types: what the engine writes and
 * the viewer and the report read. Pure (no Node, no DOM), so the viewer bundle imports it.
 *
 * Conventions in every file: times in seconds, shares in 0..1, coordinates in the network's own
 * (`coordKind`: lon/lat degrees or planar metres), node and edge references by dense index into
 * `network.json`, `null` for a value that is infinite or undefined (no unit arrived, no interval).
 */

/** The completion marker: written last, so a directory without it is incomplete. */
export const RUN_MANIFEST = 'run.json';

/** The files the viewer and the report read, in load order (network.json is required). */
export const VIEWER_FILES = ['network.json', 'posts.json', 'coverage.json', 'summary.json', 'trace.json', 'compare.json', 'sites.json', 'plan-blocks.json', 'jurisdictions.json', 'cordon.json'] as const;
export type ViewerFileName = (typeof VIEWER_FILES)[number];

/** Every file name a run directory may hold and what writes it (run.json aside). */
export const RUN_FILES: Readonly<Record<string, string>> = Object.freeze({
  'network.json': 'the road network drawn (every producer)',
  'posts.json': 'the posts and their units (every producer)',
  'coverage.json': 'static coverage per tier and per demand point (coverage, optimize, demo)',
  'summary.json': 'simulated compliance, response times, utilisation (simulate, demo)',
  'incidents.csv': 'one row per incident of replication 0 (simulate, demo)',
  'units.csv': 'one row per unit (simulate, demo)',
  'trace.json': 'unit waypoints and incidents of replication 0 for the replay (simulate, demo)',
  'plan-blocks.json': 'the time-of-day plan as resolved: each post\'s node and each unit\'s post per block (simulate, demo, with a plan)',
  'compare.json': 'the comparison table of the demo: current layout, proposal, and the time-of-day plan with and without move-up',
  'sites.json': 'key sites with their response circle and static arrivals (demo)',
  'coverage.geojson': 'nodes and edges by the tightest tier met (coverage)',
  'report.html': 'the self-contained briefing (demo)',
  'jurisdictions.json': 'each node\'s post and time, per-post workloads, nearest and balanced (jurisdictions)',
  'cordon.json': 'a blockade, ring or containment: nodes closed, units, routes, region (cordon)',
});

/**
 * Further files a command may add (plans, relocations, jurisdictions, cordons): a lower-case name
 * ending in .json, .geojson, .csv or .html. Listed in run.json like every other file.
 */
export const EXTRA_FILE_NAME = /^[a-z0-9][a-z0-9._-]*\.(json|geojson|csv|html)$/;

/** `run.json`: the completion marker and the record of who wrote the directory. */
export interface RunManifest {
  format: 'patrolsim-run';
  /** Version of this layout of run directories. */
  formatVersion: 1;
  /** patrolsim version that wrote the directory. */
  version: string;
  /** The command (or program) that wrote it: "simulate", "coverage", "optimize", "demo", ... */
  producer: string;
  /** Root seed of the run, or null when nothing random was drawn. */
  seed: number | null;
  /** sha256 of the canonical scenario and every file it references (simulate, demo), or null. */
  scenarioHash: string | null;
  /** sha256 of the other inputs (network, posts, demand files and the settings), or null. */
  inputHash: string | null;
  /** Every file of the directory but run.json, sorted by name; subdirectories that are runs appear as `<dir>/run.json`. */
  files: RunFileRecord[];
}

export interface RunFileRecord {
  name: string;
  bytes: number;
  /** Hex sha256 of the file's bytes. */
  sha256: string;
}

/** `network.json`: the viewer's compact form of the road graph. */
export interface NetworkJson {
  version: string;
  coordKind: 'lonlat' | 'planar' | 'none';
  /** Attribution owed for the source data, e.g. "(c) OpenStreetMap contributors (ODbL)", or null. */
  attribution: string | null;
  /** Road class names; `edges.cls` indexes them. */
  classNames: string[];
  /** Node ids, and coordinates (null where unknown). */
  nodes: { ids: string[]; x: (number | null)[]; y: (number | null)[] };
  /** Edges by node index; `shapes` holds the interior points (x, y interleaved) of curved edges only, keyed by edge index. */
  edges: { from: number[]; to: number[]; cls: number[]; shapes: Record<string, number[]>; name?: number[] };
  /** Street names, in order of first use; `edges.name[e]` indexes them, -1 for an unnamed edge. Both absent when no edge has a name. */
  names?: string[];
}

/** One post of `posts.json`. */
export interface PostJson {
  id: string;
  /** Node index into network.json. */
  node: number;
  /** Units standing there (default 1 when absent). */
  units: number;
  /** station, kiosk, mobile, car, foot, post, ... (free text; the viewer styles the known ones). */
  type: string;
  label?: string;
}

export interface PostsJson {
  version: string;
  posts: PostJson[];
}

/** A tier outcome of static coverage. */
export interface CoverageTierJson {
  targetS: number;
  units: number;
  /** coveredWeight / totalWeight. */
  coveredShare: number;
  coveredWeight: number;
  totalWeight: number;
  /** Demand points meeting the tier, of `count`. */
  coveredCount: number;
  count: number;
}

/** `coverage.json`: static coverage of the posts. A demand point meets tier (T, k) when at least k units arrive within T seconds. */
export interface CoverageJson {
  version: string;
  /** Every demand point against the standard tiers. */
  tiers: CoverageTierJson[];
  /** Per demand class against its own tiers. */
  classes: { name: string; count: number; totalWeight: number; tiers: CoverageTierJson[] }[];
  /** Arrivals kept per demand point (the largest `units` of any tier). */
  k: number;
  /** Per demand point: node index, weight (default 1), class (null: the standard tiers). */
  demand: { node: number[]; weight: number[]; cls: (string | null)[] };
  /** Per demand point, the arrival times of the 1st..kth unit; null beyond the largest target. */
  arrivalS: (number | null)[][];
  /** The same for every network node, demand or not (maps colour every road with it). */
  nodeArrivalS?: (number | null)[][];
}

/** One key site of `sites.json`. */
export interface SiteJson {
  name: string;
  /** Node index the site snapped to. */
  node: number;
  /** Its circle class (e.g. "circle-1min"), or null: the standard tiers. */
  class: string | null;
  kind: string | null;
  weight: number;
  /** The class's tiers. */
  tiers: { targetS: number; units: number }[];
  /** Static arrival of the 1st..kth unit (k = the most units a tier asks for); null beyond the largest target. */
  arrivalS: (number | null)[];
  /** Per tier: arrival of unit `units` <= `targetS`. */
  met: boolean[];
}

/** `sites.json`: key sites (stations, hubs, schools, malls) and how the layout serves them. */
export interface SitesJson { version: string; sites: SiteJson[] }

/** Percentiles of a sample of seconds (null when the sample is empty or the percentile infinite). */
export interface PercentilesJson { p50: number | null; p90: number | null; p95: number | null; mean: number | null }

/** An interval [low, high], or null with fewer than two replications. */
export type IntervalJson = [number | null, number | null] | null;

/** A tier of `summary.json`: the share of incidents where at least `units` units arrived within `targetS`. */
export interface SummaryTierJson {
  targetS: number;
  units: number;
  /** Mean over replications of the per-replication share of incidents meeting the tier. */
  metShare: number | null;
  ci95: IntervalJson;
  /** Response time of the `units`-th unit, pooled over replications. */
  responseS: PercentilesJson;
}

export interface SummaryClassJson {
  name: string;
  /** 1 is the most urgent. */
  priority: number;
  /** Incidents measured (reported in [warmupS, horizonS)), all replications together. */
  incidents: number;
  tiers: SummaryTierJson[];
  /** Response time of the 1st..kth unit sent (k = the class's units to send). */
  unitResponseS: (PercentilesJson & { unit: number })[];
  queue: {
    /** Share of served calls whose first dispatch came after the report, plus calls never served. */
    waitShare: number | null; waitShareCi95: IntervalJson;
    /** Mean delay from report to first dispatch over calls dispatched. */
    meanDelayS: number | null; meanDelayCi95: IntervalJson;
    delayS: PercentilesJson;
  };
  /** Share of calls lost (no unit free and queueing off). */
  lostShare: number | null;
  lostShareCi95: IntervalJson;
  /** Only for a class with a cordon standard. */
  cordon?: SummaryCordonJson;
}

/** A class's cordon standard and how often it was met (docs/simulation.md, "Cordon standard"). */
export interface SummaryCordonJson {
  /** The standard: ring radius (road driving seconds from the scene), time to close every exit, hold time (null: until the last scene unit clears). */
  radiusS: number;
  withinS: number;
  holdS: number | null;
  /** Share of incidents whose every exit was closed within withinS of the report; 95% interval across replications, clipped to [0, 1]. */
  metShare: number | null;
  ci95: IntervalJson;
  /** Shares of the incidents (pooled) missed because too few units were free, no assignment was in time, or the scene got fewer units than it needed. */
  missed: { tooFewUnits: number | null; late: number | null; sceneShort: number | null };
  /** Mean exits per ring; mean units sent per cordon met. */
  meanExits: number | null;
  meanUnitsSent: number | null;
  /** Latest exit's closing time after the report, over the cordons met (pooled). */
  closedS: PercentilesJson;
}

export interface SummaryUnitJson {
  id: string;
  type: string;
  post: string;
  /** Shift name, or null when always on duty. */
  shift: string | null;
  /** Busy (dispatched or on scene) seconds / on-duty seconds, mean over replications. */
  utilisation: number | null; utilisationCi95: IntervalJson;
  /** Busy seconds / window seconds. */
  busyShare: number | null; busyShareCi95: IntervalJson;
  dispatchesPerReplication: number | null;
  /** Move-ups (relocation) and plan moves started per replication. */
  movesPerReplication: number | null;
  planMovesPerReplication: number | null;
}

/** The move-up policy as resolved (docs/simulation.md, "Move-up"). */
export interface SummaryRelocationJson {
  policy: string;
  maxMoves?: number;
  maxTravelS?: number;
  cooldownS?: number;
  /** compliance-table: rows of the table. */
  tableRows?: number;
  /** tier-greedy: q, where it came from ("given" or "offered load"), the minimum gain, candidate posts. */
  busyFraction?: number | null;
  busyFractionSource?: string;
  minGain?: number;
  candidatePosts?: number;
}

/** A per-replication figure: mean and 95% interval across replications. */
export interface EstimateJson { mean: number | null; ci95: IntervalJson }

/** Moves made, per replication, started in [warmupS, horizonS). */
export interface SummaryRelocationsJson {
  /** Move-ups, unit-km driven on them (null without edge lengths), hours driven, move-ups per unit-hour on duty. */
  moves: EstimateJson;
  unitKm: EstimateJson;
  driveHours: EstimateJson;
  movesPerUnitHour: EstimateJson;
  /** Drives to a new place at plan block boundaries, and their unit-km. */
  planMoves: EstimateJson;
  planUnitKm: EstimateJson;
  /** Unit-hours on duty in the window. */
  unitHours: EstimateJson;
}

/** With a time-of-day plan: its source and the tier met shares per block (incidents by report time). */
export interface SummaryPlanJson {
  /** "inline" or the plan file path as given. */
  source: string;
  /** Ids of the posts the plan adds. */
  posts: string[];
  /** The base layout (hours outside every block, startHour/endHour null) first, then each block. */
  byBlock: {
    block: string;
    startHour: number | null;
    endHour: number | null;
    classes: { name: string; incidents: number; tiers: { targetS: number; units: number; metShare: number | null; ci95: IntervalJson }[] }[];
  }[];
}

/** Per class: incidents (all replications) and the share meeting each tier (null with no incident). */
export interface BreakdownClassJson { name: string; incidents: number; metShare: (number | null)[] }

/** `summary.json`: the simulation's figures (docs/run-directory.md documents every field). */
export interface SummaryJson {
  version: string;
  seed: number;
  scenarioHash: string;
  scenario: string;
  replications: number;
  horizonS: number;
  warmupS: number;
  timeUnit: string;
  dispatch: { policy: string; queue: boolean };
  relocation: SummaryRelocationJson;
  /** Events processed, all replications (a cost measure). */
  events: number;
  /** Incidents drawn, all replications, warm-up included. */
  incidentsDrawn: number;
  classes: SummaryClassJson[];
  units: SummaryUnitJson[];
  relocations: SummaryRelocationsJson;
  plan?: SummaryPlanJson;
  byZone: { zone: string; classes: BreakdownClassJson[] }[];
  /** Per node id with incidents: the classes that had some. */
  byNode: { node: string; classes: BreakdownClassJson[] }[];
  /** Replayed demand only: rows read, incidents used, rows skipped by reason. */
  replay?: { rowsRead: number; incidents: number; skipped: unknown };
  notes: string[];
  /** Values that run but make little sense (a shift never on duty, a tier never met...). */
  warnings: string[];
}

/** A class as `trace.json` names it: `met[i]` of its incidents refers to `tiers[i]`. */
export interface TraceClassJson { name: string; priority: number; tiers: { targetS: number; units: number }[] }

export interface TraceIncidentJson {
  /** Report time (s). */
  t: number;
  x: number | null;
  y: number | null;
  /** Class name (as in `classes[].name`). */
  cls: string;
  /** Node index. */
  node: number;
  /** Per tier of the class: met or not. */
  met: boolean[];
  /** Seconds from report to the first unit on scene; null when none arrived. */
  firstArrivalS: number | null;
}

/**
 * A move started in the replay (state 6, moving): a plan move (a block boundary gave the unit a new
 * place) or a move-up (the relocation policy sent an idle unit to another post).
 */
export interface TraceMoveJson {
  /** Unit index (into `units`). */
  unit: number;
  /** When the move started (s). */
  t: number;
  kind: 'plan' | 'moveUp';
  /** Post index (into posts.json) the unit drives to, and the node it drives to (a mobile station's node of the block). */
  post: number;
  node: number;
}

/** `trace.json`: replication 0 for the replay. */
export interface TraceJson {
  version: string;
  seed: number;
  scenarioHash: string;
  horizonS: number;
  warmupS: number;
  /** Waypoints and incidents run up to this time (s). */
  untilS: number;
  /** Names of the state codes of waypoints: 0 atPost, 1 patrolling, 2 dispatched, 3 onScene, 4 returning, 5 offShift, 6 moving. */
  stateNames: readonly string[];
  classes: TraceClassJson[];
  units: { id: string; type: string; post: string }[];
  /** Per unit (aligned with `units`): [t, x, y, state] at every state change and node passed. */
  waypoints: (number | null)[][][];
  incidents: TraceIncidentJson[];
  /** Every move started up to `untilS`, by start time (absent in files written before moves were recorded). */
  moves?: TraceMoveJson[];
}

/** One layout of `plan-blocks.json`: the base layout (hours outside every block) or a block. */
export interface PlanLayoutJson {
  /** "base", or the block's name. */
  name: string;
  /** [startHour, endHour) of every day (wrapping past midnight when endHour < startHour); null for the base layout. */
  startHour: number | null;
  endHour: number | null;
  /** Node index of every post of posts.json in this layout (a mobile station has another node in its block). */
  postNode: number[];
  /** Post index (posts.json) of every unit (`units`) in this layout. */
  unitPost: number[];
  /** Each unit's patrol in this layout: "route:NAME", "beat:NAME", or null (standing at the post). */
  unitPatrol: (string | null)[];
}

/** `plan-blocks.json`: a simulation's time-of-day plan as resolved (docs/simulation.md, "Deployment plans"). */
export interface PlanBlocksJson {
  version: string;
  /** "inline" or the plan file as given. */
  source: string;
  /** Unit ids, in the order of trace.json `units` and summary.json `units`. */
  units: string[];
  /** Indices (into posts.json) of the posts the plan adds: staging points, mobile-station sites. */
  planPosts: number[];
  /** The base layout first, then each block in plan order. */
  layouts: PlanLayoutJson[];
}

/** `compare.json`: the demo's comparison (its format and reader: compare-file.ts). */
export type { CompareJson } from './compare-file.ts';

// Police geography (docs/geography.md).

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
