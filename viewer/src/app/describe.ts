/** Hover text for what is under the cursor: post, key site, unit, incident, cordon point, road node. */
import type { Picked } from './map-view.ts';
import type { RunData } from '../model/run-data.ts';
import { INCIDENT_OUTCOMES } from '../model/run-scene.ts';
import { formatSeconds } from '../model/stats.ts';
import { formatClock, unitStateName } from '../model/timeline.ts';
import type { PostChanges } from '../model/post-moves.ts';
import { siteCircle } from './labels.ts';

const within = (t: { targetS: number; units: number }) => `${t.units} unit${t.units === 1 ? '' : 's'} within ${formatSeconds(t.targetS)}`;

export function describePick(run: RunData, p: Picked, ctx: { outcome: (i: number) => number; changes: PostChanges | null; referenceName?: string; jurisdiction?: 'nearest' | 'balanced' }): string {
  if (p.kind === 'cordon') {
    const c = run.cordon!.closed[p.index];
    const post = run.posts[c.post];
    const lines = [`${run.cordon!.kind === 'contain' ? 'containment' : run.cordon!.kind} point, node ${run.network.nodeIds[c.node]}`, `closed by a unit of post ${post?.id ?? c.post} after ${formatSeconds(c.arrivalS)}`];
    if (c.suspectS !== null) lines.push(`suspect there after ${formatSeconds(c.suspectS)}: ${c.arrivalS <= c.suspectS ? 'in time' : 'TOO LATE'}`);
    return lines.join('\n');
  }
  if (p.kind === 'post') {
    const post = run.posts[p.index];
    const lines = [`post ${post.id}${post.label ? ` (${post.label})` : ''}`, `type ${post.type}, ${post.units} unit${post.units === 1 ? '' : 's'}`, `node ${run.network.nodeIds[post.node]}`];
    const mv = ctx.changes?.moves.find((m) => m.to === p.index);
    if (mv) lines.push(`moved ${Math.round(mv.distanceM)} m from ${ctx.referenceName ?? 'A'}`);
    else if (ctx.changes?.opened.includes(p.index)) lines.push(`new (not in ${ctx.referenceName ?? 'A'})`);
    return lines.join('\n');
  }
  if (p.kind === 'site') {
    const s = run.sites![p.index];
    const tiers = s.tiers.map((t, i) => `${within(t)}: ${s.met[i] ? 'met' : 'MISSED'} (unit ${t.units} after ${formatSeconds(s.arrivalS[t.units - 1] ?? Infinity, Math.max(...s.tiers.map((x) => x.targetS)))})`);
    return [`${s.name}${s.kind ? ` (${s.kind})` : ''}`, `circle ${siteCircle(s)}${s.cls ? `, class ${s.cls}` : ''}`, ...tiers].join('\n');
  }
  if (p.kind === 'unit') {
    const u = run.trace!.units[p.index];
    return `unit ${u.id} (${u.type}) from post ${u.post}\n${unitStateName(p.state)}`;
  }
  if (p.kind === 'incident') {
    const inc = run.trace!.incidents[p.index];
    const cls = inc.cls;
    // trace.json names each class's tiers: met[i] refers to tiers[i].
    const tiers = run.trace!.classes.find((c) => c.name === cls)?.tiers ?? [];
    const lines = [`${cls} incident, ${formatClock(inc.tS)}${inc.tS < run.trace!.warmupS ? ' (warm-up)' : ''}`, `first unit after ${Number.isFinite(inc.firstArrivalS) ? formatSeconds(inc.firstArrivalS) : 'none arrived'}`];
    inc.met.forEach((m, i) => lines.push(`${tiers[i] ? within(tiers[i]) : `tier ${i + 1}`}: ${m ? 'met' : 'missed'}`));
    lines.push(INCIDENT_OUTCOMES[ctx.outcome(p.index)]);
    return lines.join('\n');
  }
  const c = run.coverage;
  const lines = [`node ${run.network.nodeIds[p.index]}`];
  const j = ctx.jurisdiction === 'balanced' ? run.jurisdictions?.balanced : ctx.jurisdiction ? run.jurisdictions?.nearest : undefined;
  if (j) {
    const o = j.owner[p.index];
    lines.push(o >= 0 ? `jurisdiction of post ${run.posts[o]?.id ?? o}, ${formatSeconds(j.timeS[p.index])} from it` : 'no post\'s jurisdiction (no unit arrives)');
  }
  if (c) {
    const horizon = Math.max(...c.tiers.map((t) => t.targetS));
    const d = c.demandNode.indexOf(p.index);
    if (d >= 0) lines.push(`demand weight ${c.demandWeight[d].toPrecision(3)}`);
    const row = c.nodeArrivalS ? c.nodeArrivalS.subarray(p.index * c.k, (p.index + 1) * c.k) : d >= 0 ? c.arrivalS.subarray(d * c.k, (d + 1) * c.k) : null;
    if (row) row.forEach((t, j) => lines.push(`unit ${j + 1}: ${formatSeconds(t, horizon)}`));
    else lines.push('no coverage data at this node');
  }
  return lines.join('\n');
}
