/** The side panel: run facts, tier compliance, response-time distribution, legends and controls. */
import { complianceRows, responseTimeSample } from '../model/compliance.ts';
import { complianceSvg, escapeXml as esc, histogramSvg } from '../model/charts.ts';
import { cssColour, type ThresholdScale } from '../model/colour-scale.ts';
import { formatSeconds, histogram, quantile } from '../model/stats.ts';
import type { RunData } from '../model/run-data.ts';
import { INCIDENT_OUTCOMES } from '../model/run-scene.ts';
import { INCIDENT_OUTCOME_COLOURS, POST_STYLES, UNIT_STATE_COLOURS } from '../model/styles.ts';
import { UNIT_STATES } from '../model/timeline.ts';
import { tierTargetsS } from '../model/run-scene.ts';

export function runSummaryHtml(run: RunData, scale: ThresholdScale): string {
  const net = run.network;
  const rows = complianceRows(run);
  const sample = responseTimeSample(run);
  const targets = tierTargetsS(run);
  const maxS = Math.max(600, (targets[targets.length - 1] ?? 300) * 2);
  const h = histogram(sample.valuesS, 30, maxS);
  const facts = [
    ['nodes / road links', `${net.nodeIds.length.toLocaleString('en')} / ${net.edgeFrom.length.toLocaleString('en')}`],
    ['posts / units', `${run.posts.length} / ${run.posts.reduce((a, p) => a + p.units, 0)}`],
    ...(run.trace ? [['simulated incidents', String(run.trace.incidents.length)], ['replay span', `${formatSeconds(run.trace.horizonS - run.trace.warmupS)}`]] : []),
    ...(sample.valuesS.length ? [['median / 90th pct response', `${formatSeconds(quantile(sample.valuesS, 0.5))} / ${formatSeconds(quantile(sample.valuesS, 0.9))}`]] : []),
  ];
  return `<h2>${esc(run.name)}</h2>
<table class="facts">${facts.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${esc(v)}</td></tr>`).join('')}</table>
<h3>Tier compliance</h3>${rows.length ? complianceSvg(rows, { widthPx: 310 }) : '<p>No coverage or simulation results in this run.</p>'}
<h3>Response times</h3><div class="hint">${esc(sample.what)}</div>
${sample.valuesS.length ? histogramSvg(h, { widthPx: 310, heightPx: 140, scale, markersS: targets }) : ''}`;
}

export function legendHtml(run: RunData, scale: ThresholdScale, k: number): string {
  const sw = (c: number) => `<span class="legend-swatch" style="background:${cssColour(c)}"></span>`;
  const bands = scale.breaks.map((b, i) => `${sw(scale.colours[i])}${i === 0 ? '&le; ' : `${formatSeconds(scale.breaks[i - 1])} &ndash; `}${formatSeconds(b)}`);
  bands.push(`${sw(scale.colours[scale.colours.length - 1])}&gt; ${formatSeconds(scale.breaks[scale.breaks.length - 1] ?? 0)} or none`);
  const types = [...new Set(run.posts.map((p) => p.type))].map((t) => `${sw((POST_STYLES[t] ?? POST_STYLES.post).color)}${esc(t)}`);
  return `<h3>Coverage: time for unit ${k} to arrive</h3><div>${bands.join('<br>')}</div>
${types.length ? `<h3>Posts</h3><div>${types.join(' ')}</div>` : ''}
${run.trace ? `<h3>Units</h3><div>${UNIT_STATES.map((s, i) => `${sw(UNIT_STATE_COLOURS[i])}${s}`).join(' ')}</div>
<h3>Incidents</h3><div>${INCIDENT_OUTCOMES.map((s, i) => `${sw(INCIDENT_OUTCOME_COLOURS[i])}${s}`).join('<br>')}</div>` : ''}`;
}
