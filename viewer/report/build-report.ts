/**
 * `patrolsim report`: one self-contained HTML file for a briefing without a server or a browser at
 * build time. Map as inline SVG, charts as inline SVG, tables, inline CSS; no script, no external URL
 * (the OpenStreetMap attribution is text). Deterministic: the same run gives the same bytes.
 */
import { loadRunDirectory } from '../../engine/io/run-directory/run-directory.ts';
import { VERSION } from '../../engine/version.ts';
import type { RunData } from '../src/model/run-data.ts';
import { buildRunScene, tierTargetsS, INCIDENT_OUTCOMES } from '../src/model/run-scene.ts';
import { arrivalTimeScale, cssColour } from '../src/model/colour-scale.ts';
import { complianceRows, responseTimeSample } from '../src/model/compliance.ts';
import { complianceSvg, escapeXml as esc, histogramSvg } from '../src/model/charts.ts';
import { formatSeconds, formatShare, histogram, quantile } from '../src/model/stats.ts';
import { INCIDENT_OUTCOME_COLOURS, POST_STYLES } from '../src/model/styles.ts';
import { mapSvg } from './map-svg.ts';

/**
 * Read a run directory from disk through the engine's one reader: refused (an InputError of one line)
 * when incomplete or mixed (no run.json, a file missing or changed, a file run.json does not list);
 * network.json required, the rest optional.
 */
export function readRunDir(dir: string): RunData {
  return loadRunDirectory(dir);
}

