import { jurisdictionsToGeoJson } from '../../engine/geography/geography-geojson.ts';
import { planJurisdictions } from '../../engine/geography/plan-jurisdictions.ts';
import { writeOutputFile } from '../../engine/io/files.ts';
import type { JurisdictionAssignment } from '../../engine/io/run-directory/file-types.ts';
import { jurisdictionsJsonText } from '../../engine/io/run-directory/file-texts.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { buildRoutingGraph } from '../../engine/routing/routing-graph.ts';
import { VERSION } from '../../engine/version.ts';
import { expandMultiValueFlags, numberFlag, parseCommandArgs, progress } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { geographyReaders, writeGeographyRunDirectory } from '../geography-inputs.ts';
import { loadNetworkFromFlags, NETWORK_FLAGS, NETWORK_FLAGS_HELP, placerFromFlags } from '../network-flags.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const HELP = `patrolsim jurisdictions: every post's jurisdiction and workload, and their balancing

Usage: patrolsim jurisdictions --network FILES... --posts FILE [--demand FILE] [--target S]
                               [--balance] [--json] [--geojson OUT] [--out DIR]

Every node goes to the post whose unit reaches it first (fastest road time; ties: the post listed
first; posts with 0 units own nothing). Per post: its nodes, its workload (the demand weight of its
nodes), its farthest node's time and the nodes beyond --target. Balance: coefficient of variation
(population standard deviation / mean) and largest / mean workload, over the posts with units.

  --posts FILE      CSV: "node" (network node ids) or lat/lon columns snapped to the nearest node;
                    optional id, units (default 1)
  --demand FILE     CSV: "node" or lat/lon, optional weight (default 1 per row); the workload.
                    Without it every node weighs 1.
  --target S        seconds (default 180); "beyond target" means time > S
  --balance         also reassign nodes to lower the largest workload, keeping every node within
                    max(S, its nearest post's time) of its post and every jurisdiction connected
                    through its own nodes (a local search; it reports a proven lower bound on the
                    best largest workload, so the gap to the optimum is known)
${NETWORK_FLAGS_HELP}
Output:
  --json            {"version","targetS","posts":[{"post","units","nodes","weight","maxTimeS",
                    "beyondTarget","beyondTargetWeight"}],"balance":{"cv","maxOverMean","maxWeight",
                    "meanWeight"},"unassigned","unassignedWeight"} plus, with --balance,
                    "balanced":{the same fields,"moves","reassignedNodes","lowerBound","gap"}
  --geojson OUT     GeoJSON: per post its Point, its nodes (MultiPoint) and its roads (MultiLineString);
                    the balanced assignment when --balance is given
  --out DIR         run directory: network.json, posts.json, jurisdictions.json (per-node owners)

Formulations: docs/geography.md. Exit status: 0 success, 2 bad input.`;

export const command: CliCommand = {
  name: 'jurisdictions',
  summary: COMMAND_SUMMARIES.jurisdictions,
  help: HELP,
  async run(rawArgs) {
    const args = expandMultiValueFlags(rawArgs, ['network']);
    const { values, positionals } = parseCommandArgs('jurisdictions', args, {
      ...NETWORK_FLAGS, posts: { type: 'string' }, demand: { type: 'string' }, target: { type: 'string' },
      balance: { type: 'boolean' }, json: { type: 'boolean' }, geojson: { type: 'string' }, out: { type: 'string' },
    });
    if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}" (network files go after --network)`);
    if (!values.posts) throw new InputError('--posts: expected a posts CSV file');
    const targetS = numberFlag('target', values.target, { min: 0 }) ?? 180;
    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'run-directory' }, { flag: '--geojson', path: values.geojson, kind: 'file' }]);
    progress('loading network...');
    const { graph, edgeTimeS } = loadNetworkFromFlags(values);
    const rg = buildRoutingGraph(graph, edgeTimeS);
    const read = geographyReaders(graph, placerFromFlags(values, graph));
    const posts = read.posts(values.posts);
    const weight = read.weights(values.demand);
    progress(`assigning ${graph.nodeCount} nodes to ${posts.length} posts${values.balance ? ', then balancing' : ''}...`);
    const plan = planJurisdictions(rg, posts, weight, { targetS, balance: values.balance });

    const final = plan.balanced ?? plan.nearest;
    if (values.geojson) {
      writeOutputFile(values.geojson, JSON.stringify(jurisdictionsToGeoJson(graph, posts, Int32Array.from(final.owner), final.posts)));
      progress(`wrote ${values.geojson}`);
    }
    if (values.out) writeGeographyRunDirectory(values.out, 'jurisdictions', graph, posts, 'jurisdictions.json', jurisdictionsJsonText(plan), { files: [values['travel-model'], values.posts, values.demand], settings: { targetS, balance: values.balance ?? false, flags: settingsOf(values) } });
    const summary = (a: JurisdictionAssignment) => ({ posts: a.posts, balance: a.balance, unassigned: a.unassigned, unassignedWeight: a.unassignedWeight });
    if (values.json) {
      const b = plan.balanced;
      process.stdout.write(`${JSON.stringify({
        version: VERSION, targetS, ...summary(plan.nearest),
        ...(b ? { balanced: { ...summary(b), moves: b.moves, reassignedNodes: b.reassignedNodes, lowerBound: b.lowerBound, gap: gapOf(b.balance.maxWeight, b.lowerBound) } } : {}),
      })}\n`);
    } else {
      process.stdout.write(formatText(plan));
    }
    return 0;
  },
};

