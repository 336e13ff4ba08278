import type { NoBlockade } from '../../engine/geography/blockade.ts';
import { cityEdgeNodes } from '../../engine/geography/city-edge.ts';
import { planContainment } from '../../engine/geography/containment.ts';
import { blockadeFile, containmentFile, planBlockade, ringFile } from '../../engine/geography/cordon-report.ts';
import { cordonToGeoJson } from '../../engine/geography/geography-geojson.ts';
import { planRing } from '../../engine/geography/ring.ts';
import type { RoadGraph } from '../../engine/graph/road-graph.ts';
import { writeOutputFile } from '../../engine/io/files.ts';
import type { CordonFile } from '../../engine/io/run-directory/file-types.ts';
import { cordonJsonText } from '../../engine/io/run-directory/file-texts.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { buildRoutingGraph } from '../../engine/routing/routing-graph.ts';
import { VERSION } from '../../engine/version.ts';
import { expandMultiValueFlags, numberFlag, parseCommandArgs, progress } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { geographyReaders, writeGeographyRunDirectory } from '../geography-inputs.ts';
import { loadNetworkFromFlags, NETWORK_FLAGS, NETWORK_FLAGS_HELP, placerFromFlags } from '../network-flags.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const HELP = `patrolsim cordon: seal exits with the units at the posts (blockade, ring, containment)

Usage: patrolsim cordon blockade --network FILES... --posts FILE --exits FILE
       patrolsim cordon ring     --network FILES... --posts FILE --incident NODE --radius-s S [--within LIST]
       patrolsim cordon contain  --network FILES... --posts FILE --origin NODE --delay-s D
                                 [--exits FILE] [--suspect-speed-factor F] [--edge-band-m M]
       (each with [--json] [--geojson OUT] [--out DIR])

One unit closes one node; a post closes at most as many nodes as it has units. Times are response
driving times on the network (the travel-model flags below apply).

blockade  close every exit: least latest arrival (exact bottleneck assignment), then least total.
          Exits no unit reaches, too few units, or exits that only posts with too few units reach
          are an error (exit 2) naming them.
ring      the region a vehicle leaving the scene reaches within S seconds, the nodes where roads
          leave it (its exits), their blockade, and the share of exits closed by each --within time
          (default 60,180,300): by the plan, and the most any plan closes by then.
contain   a suspect leaves the origin at time 0 at F times the response speed; units leave their
          posts at D seconds. A node can be closed when a unit gets there no later than the suspect
          could. Finds nodes cutting every road from the origin to the exits, one unit each, with the
          least latest closing time (exact; "proven" says whether the search finished).
          Exits default to the city edge: the nodes within M metres of the convex hull of the
          network's nodes (default M: 2 % of the bounding-box diagonal).

  --posts FILE              CSV: "node" (network node ids) or lat/lon; optional id, units (default 1)
  --exits FILE              CSV: "node" or lat/lon columns (snapped as posts are); optional id
  --incident, --origin N    a node id, or "lat,lon" in degrees placed on the nearest road node (planar
                            networks: only with a map projection, e.g. SUMO; else give a node id)
  --radius-s S              ring radius in seconds of driving from the scene
  --within LIST             ring: times in seconds for the closed shares (default 60,180,300)
  --delay-s D               seconds between the flight and the units leaving
  --suspect-speed-factor F  suspect speed / response speed (default 1)
  --edge-band-m M           city-edge band width in metres
  --max-flow-calls N        containment search budget (default 200); past it the answer is unproven
${NETWORK_FLAGS_HELP}
Output:
  --json     blockade: {"version","latestS","totalS","assignments":[{"exit","post","arrivalS"}],...}
             ring: {..., "scene","radiusS","regionNodes","exits":[ids],"feasible","closedShare":
             [{"withinS","exits","share"}],"mostClosedShare":[...]}
             contain: {..., "origin","delayS","feasible","latestS","proven","lowerBound","closed":
             [{"node","post","closingS","suspectS"}],"reason"}
  --geojson  GeoJSON: posts, closed nodes, each unit's route, the region, open exits
  --out DIR  run directory: network.json, posts.json, cordon.json

