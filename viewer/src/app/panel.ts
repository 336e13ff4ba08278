/**
 * The side panel's content as HTML strings: controls, the legend, the comparison table, and per run
 * the headline figures (summary.json and coverage.json only), tier compliance and the replay's
 * response-time histogram (labelled as the replay it is).
 */
import { complianceRows, responseTimeSample } from '../model/compliance.ts';
import { complianceSvg, escapeXml as esc, histogramSvg } from '../model/charts.ts';
import type { ThresholdScale } from '../model/colour-scale.ts';
import type { CompareRow } from '../model/compare-table.ts';
import { formatDuration, formatSeconds, formatShare, histogram, tierLabel, type Histogram } from '../model/stats.ts';
import type { RunData } from '../model/run-data.ts';
import { summaryFigures } from '../model/summary-figures.ts';
import type { ReplayOptions } from '../model/replay.ts';
import { siteMet } from './map-layers.ts';

export interface ResponseHistogram { h: Histogram; what: string; targetsS: number[] }

/** Response-time histograms of several runs on one x range (bins of 10 s up to twice the largest target). */
export function responseHistograms(runs: readonly RunData[], targetsS: readonly number[], o: ReplayOptions): ResponseHistogram[] {
  const maxS = Math.max(300, ...targetsS) * 2;
  return runs.map((run) => { const s = responseTimeSample(run, o); return { h: histogram(s.valuesS, maxS / 40, maxS), what: s.what, targetsS: [...targetsS] }; });
}

const row = (k: string, v: string) => `<tr><td>${esc(k)}</td><td class="num">${esc(v)}</td></tr>`;

export function runSummaryHtml(run: RunData, label: string, hist: ResponseHistogram | null, histScale: ThresholdScale | null, yMax: number, targetShare: number): string {
  const net = run.network;
  const facts: [string, string][] = [
    ['nodes / road links', `${net.nodeIds.length.toLocaleString('en')} / ${net.edgeFrom.length.toLocaleString('en')}`],
    ['posts / units', `${run.posts.length} / ${run.posts.reduce((a, p) => a + p.units, 0)}`],
  ];
  let sim = '';
  if (run.summary) {
    const f = summaryFigures(run.summary);
    const span = Number.isFinite(f.horizonS) ? `${Number.isFinite(f.replications) ? `${f.replications} replications of ` : ''}${formatDuration(f.horizonS - (f.warmupS || 0))}` : '';
    facts.push(['incidents scored', f.incidents.toLocaleString('en')]);
    sim = `<h3>Simulated (summary.json)</h3><div class="hint">${esc(span)}${f.warmupS > 0 ? `, warm-up ${esc(formatDuration(f.warmupS))} excluded` : ''}; every replication counted.</div>
<table class="figures"><tr><th>class</th><th>incidents</th><th>1st unit median / p90</th></tr>
${f.classes.map((c) => `<tr><td>${esc(c.name)}</td><td class="num">${c.incidents.toLocaleString('en')}</td><td class="num">${esc(formatSeconds(c.firstUnitP50S))} / ${esc(formatSeconds(c.firstUnitP90S))}</td></tr>`).join('')}</table>`;
  }
  if (run.sites?.length) facts.push(['key sites meeting their circle', `${run.sites.filter(siteMet).length} / ${run.sites.length}`]);
  const rows = complianceRows(run);
  return `<section class="run-summary" data-run="${esc(run.name)}"><h2>${esc(label)}</h2>
<table class="facts">${facts.map(([k, v]) => row(k, v)).join('')}</table>
${sim}
<h3>Tier compliance</h3>${rows.length ? complianceSvg(rows, { widthPx: 310, targetShare }) : '<p>No coverage or simulation results in this run.</p>'}
<div class="hint">coverage: share of demand weight (coverage.json); classes: share of simulated incidents (summary.json), whisker = 95 % interval. Blue: meets the ${formatShare(targetShare, 0)} target; orange: misses it; grey: the interval straddles it.</div>
${hist && hist.h.total ? `<h3>Response times</h3><div class="hint replay-label">${esc(hist.what)}</div>${histScale ? histogramSvg(hist.h, { widthPx: 310, heightPx: 140, scale: histScale, markersS: hist.targetsS, yMax }) : ''}` : ''}
</section>`;
}

/** The comparison table: `labels` are the column headings (one per value cell of a row). */
export function compareTableHtml(rows: readonly CompareRow[], labels: readonly string[]): string {
  return `<section class="compare"><h2>Before and after</h2><table class="compare-table"><thead><tr><th></th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead><tbody>
${rows.map(([k, ...cells]) => `<tr><td>${esc(k)}</td>${labels.map((_l, i) => `<td class="num">${esc(cells[i] ?? '')}</td>`).join('')}</tr>`).join('')}
</tbody></table><div class="hint">From compare.json (static coverage and every simulated replication).</div></section>`;
}

export interface ControlState {
  layers: { id: string; label: string; checked: boolean }[];
  roadModes: { value: string; label: string }[];
  roadMode: string;
  tiers: { targetS: number; units: number }[];
  tierIndex: number;
  compareMode: 'side' | 'swipe' | null;
  replay: ReplayOptions | null;
  exportScale: number;
}

export const FADE_CHOICES_S = [900, 3600, 4 * 3600, Infinity];

export function controlsHtml(s: ControlState): string {
  const sel = (id: string, opts: { value: string; label: string }[], v: string) => `<select id="${id}">${opts.map((o) => `<option value="${esc(o.value)}"${o.value === v ? ' selected' : ''}>${esc(o.label)}</option>`).join('')}</select>`;
  return `<div class="controls">
<div class="layer-toggles">${s.layers.map((l) => `<label><input type="checkbox" data-layer="${l.id}"${l.checked ? ' checked' : ''}> ${esc(l.label)}</label>`).join('')}</div>
<label>roads ${sel('road-mode', s.roadModes, s.roadMode)}</label>
${s.tiers.length ? `<label>tier ${sel('tier', s.tiers.map((t, i) => ({ value: String(i), label: tierLabel(t.targetS, t.units) })), String(s.tierIndex))}</label>` : ''}
${s.compareMode ? `<label>compare ${sel('mode', [{ value: 'side', label: 'side by side' }, { value: 'swipe', label: 'swipe' }], s.compareMode)}</label>` : ''}
${s.replay ? `<div><label><input type="checkbox" id="show-warmup"${s.replay.showWarmup ? ' checked' : ''}> warm-up incidents</label>
<label>incidents fade after ${sel('fade', FADE_CHOICES_S.map((f) => ({ value: String(f), label: Number.isFinite(f) ? formatDuration(f) : 'never' })), String(s.replay.fadeS))}</label></div>` : ''}
<div><button id="export" type="button">Export PNG</button> ${sel('export-scale', [{ value: '1', label: '1x' }, { value: '2', label: '2x' }], String(s.exportScale))} <button id="fit" type="button">Fit</button></div>
</div>`;
}