function gapOf(value: number, bound: number): number {
  return value > 0 ? Math.max(0, value - bound) / value : 0;
}

function formatText(plan: ReturnType<typeof planJurisdictions>): string {
  const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  const b = plan.balanced;
  const width = Math.max(4, ...plan.nearest.posts.map((p) => p.post.length));
  const header = `${'post'.padEnd(width)}  units  nodes  workload  farthest s  beyond ${plan.targetS} s${b ? '   | balanced: nodes  workload  farthest s  beyond' : ''}`;
  const lines = [header];
  plan.nearest.posts.forEach((p, i) => {
    let line = `${p.post.padEnd(width)}  ${String(p.units).padStart(5)}  ${String(p.nodes).padStart(5)}  ${num(p.weight).padStart(8)}  ${num(p.maxTimeS).padStart(10)}  ${String(p.beyondTarget).padStart(8)}`;
    if (b) { const q = b.posts[i]; line += `   |           ${String(q.nodes).padStart(5)}  ${num(q.weight).padStart(8)}  ${num(q.maxTimeS).padStart(10)}  ${String(q.beyondTarget).padStart(6)}`; }
    lines.push(line);
  });
  const bal = (a: JurisdictionAssignment) => `largest workload ${num(a.balance.maxWeight)}, mean ${num(a.balance.meanWeight)}, max/mean ${a.balance.maxOverMean.toFixed(3)}, cv ${a.balance.cv.toFixed(3)}`;
  lines.push('', `nearest post: ${bal(plan.nearest)}; ${plan.nearest.unassigned} nodes no unit reaches`);
  if (b) {
    lines.push(`balanced:     ${bal(b)}; ${b.reassignedNodes} nodes reassigned in ${b.moves} moves`);
    lines.push(`the best possible largest workload is at least ${num(b.lowerBound)} (gap ${(gapOf(b.balance.maxWeight, b.lowerBound) * 100).toFixed(1)} %)`);
  }
  return `${lines.join('\n')}\n`;
}

/** The flags that change the numbers (for the input hash of the run directory). */
function settingsOf(values: Record<string, unknown>): Record<string, unknown> {
  const keys = ['format', 'undirected', 'time-unit', 'all-classes', 'coords', 'response-factor', 'hour', 'max-snap-m', 'incident', 'radius-s', 'within', 'origin', 'delay-s', 'suspect-speed-factor', 'edge-band-m', 'max-flow-calls'];
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}