Formulations: docs/geography.md. Exit status: 0 a full cordon found, 1 none exists (ring, contain: the
reason is printed), 2 bad input (and, for blockade, exits that can't all be closed).`;

const MODES = ['blockade', 'ring', 'contain'] as const;

export const command: CliCommand = {
  name: 'cordon',
  summary: COMMAND_SUMMARIES.cordon,
  help: HELP,
  async run(rawArgs) {
    const args = expandMultiValueFlags(rawArgs, ['network']);
    const { values, positionals } = parseCommandArgs('cordon', args, {
      ...NETWORK_FLAGS, posts: { type: 'string' }, exits: { type: 'string' }, incident: { type: 'string' }, 'radius-s': { type: 'string' },
      within: { type: 'string' }, origin: { type: 'string' }, 'delay-s': { type: 'string' }, 'suspect-speed-factor': { type: 'string' },
      'edge-band-m': { type: 'string' }, 'max-flow-calls': { type: 'string' },
      json: { type: 'boolean' }, geojson: { type: 'string' }, out: { type: 'string' },
    });
    const mode = positionals[0] as (typeof MODES)[number];
    if (!MODES.includes(mode)) throw new InputError(`expected a mode, one of ${MODES.join(', ')}${positionals[0] ? `, got "${positionals[0]}"` : ''} (see patrolsim cordon --help)`);
    if (positionals.length > 1) throw new InputError(`unexpected argument "${positionals[1]}" (network files go after --network)`);
    const misplaced = (flags: string[]) => {
      for (const f of flags) if ((values as Record<string, unknown>)[f] !== undefined) throw new InputError(`--${f}: not a flag of cordon ${mode}`);
    };
    if (!values.posts) throw new InputError('--posts: expected a posts CSV file');
    if (mode === 'blockade') { misplaced(['incident', 'radius-s', 'within', 'origin', 'delay-s', 'suspect-speed-factor', 'edge-band-m', 'max-flow-calls']); if (!values.exits) throw new InputError('--exits: expected an exits CSV file'); }
    if (mode === 'ring') { misplaced(['exits', 'origin', 'delay-s', 'suspect-speed-factor', 'edge-band-m', 'max-flow-calls']); if (values['radius-s'] === undefined) throw new InputError('--radius-s: expected the ring radius in seconds'); }
    if (mode === 'contain') { misplaced(['incident', 'radius-s', 'within']); if (values['delay-s'] === undefined) throw new InputError('--delay-s: expected the seconds before units leave'); }
    if (mode === 'contain' && values.exits !== undefined && values['edge-band-m'] !== undefined) throw new InputError('--edge-band-m: only for the city edge (without --exits)');
    const radiusS = numberFlag('radius-s', values['radius-s'], { min: 0 });
    const delayS = numberFlag('delay-s', values['delay-s'], { min: 0 });
    const factor = numberFlag('suspect-speed-factor', values['suspect-speed-factor'], { min: Number.MIN_VALUE }) ?? 1;
    const bandM = numberFlag('edge-band-m', values['edge-band-m'], { min: 0 });
    const maxFlowCalls = numberFlag('max-flow-calls', values['max-flow-calls'], { min: 1, integer: true });
    const withinS = values.within === undefined ? [60, 180, 300] : values.within.split(',').map((s, i) => numberFlag(`within[${i}]`, s.trim(), { min: 0 })!);

    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'run-directory' }, { flag: '--geojson', path: values.geojson, kind: 'file' }]);
    progress('loading network...');
    const { graph, edgeTimeS } = loadNetworkFromFlags(values);
    const rg = buildRoutingGraph(graph, edgeTimeS);
    const read = geographyReaders(graph, placerFromFlags(values, graph));
    const posts = read.posts(values.posts);
    const units = posts.reduce((a, p) => a + p.units, 0);
    const postIds = posts.map((p) => p.id);

    let file: Omit<CordonFile, 'version'>;
    let json: Record<string, unknown>;
    let labels = new Map<number, string>();
    let edge: Int32Array | undefined;
    if (mode === 'blockade') {
      const exits = read.places(values.exits!, 'exit');
      labels = new Map(exits.map((e) => [e.node, e.id]));
      progress(`blockading ${exits.length} exits with ${units} units at ${posts.length} posts...`);
      const b = planBlockade(rg, posts, exits.map((e) => e.node));
      if (!b.feasible) throw new InputError(`${values.exits}: ${noBlockadeMessage(b, exits.map((e) => e.id), postIds)}`);
      file = blockadeFile(rg, graph, posts, exits.map((e) => e.node), b);
      json = { latestS: b.latestS, totalS: b.totalS, assignments: exits.map((e, k) => ({ exit: e.id, post: postIds[b.source[k]], arrivalS: b.arrivalS[k] })), exits: exits.length, units };
    } else if (mode === 'ring') {
      const scene = read.node('incident', values.incident);
      progress(`ring of ${radiusS} s around ${graph.nodeIds[scene]}...`);
      const plan = planRing(rg, scene, radiusS!, posts, { withinS });
      file = ringFile(rg, graph, posts, plan);
      const b = plan.blockade;
      json = {
        scene: graph.nodeIds[scene], radiusS, regionNodes: plan.ring.region.length, exits: Array.from(plan.ring.exits, (v) => graph.nodeIds[v]),
        feasible: b.feasible, latestS: file.latestS, totalS: file.totalS,
        assignments: b.feasible ? Array.from(plan.ring.exits, (v, k) => ({ exit: graph.nodeIds[v], post: postIds[b.source[k]], arrivalS: b.arrivalS[k] })) : [],
        closedShare: file.details.closedShare, mostClosedShare: file.details.mostClosedShare, units,
        ...(b.feasible ? {} : { reason: noBlockadeMessage(b, Array.from(plan.ring.exits, (v) => graph.nodeIds[v]), postIds) }),
      };
    } else {
      const origin = read.node('origin', values.origin);
      let exitNodes: number[];
      let exitsInfo: Record<string, unknown>;
      if (values.exits) {
        const exits = read.places(values.exits, 'exit');
        labels = new Map(exits.map((e) => [e.node, e.id]));
        exitNodes = exits.map((e) => e.node);
        exitsInfo = { source: values.exits, count: exits.length };
      } else {
        if (graph.coordKind === 'none') throw new InputError('--exits: the network has no node coordinates, so its city edge is unknown; give the exits');
        const ce = cityEdgeNodes(graph, { bandM });
        edge = ce.nodes;
        exitNodes = Array.from(ce.nodes);
        exitsInfo = { source: 'city-edge', count: exitNodes.length, bandM: ce.bandM };
      }
      progress(`containing a suspect from ${graph.nodeIds[origin]} (delay ${delayS} s, speed × ${factor}) with ${units} units, ${exitNodes.length} exits...`);
      const c = planContainment(rg, { origin, delayS: delayS!, suspectSpeedFactor: factor, sources: posts, exits: exitNodes }, { maxFlowCalls });
      file = containmentFile(rg, graph, posts, exitNodes, origin, c, { delayS, suspectSpeedFactor: factor, exits: exitsInfo });
      json = {
        origin: graph.nodeIds[origin], delayS, suspectSpeedFactor: factor, exits: exitsInfo, feasible: c.feasible, latestS: c.latestS, totalS: c.totalS,
        proven: c.proven, lowerBound: file.details.lowerBound,
        closed: c.closed.map((x) => ({ node: labels.get(x.node) ?? graph.nodeIds[x.node], post: postIds[x.source], closingS: x.closingS, suspectS: x.suspectS })),
        units, reachableExits: c.reachableExits, maxFlowCalls: c.maxFlowCalls,
        ...(c.reason ? { reason: c.reason, message: containmentMessage(c.reason, c.escapePath, c.minCutNodes, units, graph) } : {}),
        ...(c.escapePath ? { escapePath: c.escapePath.map((v) => graph.nodeIds[v]) } : {}),
        ...(c.minCutNodes !== undefined ? { minCutNodes: c.minCutNodes } : {}),
      };
    }

    if (values.geojson) {
      writeOutputFile(values.geojson, JSON.stringify(cordonToGeoJson(graph, posts, file.closed, {
        open: file.open, region: file.region, edge, labels,
        ...(file.centre !== null ? { centre: { kind: mode === 'ring' ? 'scene' : 'origin', node: file.centre } } : {}),
      })));
      progress(`wrote ${values.geojson}`);
    }
    if (values.out) writeGeographyRunDirectory(values.out, 'cordon', graph, posts, 'cordon.json', cordonJsonText(file), { files: [values['travel-model'], values.posts, values.exits], settings: { mode, flags: settingsOf(values) } });
    if (values.json) process.stdout.write(`${JSON.stringify({ version: VERSION, mode, ...json })}\n`);
    else process.stdout.write(formatText(mode, json));
    return file.feasible ? 0 : 1;
  },
};

