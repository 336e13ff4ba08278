/**
 * `patrolsim report`: one self-contained HTML file for a briefing without a server or a browser at
 * build time. Map(s) as inline SVG, charts as inline SVG, tables, inline CSS; no script, no external
 * URL (the OpenStreetMap attribution is text). Deterministic: the same runs give the same bytes.
 *
 * A comparison (the demo's directory: before/, after/, compare.json) reads: title (the scenario), the
 * before/after table first, both maps side by side with one legend, then per-run compliance, figures
 * and tables. Colour rules are stated in the report itself.
 */
import { join } from 'node:path';
import { InputError } from '../../engine/io/input-error.ts';
import { loadRunDirectory, readRunDirectory } from '../../engine/io/run-directory/run-directory.ts';
import { VERSION } from '../../engine/version.ts';
import type { RunData } from '../src/model/run-data.ts';
import { buildRunScene, coverageTiers, tierTargetsS } from '../src/model/run-scene.ts';
import { createLocalProjection } from '../src/model/projection.ts';
import { arrivalTimeScale, cssColour } from '../src/model/colour-scale.ts';
import { complianceRows, responseTimeSample } from '../src/model/compliance.ts';
import { complianceSvg, DEFAULT_TARGET_SHARE, escapeXml as esc, histogramSvg } from '../src/model/charts.ts';
import { asCompareJson, type CompareJson } from '../../engine/io/run-directory/compare-file.ts';
import { compareTableHeadings, compareTableRows } from '../src/model/compare-table.ts';
import { runFitBounds } from '../src/model/fit-bounds.ts';
import { diffPosts } from '../src/model/post-moves.ts';
import { legendGroups } from '../src/model/legend.ts';
import { legendHtml } from '../src/model/legend-html.ts';
import { formatDuration, formatSeconds, formatShare, histogram, tierLabel } from '../src/model/stats.ts';
import { summaryFigures } from '../src/model/summary-figures.ts';
import { FAIL_MODE_COLOURS } from '../src/model/styles.ts';
import { mapSvg } from './map-svg.ts';

/**
 * Read a run directory from disk through the engine's one reader: refused (an InputError of one line)
 * when incomplete or mixed (no run.json, a file missing or changed, a file run.json does not list);
 * network.json required, the rest optional.
 */
export function readRunDir(dir: string): RunData {
  return loadRunDirectory(dir);
}

/** What a report shows: one run, or two with their comparison. */
export interface ReportInput { runs: RunData[]; compare: CompareJson | null }

/**
 * Read a report's input: a run directory, or a comparison directory (the demo's: a run directory
 * holding the runs before/ and after/ and compare.json), each checked by the engine's reader.
 */
export function readReportInput(dir: string): ReportInput {
  const top = readRunDirectory(dir);
  const lists = (name: string) => top.manifest.files.some((f) => f.name === name);
  if (!lists('network.json') && lists('before/run.json') && lists('after/run.json')) {
    let compare: CompareJson | null = null;
    if (lists('compare.json')) {
      compare = asCompareJson(JSON.parse(top.bytes('compare.json').toString('utf8')));
      if (!compare) throw new InputError(`${dir}/compare.json: expected {before, after} with staticTiers, sitesMet and simulated (as the demo writes)`);
    }
    return { runs: [readRunDir(join(dir, 'before')), readRunDir(join(dir, 'after'))], compare };
  }
  return { runs: [readRunDir(dir)], compare: null };
}

export interface ReportOptions { mapWidthPx?: number; mapHeightPx?: number; targetShare?: number }

