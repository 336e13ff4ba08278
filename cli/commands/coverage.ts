import { stronglyConnectedComponents } from '../../engine/graph/components.ts';
import { coverageToGeoJson } from '../../engine/coverage/coverage-geojson.ts';
import { evaluateCoverage, type CoverageResult, type DemandPoint } from '../../engine/coverage/evaluate-coverage.ts';
import { readInputText, writeOutputFile } from '../../engine/io/files.ts';
import { inputContentHash } from '../../engine/io/hash.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { proposalTiers, readProposal } from '../../engine/io/proposal.ts';
import { arrivalRows, coverageJsonText, networkJsonText, postsJsonText } from '../../engine/io/run-directory/file-texts.ts';
import { writeRunDirectory } from '../../engine/io/run-directory/run-directory.ts';
import { parseDemandCsv, parsePostsCsv } from '../../engine/io/points-csv.ts';
import { describeRowUse, type SkippedRows } from '../../engine/io/skipped-rows.ts';
import { buildRoutingGraph } from '../../engine/routing/routing-graph.ts';
import { VERSION } from '../../engine/version.ts';
import { loadProposalNetwork, proposalDemand, proposalPosts } from '../../engine/workflow/proposal-run.ts';
import { expandMultiValueFlags, parseCommandArgs, progress, tiersFromFlags } from '../args.ts';
import { readClassTiers } from '../../engine/io/class-tiers.ts';
import type { CliCommand } from '../command.ts';
import { percent } from '../format.ts';
import { loadNetworkFromFlags, NETWORK_FLAGS, NETWORK_FLAGS_HELP, placerFromFlags } from '../network-flags.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const HELP = `patrolsim coverage: static 1/3/5-minute coverage of a deployment

Usage: patrolsim coverage --network FILES... --posts FILE|proposal.json [--demand FILE] [--targets 60,180,300]
                          [--units 1,2,3] [--json] [--geojson OUT] [--out DIR]

A demand point meets tier (T, k) when at least k units reach it with travel time <= T seconds
(a post with 2 units counts twice). Units drive from their posts along the fastest roads.

Deployment and demand:
  --posts FILE           CSV: a "node" column (network node ids) or lat/lon (or x/y) columns, placed
                         on the nearest road node within --max-snap-m; optional id, units (default
                         1), type. Or a proposal JSON (optimize --out): its posts, on its network,
                         against its tiers and its demand, unless --network / --targets / --demand
                         are given
  --demand FILE          CSV: "node" or lat/lon (a raw incident export works: rows without
                         coordinates or beyond --max-snap-m are skipped and counted by reason);
                         optional weight (default 1), class. Without it, every node weighs 1 (with
                         a proposal: its own demand).
  --lat-col NAME         latitude column name, when the usual names don't fit
  --lon-col NAME         longitude column name
Standard:
  --targets LIST         tier targets in seconds (default 60,180,300)
  --units LIST           units required per tier, parallel to --targets (default 1,2,3 with the
                         default targets; 1 each when only --targets is given)
  --class-tiers FILE     JSON {"site":[{"targetS":60,"units":1}], ...}: tiers for demand classes
${NETWORK_FLAGS_HELP}
Output:
  --json                 one JSON object on stdout:
                         {"tiers":[{"targetS","units","coveredShare","coveredWeight","totalWeight",
                         "coveredCount","count"}], "classes":[...], "network":{...}, "posts":{...},
                         "demand":{"points","totalWeight","rows","skippedRows","skipped":[{"reason",
                         "rows"}],...}, "maxSnapM"} (+ "nodes":[{"id","weight","arrivalS":[...]}]
                         with --per-node)
  --per-node             include each demand node's 1st..kth unit arrival times in --json
  --geojson OUT          GeoJSON of nodes and edges coloured by the tightest tier met
  --out DIR              run directory for the viewer and report (network.json, posts.json, coverage.json,
                         run.json), written whole; an existing run directory there is replaced