export function renderReportHtml(run: RunData, opts: { mapWidthPx?: number; mapHeightPx?: number } = {}): string {
  const scene = buildRunScene(run);
  const scale = arrivalTimeScale(tierTargetsS(run));
  const rows = complianceRows(run);
  const sample = responseTimeSample(run);
  const targets = tierTargetsS(run);
  const h = histogram(sample.valuesS, 30, Math.max(600, (targets[targets.length - 1] ?? 300) * 2));
  const net = run.network;
  const sw = (c: number) => `<span class="sw" style="background:${cssColour(c)}"></span>`;
  const legend = [
    ...scale.breaks.map((b, i) => `${sw(scale.colours[i])}${i === 0 ? '&le; ' : `${formatSeconds(scale.breaks[i - 1])} &ndash; `}${formatSeconds(b)}`),
    `${sw(scale.colours[scale.colours.length - 1])}later or never`,
  ];
  const postTypes = [...new Set(run.posts.map((p) => p.type))].map((t) => `${sw((POST_STYLES[t] ?? POST_STYLES.post).color)}${esc(t)}`);
  const tableRows = (cells: string[][]) => cells.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  const sections: string[] = [];
  sections.push(`<section><h2>Map</h2><div class="map-wrap">${mapSvg(run, scene, { widthPx: opts.mapWidthPx ?? 900, heightPx: opts.mapHeightPx ?? 640 })}</div>
<p class="legend"><b>Time for the first unit to arrive:</b> ${legend.join(' ')}${postTypes.length ? ` &nbsp; <b>Posts:</b> ${postTypes.join(' ')}` : ''}${run.trace?.incidents.length ? ` &nbsp; <b>Incidents:</b> ${INCIDENT_OUTCOMES.map((o, i) => `${sw(INCIDENT_OUTCOME_COLOURS[i])}${o}`).join(' ')}` : ''}</p></section>`);
  if (rows.length) {
    sections.push(`<section><h2>Tier compliance</h2>${complianceSvg(rows, { widthPx: 560 })}
<table class="data"><thead><tr><th>tier</th><th>share</th><th>over</th></tr></thead><tbody>
${tableRows(rows.map((r) => [esc(r.label), formatShare(r.share), `${Number.isFinite(r.count) ? r.count : 'n/a'} ${r.source === 'coverage' ? 'demand points' : 'incidents'}`]))}
</tbody></table><p class="note">Covered means the arrival time is at most the target (arrival &le; T).</p></section>`);
  }
  if (run.summary?.classes.some((c) => c.tiers.some((t) => t.ci95))) {
    sections.push(`<section><h2>Simulated compliance with 95 % intervals</h2><table class="data"><thead><tr><th>class / tier</th><th>met</th><th>95 % interval</th></tr></thead><tbody>
${tableRows(run.summary.classes.flatMap((c) => c.tiers.map((t) => [`${esc(c.name)}: ${t.units} within ${formatSeconds(t.targetS)}`, formatShare(t.metShare), t.ci95 ? `${formatShare(t.ci95[0])} &ndash; ${formatShare(t.ci95[1])}` : 'n/a'])))}
</tbody></table></section>`);
  }
  if (sample.valuesS.length) {
    sections.push(`<section><h2>Response times</h2><p>${esc(sample.what)}: median ${formatSeconds(quantile(sample.valuesS, 0.5))}, 90th percentile ${formatSeconds(quantile(sample.valuesS, 0.9))} (n = ${sample.valuesS.length}).</p>
${histogramSvg(h, { widthPx: 560, heightPx: 200, scale, markersS: targets })}</section>`);
  }
  if (run.posts.length) {
    sections.push(`<section><h2>Posts</h2><table class="data"><thead><tr><th>post</th><th>type</th><th>units</th><th>node</th></tr></thead><tbody>
${tableRows(run.posts.map((p) => [esc(p.label ? `${p.id} (${p.label})` : p.id), esc(p.type), String(p.units), esc(net.nodeIds[p.node])]))}
</tbody></table></section>`);
  }
  if (run.summary?.units.length) {
    sections.push(`<section><h2>Unit utilisation</h2><table class="data"><thead><tr><th>unit</th><th>utilisation</th></tr></thead><tbody>
${tableRows(run.summary.units.map((u) => [esc(u.id), formatShare(u.utilisation)]))}</tbody></table></section>`);
  }
  if (run.compare) {
    const keys = [...new Set([...Object.keys(run.compare.before), ...Object.keys(run.compare.after)])];
    const cell = (v: unknown) => esc(typeof v === 'number' ? (Math.abs(v) <= 1 && !Number.isInteger(v) ? formatShare(v) : String(v)) : typeof v === 'string' ? v : JSON.stringify(v) ?? '');
    sections.push(`<section><h2>Before and after</h2><table class="data"><thead><tr><th></th><th>before</th><th>after</th></tr></thead><tbody>
${tableRows(keys.map((k) => [esc(k), cell(run.compare!.before[k]), cell(run.compare!.after[k])]))}</tbody></table></section>`);
  }
  const facts = [
    `${net.nodeIds.length.toLocaleString('en')} nodes, ${net.edgeFrom.length.toLocaleString('en')} road links`,
    `${run.posts.length} posts, ${run.posts.reduce((a, p) => a + p.units, 0)} units`,
    ...(run.trace ? [`${run.trace.incidents.length} simulated incidents over ${formatSeconds(run.trace.horizonS - run.trace.warmupS)}`] : []),
    ...(run.summary?.seed !== undefined ? [`seed ${esc(String(run.summary.seed))}`] : []),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>patrolsim report: ${esc(run.name)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; color: #222; max-width: 960px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 2px; margin-top: 28px; }
.facts { color: #555; } .map-wrap svg { max-width: 100%; height: auto; border: 1px solid #ccc; }
.sw { display: inline-block; width: 11px; height: 11px; margin: 0 3px 0 8px; vertical-align: middle; border: 1px solid #0003; }
table.data { border-collapse: collapse; margin-top: 8px; } table.data td, table.data th { border-bottom: 1px solid #eee; padding: 2px 10px 2px 0; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .note, footer { color: #666; font-size: 12px; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
</style></head>
<body>
<h1>Patrol deployment briefing: ${esc(run.name)}</h1>
<p class="facts">${facts.join(' &middot; ')}</p>
${sections.join('\n')}
<footer><p>patrolsim ${esc(VERSION)}. ${net.attribution ? `Road data ${esc(net.attribution)}.` : ''}</p></footer>
</body></html>
`;
}