export function renderReportHtml(input: ReportInput | RunData, opts: ReportOptions = {}): string {
  const { runs, compare } = 'runs' in input ? input : { runs: [input], compare: null };
  const targetShare = opts.targetShare ?? DEFAULT_TARGET_SHARE;
  const net = runs[0].network;
  const projection = createLocalProjection(net.coordKind, net.nodeX, net.nodeY);
  const scenes = runs.map((r) => buildRunScene(r, projection));
  const boundsM = runFitBounds(runs, scenes);
  const labels = runs.length > 1 ? [`A: ${compare?.before.label ?? runs[0].name}`, `B: ${compare?.after.label ?? runs[1].name}`] : [runs[0].name];
  const figures = runs.map((r) => (r.summary ? summaryFigures(r.summary) : null));
  const scenario = figures.find((f) => f?.scenario)?.scenario ?? runs[0].name;
  const covRun = runs.find((r) => r.coverage);
  const tier = covRun ? coverageTiers(covRun)[0] : undefined;
  const targets = tierTargetsS(covRun ?? runs.find((r) => r.summary) ?? runs[0]);
  const scale = tier ? arrivalTimeScale(targets, tier.targetS) : null;
  const sections: string[] = [];
  const tableRows = (cells: string[][]) => cells.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');

  if (compare && runs.length > 1) {
    sections.push(`<section><h2>Before and after</h2><table class="data compare"><thead><tr><th></th>${[labels[0], labels[1], ...compareTableHeadings(compare).slice(2)].map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead><tbody>
${tableRows(compareTableRows(compare).map((r) => r.map(esc)))}
</tbody></table><p class="note">Static figures from coverage (share of demand weight, arrival &le; target); simulated figures from every replication with warm-up excluded, &plusmn; half the 95 % interval.</p></section>`);
  }

  const w = runs.length > 1 ? (opts.mapWidthPx ?? 470) : (opts.mapWidthPx ?? 900), h = opts.mapHeightPx ?? (runs.length > 1 ? 520 : 640);
  const maps = runs.map((r, i) => mapSvg(r, scenes[i], {
    widthPx: w, heightPx: h, boundsM, title: labels[i], coverage: tier && scale && r.coverage ? { units: tier.units, scale } : null,
    moves: i === 1 ? { from: scenes[0], fromRun: runs[0], changes: diffPosts(runs[0].posts.map((p, k) => ({ node: p.node, x: scenes[0].postXM[k], y: scenes[0].postYM[k] })), r.posts.map((p, k) => ({ node: p.node, x: scenes[1].postXM[k], y: scenes[1].postYM[k] }))) } : undefined,
  }));
  const legend = legendGroups({
    runs, roadMode: tier && scale ? 'time' : 'class', tier, scale, demand: null, demandAlpha: [], demandColour: 0, widthExtraPx: 0.5,
    hasMoves: runs.length > 1, visible: (id) => ['roads', 'sites', 'posts', 'moves'].includes(id),
  });
  sections.push(`<section><h2>${runs.length > 1 ? 'Maps' : 'Map'}</h2><div class="maps">${maps.map((m) => `<div class="map-wrap">${m}</div>`).join('')}</div>
<div class="legend">${legendHtml(legend)}</div></section>`);

  runs.forEach((run, i) => {
    const head = runs.length > 1 ? `<h2>${esc(labels[i])}</h2>` : '';
    const parts: string[] = [];
    const rows = complianceRows(run);
    if (rows.length) {
      parts.push(`<h3>Tier compliance</h3>${complianceSvg(rows, { widthPx: 620, targetShare })}
<table class="data"><thead><tr><th>tier</th><th>share</th><th>95 % interval</th><th>over</th></tr></thead><tbody>
${tableRows(rows.map((r) => [esc(r.label), formatShare(r.share), r.ci95 ? `${formatShare(r.ci95[0])} &ndash; ${formatShare(r.ci95[1])}` : '&ndash;', `${Number.isFinite(r.count) ? r.count.toLocaleString('en') : 'n/a'} ${r.source === 'coverage' ? 'demand points' : 'incidents'}`]))}
</tbody></table>`);
    }
    const f = figures[i];
    if (f) {
      parts.push(`<h3>Simulated response (summary.json)</h3><p>${f.incidents.toLocaleString('en')} incidents scored over ${Number.isFinite(f.replications) ? `${f.replications} replications of ` : ''}${esc(formatDuration(f.horizonS - f.warmupS))}${f.warmupS > 0 ? ` (warm-up ${esc(formatDuration(f.warmupS))} excluded)` : ''}.</p>
<table class="data"><thead><tr><th>class</th><th>incidents</th><th>1st unit median</th><th>1st unit 90th pct</th></tr></thead><tbody>
${tableRows(f.classes.map((c) => [esc(c.name), c.incidents.toLocaleString('en'), formatSeconds(c.firstUnitP50S), formatSeconds(c.firstUnitP90S)]))}</tbody></table>`);
    }
    if (run.sites?.length) {
      parts.push(`<h3>Key sites</h3><table class="data"><thead><tr><th>site</th><th>class</th><th>tiers</th><th>status</th></tr></thead><tbody>
${tableRows(run.sites.map((s) => [esc(s.name), esc(s.cls ?? ''), esc(s.tiers.map((t, k) => `${tierLabel(t.targetS, t.units)} (${formatSeconds(s.arrivalS[t.units - 1] ?? Infinity, Math.max(...s.tiers.map((x) => x.targetS)))}): ${s.met[k] ? 'met' : 'missed'}`).join('; ')), s.met.every(Boolean) ? 'met' : '<b>missed</b>']))}</tbody></table>`);
    }
    if (run.posts.length) {
      parts.push(`<h3>Posts</h3><table class="data"><thead><tr><th>post</th><th>type</th><th>units</th><th>node</th></tr></thead><tbody>
${tableRows(run.posts.map((p) => [esc(p.label ? `${p.id} (${p.label})` : p.id), esc(p.type), String(p.units), esc(run.network.nodeIds[p.node])]))}
</tbody></table>`);
    }
    if (run.summary?.units.length) {
      parts.push(`<h3>Unit utilisation</h3><table class="data"><thead><tr><th>unit</th><th>utilisation</th></tr></thead><tbody>
${tableRows(run.summary.units.map((u) => [esc(u.id), formatShare(u.utilisation)]))}</tbody></table>`);
    }
    if (parts.length) sections.push(`<section>${head}${parts.join('\n')}</section>`);
  });

  // Response times: one x and y scale for every run, so the histograms compare.
  const samples = runs.map((r) => responseTimeSample(r));
  if (samples.some((s) => s.valuesS.length) && scale) {
    const maxS = Math.max(300, ...targets) * 2;
    const hs = samples.map((s) => histogram(s.valuesS, maxS / 40, maxS));
    const yMax = Math.max(0, ...hs.map((x) => Math.max(x.overflow, ...x.counts)));
    const firstScale = arrivalTimeScale(targets, targets[0]);
    sections.push(`<section><h2>Response times</h2>${samples.map((s, i) => (s.valuesS.length ? `<h3>${esc(labels[i])}</h3><p class="note">${esc(s.what)}. The figures above come from summary.json; this histogram is what the replay shows.</p>${histogramSvg(hs[i], { widthPx: 620, heightPx: 200, scale: firstScale, markersS: targets, yMax })}` : '')).join('')}</section>`);
  }

  sections.push(`<section><h2>How to read the colours</h2><ul class="note">
<li>Roads are coloured by the arrival time of the unit the chosen tier counts${tier ? ` (${esc(tierLabel(tier.targetS, tier.units))})` : ''}, cut where the time crosses a tier target: blues meet the tier (darker is faster), oranges miss it (darker is later). The breaks are the run's own tier targets; "&gt; ${esc(formatSeconds(targets[targets.length - 1] ?? NaN))}" means no unit within the largest target, where the search stops.</li>
<li>Covered means arrival time &le; target, everywhere in this report.</li>
<li>The viewer's "fails the standard" mode greys what meets the tier and marks what misses it in one colour (${cssColour(FAIL_MODE_COLOURS.fail)}).</li>
<li>Compliance bars: blue when the share meets the target of ${formatShare(targetShare, 0)} (its 95 % interval, when known, lies at or above it), orange when it misses it (the interval lies below), grey when the interval straddles the target. The dashed line is the target.</li>
<li>Key sites: a blue target when every tier of the site's circle is met, orange when one is missed. Arrows run from a post's old place (hollow) to its new one.</li>
<li>Palettes keep every pair of categories at least 12 CIEDE2000 apart for normal vision and simulated deuteranopia and protanopia; post types and unit states also differ in shape.</li>
</ul></section>`);

  const facts = [
    `${net.nodeIds.length.toLocaleString('en')} nodes, ${net.edgeFrom.length.toLocaleString('en')} road links`,
    ...runs.map((r, i) => `${runs.length > 1 ? `${esc(labels[i])}: ` : ''}${r.posts.length} posts, ${r.posts.reduce((a, p) => a + p.units, 0)} units`),
    ...(runs[0].summary?.seed !== undefined ? [`seed ${esc(String(runs[0].summary.seed))}`] : []),
  ];
  const subtitle = runs.length > 1 ? `${esc(labels[0])} and ${esc(labels[1])}` : esc(labels[0]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(scenario)}: patrol deployment briefing</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; color: #222; max-width: 1000px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 2px; } .subtitle { font-size: 15px; margin: 0 0 4px; color: #333; }
h2 { font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 2px; margin-top: 28px; } h3 { font-size: 14px; margin: 16px 0 4px; }
.facts { color: #555; } .maps { display: flex; gap: 12px; flex-wrap: wrap; } .map-wrap svg { max-width: 100%; height: auto; border: 1px solid #ccc; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 28px; margin-top: 8px; } .legend h3 { font-size: 12px; margin: 6px 0 2px; }
.legend-item { display: flex; align-items: center; gap: 6px; font-size: 12px; } .hint { color: #666; font-size: 11px; max-width: 320px; }
table.data { border-collapse: collapse; margin-top: 8px; } table.data td, table.data th { border-bottom: 1px solid #eee; padding: 2px 10px 2px 0; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .note, footer { color: #666; font-size: 12px; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
</style></head>
<body>
<h1>${esc(scenario)}</h1>
<p class="subtitle">Patrol deployment briefing: ${subtitle}</p>
<p class="facts">${facts.join(' &middot; ')}</p>
${sections.join('\n')}
<footer><p>patrolsim ${esc(VERSION)}. ${net.attribution ? `Road data ${esc(net.attribution)}.` : ''}</p></footer>
</body></html>
`;
}