function list(ids: readonly string[], max = 10): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

function noBlockadeMessage(b: NoBlockade, exitIds: readonly string[], postIds: readonly string[]): string {
  if (b.reason === 'unreachable') return `no unit can reach exit${b.exits.length > 1 ? 's' : ''} ${list(b.exits.map((e) => exitIds[e]))} (from any post with units)`;
  const units = `${b.units} unit${b.units === 1 ? '' : 's'}`;
  if (b.reason === 'too-few-units') return `${exitIds.length} exits to close but only ${units} at the posts`;
  const several = b.sources.length > 1;
  return `exits ${list(b.exits.map((e) => exitIds[e]))} (${b.exits.length}) can only be reached from post${several ? 's' : ''} ${list(b.sources.map((s) => postIds[s]))}, which hold${several ? '' : 's'} ${units}${several ? ' in all' : ''}`;
}

function containmentMessage(reason: string, path: readonly number[] | undefined, minCut: number | undefined, units: number, graph: RoadGraph): string {
  if (reason === 'escape-path') return `the suspect can escape along ${list(path!.map((v) => graph.nodeIds[v]), 12)}, where no unit arrives in time`;
  if (reason === 'too-few-units') return `every cut needs more than ${units} nodes (at least ${minCut}), one unit each, and there are ${units} units`;
  if (reason === 'no-staffable-cut') return `cuts of at most ${units} nodes exist, but none can be closed in time with one distinct unit per node`;
  return 'the search budget (--max-flow-calls) ran out before a cut or a proof that none exists';
}