Exit status: 0 success, 2 bad input.`;

export const command: CliCommand = {
  name: 'coverage',
  summary: COMMAND_SUMMARIES.coverage,
  help: HELP,
  async run(rawArgs) {
    const args = expandMultiValueFlags(rawArgs, ['network']);
    const { values, positionals } = parseCommandArgs('coverage', args, {
      ...NETWORK_FLAGS,
      posts: { type: 'string' }, demand: { type: 'string' },
      'lat-col': { type: 'string' }, 'lon-col': { type: 'string' },
      targets: { type: 'string' }, units: { type: 'string' }, 'class-tiers': { type: 'string' },
      json: { type: 'boolean' }, 'per-node': { type: 'boolean' }, geojson: { type: 'string' }, out: { type: 'string' },
    });
    if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}" (network files go after --network)`);
    if (!values.posts) throw new InputError('--posts: expected a posts CSV file or a proposal (optimize --out)');
    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'run-directory' }, { flag: '--geojson', path: values.geojson, kind: 'file' }]);
    // A proposal (optimize --out) brings its network and tiers: used unless flags give others.
    const prop = /\.json$/i.test(values.posts) ? readProposal(values.posts) : undefined;
    const planned = prop ? proposalTiers(prop) : [];
    const tiers = values.targets === undefined && values.units === undefined && planned.length ? planned : tiersFromFlags(values.targets, values.units);
    if (prop && !values.network && !prop.network) throw new InputError(`--network: ${values.posts} was planned on a cost table; give the network its ids are nodes of`);
    const classTiers = values['class-tiers'] ? readClassTiers(values['class-tiers']) : undefined;

    progress('loading network...');
    const net = values.network || !prop?.network ? (({ graph, edgeTimeS }) => ({ graph, routing: buildRoutingGraph(graph, edgeTimeS) }))(loadNetworkFromFlags(values)) : loadProposalNetwork(prop.network);
    const graph = net.graph;
    const rg = net.routing;
    if (prop) progress(`posts of the proposal ${values.posts}${values.network ? '' : ' on the network it was planned on'}${tiers === planned ? ', against the tiers it was planned for' : ''}`);
    const comps = stronglyConnectedComponents(graph);
    const placer = placerFromFlags(values, graph);
    const columns = { lat: values['lat-col'], lon: values['lon-col'] };
    const posts = prop
      ? proposalPosts(prop, graph, values.posts).map((p, i) => ({ ...p, snapDistanceM: 0, line: i + 1 }))
      : parsePostsCsv(readInputText(values.posts, 'posts file'), values.posts, placer, columns);
    for (const p of posts) if (!placer.inLargestComponent(p.node)) progress(`warning: ${values.posts}${prop ? `: /posts/${p.line - 1}` : `:${p.line}`}: post ${p.id} (node ${graph.nodeIds[p.node]}) is outside the largest strongly connected part of the network; its units can't reach all of it`);
    let demand: DemandPoint[];
    let skipped: SkippedRows = [];
    let rows = graph.nodeCount;
    let maxDemandSnapM = 0;
    if (values.demand) {
      const parsed = parseDemandCsv(readInputText(values.demand, 'demand file'), values.demand, placer, columns);
      demand = parsed.demand;
      skipped = parsed.skipped;
      rows = parsed.rows;
      if (skipped.length) progress(`demand: ${describeRowUse(values.demand, rows, skipped)}`);
      for (const d of parsed.demand) if (d.snapDistanceM > maxDemandSnapM) maxDemandSnapM = d.snapDistanceM;
    } else if (prop) {
      demand = proposalDemand(prop, graph);
    } else {
      demand = Array.from({ length: graph.nodeCount }, (_, node) => ({ node, weight: 1 }));
    }
    if (classTiers) {
      const unknown = Object.keys(classTiers).filter((c) => !demand.some((d) => d.class === c));
      if (unknown.length) progress(`note: --class-tiers names classes with no demand rows: ${unknown.join(', ')}`);
    }
    progress(`evaluating ${posts.length} posts against ${demand.length} demand points...`);
    const result = evaluateCoverage(rg, posts.map((p) => ({ node: p.node, units: p.units })), demand, { tiers, classTiers });

    const outsideWeight = demand.reduce((s, d) => s + (comps.componentOf[d.node] !== 0 ? d.weight : 0), 0);
    const totalWeight = demand.reduce((s, d) => s + d.weight, 0);
    const report = {
      version: VERSION,
      tiers: result.tiers,
      classes: result.classes,
      network: {
        nodes: graph.nodeCount, edges: graph.edgeCount, components: comps.sizes.length, largestComponent: comps.sizes[0] ?? 0,
      },
      posts: {
        count: posts.length, units: posts.reduce((s, p) => s + p.units, 0),
        outsideLargestComponent: posts.filter((p) => comps.componentOf[p.node] !== 0).map((p) => p.id),
        maxSnapDistanceM: round(Math.max(0, ...posts.map((p) => p.snapDistanceM))),
      },
      demand: {
        points: demand.length, totalWeight, rows, skippedRows: skipped.reduce((a, s) => a + s.rows, 0), skipped,
        weightOutsideLargestComponent: outsideWeight,
        shareOutsideLargestComponent: totalWeight > 0 ? outsideWeight / totalWeight : 0,
        maxSnapDistanceM: round(maxDemandSnapM),
      },
      maxSnapM: placer.maxSnapM,
    };
    const perNode = () => nodeArrivals(graph.nodeIds, demand, result);

    if (values.geojson) {
      const nodeWeight = new Float64Array(graph.nodeCount);
      for (const d of demand) nodeWeight[d.node] += d.weight;
      writeOutputFile(values.geojson, JSON.stringify(coverageToGeoJson(graph, tiers, result.nodeArrivalS, result.k, nodeWeight)));
      progress(`wrote ${values.geojson}`);
    }
    if (values.out) {
      const inputs = [...graph.source.files, ...[values['travel-model'], values.posts, values.demand, values['class-tiers']].filter((f): f is string => f !== undefined)];
      writeRunDirectory(values.out, {
        producer: 'coverage', inputHash: inputContentHash(inputs, { tiers, flags: settingsOf(values) }),
        files: { 'network.json': networkJsonText(graph), 'posts.json': postsJsonText(posts), 'coverage.json': coverageJsonText(result, demand) },
      });
      progress(`wrote ${values.out} (network.json, posts.json, coverage.json, run.json)`);
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(values['per-node'] ? { ...report, nodes: perNode() } : report, null, 2)}\n`);
    } else {
      process.stdout.write(formatReport(report, result));
    }
    return 0;
  },
};

function round(v: number): number { return Math.round(v * 10) / 10; }

/** The flags that change the numbers (for the input hash of the run directory). */
function settingsOf(values: Record<string, unknown>): Record<string, unknown> {
  const keys = ['format', 'undirected', 'time-unit', 'all-classes', 'coords', 'response-factor', 'hour', 'lat-col', 'lon-col'];
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}

function nodeArrivals(ids: readonly string[], demand: DemandPoint[], result: CoverageResult) {
  const rows = arrivalRows(result.arrivalS, result.k);
  return demand.map((d, i) => ({ id: ids[d.node], weight: d.weight, ...(d.class !== undefined ? { class: d.class } : {}), arrivalS: rows[i] }));
}

/** A covered share in words: "n/a (no demand weight)" when there is nothing to cover. */
function pct(share: number, totalWeight = 1): string { return totalWeight > 0 ? percent(share) : 'n/a (no demand weight)'; }

function formatReport(report: { tiers: CoverageResult['tiers']; classes: CoverageResult['classes']; network: Record<string, number>; posts: { count: number; units: number; outsideLargestComponent: string[] }; demand: { points: number; totalWeight: number; skippedRows: number; skipped: SkippedRows; shareOutsideLargestComponent: number } }, result: CoverageResult): string {
  const lines = [
    `network: ${report.network.nodes} nodes, ${report.network.edges} edges, largest strongly connected component ${report.network.largestComponent} nodes`,
    `posts: ${report.posts.count} with ${report.posts.units} units${report.posts.outsideLargestComponent.length ? ` (${report.posts.outsideLargestComponent.length} outside the largest component: ${report.posts.outsideLargestComponent.slice(0, 5).join(', ')})` : ''}`,
    `demand: ${report.demand.points} points, weight ${report.demand.totalWeight}${report.demand.skippedRows ? `, ${report.demand.skippedRows} rows skipped (${report.demand.skipped.map((s) => `${s.rows} ${s.reason}`).join(', ')})` : ''}, ${pct(report.demand.shareOutsideLargestComponent, report.demand.totalWeight)} outside the largest component`,
    '',
    'tier              covered share   covered weight / total   points',
    ...result.tiers.map((t) => `${`${t.units} unit${t.units > 1 ? 's' : ''} <= ${t.targetS} s`.padEnd(18)}${pct(t.coveredShare, t.totalWeight).padStart(13)}   ${`${+t.coveredWeight.toFixed(6)} / ${+t.totalWeight.toFixed(6)}`.padStart(22)}   ${t.coveredCount}/${t.count}`),
  ];
  if (result.classes.length > 1 || (result.classes[0] && result.classes[0].name !== 'default')) {
    lines.push('', 'by class:');
    for (const c of result.classes) lines.push(`  ${c.name}: ${c.tiers.map((t) => `${t.units}u<=${t.targetS}s ${pct(t.coveredShare, t.totalWeight)}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