function formatText(mode: string, j: Record<string, unknown>): string {
  const s = (x: unknown) => (typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toFixed(1)) : String(x));
  const lines: string[] = [];
  const assignments = (j.assignments ?? []) as { exit: string; post: string; arrivalS: number }[];
  if (mode === 'ring') {
    lines.push(`ring of ${s(j.radiusS)} s around ${j.scene}: ${s(j.regionNodes)} nodes, ${(j.exits as string[]).length} exits`);
    if (!j.feasible) lines.push(`no full blockade: ${j.reason}`);
  }
  if (mode === 'contain') {
    const ex = j.exits as { source: string; count: number; bandM?: number };
    lines.push(`suspect from ${j.origin}, units leave at ${s(j.delayS)} s, suspect speed × ${s(j.suspectSpeedFactor)}; ${ex.count} exits (${ex.source === 'city-edge' ? `city edge, band ${s(ex.bandM)} m` : ex.source}), ${s(j.reachableExits)} reachable`);
    if (!j.feasible) lines.push(`no containment: ${j.message}`);
    else if ((j.closed as unknown[]).length === 0) lines.push('the suspect cannot reach any exit: nothing to close');
    else {
      lines.push(`close ${(j.closed as unknown[]).length} nodes; latest closing time ${s(j.latestS)} s${j.proven ? ' (proven least)' : ` (not proven; least is > ${s(j.lowerBound)} s)`}, total ${s(j.totalS)} s`);
      lines.push('node            post            closes at s   suspect could be there at s');
      for (const c of j.closed as { node: string; post: string; closingS: number; suspectS: number }[]) lines.push(`${c.node.padEnd(16)}${c.post.padEnd(16)}${s(c.closingS).padStart(11)}   ${s(c.suspectS).padStart(10)}`);
    }
  }
  if (mode !== 'contain' && (mode === 'blockade' || j.feasible)) {
    lines.push(`latest arrival ${s(j.latestS)} s, total ${s(j.totalS)} s`);
    lines.push('exit            post            arrival s');
    for (const a of assignments) lines.push(`${a.exit.padEnd(16)}${a.post.padEnd(16)}${s(a.arrivalS).padStart(9)}`);
  }
  if (mode === 'ring') {
    const shares = j.closedShare as { withinS: number; exits: number; share: number }[];
    const most = j.mostClosedShare as { withinS: number; exits: number; share: number }[];
    lines.push('exits closed by      the plan      at most');
    shares.forEach((c, i) => lines.push(`  ${`${s(c.withinS)} s`.padEnd(16)}${`${(c.share * 100).toFixed(1)} %`.padStart(10)}${`${(most[i].share * 100).toFixed(1)} %`.padStart(13)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The flags that change the numbers (for the input hash of the run directory). */
function settingsOf(values: Record<string, unknown>): Record<string, unknown> {
  const keys = ['format', 'undirected', 'time-unit', 'all-classes', 'coords', 'response-factor', 'hour', 'max-snap-m', 'incident', 'radius-s', 'within', 'origin', 'delay-s', 'suspect-speed-factor', 'edge-band-m', 'max-flow-calls'];
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}
