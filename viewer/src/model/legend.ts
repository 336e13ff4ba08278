/**
 * The legend as data: groups of items, each with the real symbol (line of the road's width, marker
 * shape, hexagon). The side panel renders it as HTML with SVG symbols, the PNG export draws it on the
 * image, and the colour-vision test checks every group's colours.
 */
import { binLabels, type ThresholdScale } from './colour-scale.ts';
import type { HexBins } from './demand-hex.ts';
import type { RunData } from './run-data.ts';
import { INCIDENT_OUTCOMES } from './run-scene.ts';
import { formatSeconds } from './stats.ts';
import {
  CHANGE_COLOURS, CORDON_COLOURS, FAIL_MODE_COLOURS, INCIDENT_OUTCOME_COLOURS, JURISDICTION_BOUNDARY, JURISDICTION_COLOURS, MINOR_ROAD,
  MOVE_COLOUR, MOVE_KIND_COLOURS, POST_STYLES, ROAD_STYLES, SITE_COLOURS, UNIT_STATE_STYLES, postStyle, type MarkerShape,
} from './styles.ts';
import { UNIT_STATES } from './timeline.ts';

export type Swatch =
  | { kind: 'line'; color: number; widthPx: number }
  | { kind: 'marker'; shape: MarkerShape; color: number; radiusPx: number; stroke?: number; strokeWidthPx?: number; alpha?: number }
  | { kind: 'hex'; color: number; alpha: number }
  | { kind: 'arrow'; color: number };

export interface LegendItem { label: string; swatch: Swatch }
export interface LegendGroup {
  id: string;
  title: string;
  items: LegendItem[];
  /** Whether the group's colours are categories that must stay apart (checked for colour vision). */
  categorical: boolean;
  note?: string;
}

export interface LegendState {
  /** The runs on show (the legend covers what any of them draws). */
  runs: readonly RunData[];
  roadMode: 'class' | 'time' | 'fail' | 'change' | 'jurisdiction';
  /** Jurisdiction colouring: which assignment, and the colour index of every post (of the last run). */
  jurisdiction?: { which: 'nearest' | 'balanced'; postColour: Int32Array | null };
  /** The plan layout drawn at the replay time ("block "peak" 17-22 h"), when the run has a plan. */
  planLayout?: string;
  tier?: { targetS: number; units: number };
  scale: ThresholdScale | null;
  demand: HexBins | null;
  demandAlpha: readonly number[];
  demandColour: number;
  widthExtraPx: number;
  hasMoves: boolean;
  visible: (layer: string) => boolean;
}

const unitsWord = (k: number) => (k === 1 ? '1st unit' : k === 2 ? '2nd unit' : k === 3 ? '3rd unit' : `${k}th unit`);

export function legendGroups(s: LegendState): LegendGroup[] {
  const groups: LegendGroup[] = [];
  const run = s.runs[s.runs.length - 1];
  const anyRun = (f: (r: RunData) => boolean) => s.runs.some(f);
  if (s.visible('roads')) {
    if ((s.roadMode === 'time' || s.roadMode === 'fail') && s.scale && s.tier) {
      const horizon = s.scale.breaks[s.scale.breaks.length - 1];
      const labels = binLabels(s.scale, (v) => formatSeconds(v));
      groups.push({
        id: 'coverage', categorical: true,
        title: s.roadMode === 'time'
          ? `Time for the ${unitsWord(s.tier.units)} to arrive (tier: ${s.tier.units} within ${formatSeconds(s.tier.targetS)})`
          : `Fails the standard: ${s.tier.units} unit${s.tier.units === 1 ? '' : 's'} within ${formatSeconds(s.tier.targetS)}`,
        items: s.roadMode === 'time'
          ? s.scale.colours.map((c, i) => ({ label: labels[i], swatch: { kind: 'line', color: c, widthPx: 4 } }))
          : [{ label: 'meets it', swatch: { kind: 'line', color: FAIL_MODE_COLOURS.pass, widthPx: 4 } }, { label: 'misses it', swatch: { kind: 'line', color: FAIL_MODE_COLOURS.fail, widthPx: 4 } }],
        note: `Covered means arrival <= target. "> ${formatSeconds(horizon)}": no unit within the largest target (the search stops there).`,
      });
    } else if (s.roadMode === 'jurisdiction' && s.jurisdiction) {
      const pc = s.jurisdiction.postColour;
      const ids = (c: number) => run.posts.filter((_, p) => pc?.[p] === c).map((p) => p.id);
      const list = (names: string[]) => (names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`);
      groups.push({
        id: 'jurisdictions', categorical: true,
        title: `Jurisdictions (${s.jurisdiction.which === 'balanced' ? 'balanced workload' : 'nearest post'})`,
        items: [
          ...JURISDICTION_COLOURS.map((c, i) => ({ label: pc ? list(ids(i)) : `colour ${i + 1}`, swatch: { kind: 'line' as const, color: c, widthPx: 4 } })).filter((it) => it.label !== ''),
          { label: 'boundary between two posts', swatch: { kind: 'line', color: JURISDICTION_BOUNDARY, widthPx: 4 } },
          { label: 'no unit arrives', swatch: { kind: 'line', color: MINOR_ROAD.color, widthPx: 4 } },
        ],
        note: 'Each node belongs to one post; a road takes its post\'s colour. Six colours, repeated so that neighbours differ.',
      });
    } else if (s.roadMode === 'change' && s.tier) {
      groups.push({
        id: 'change', categorical: true,
        title: `Coverage change, B against A: ${s.tier.units} unit${s.tier.units === 1 ? '' : 's'} within ${formatSeconds(s.tier.targetS)}`,
        items: [
          { label: 'gained', swatch: { kind: 'line', color: CHANGE_COLOURS.gained, widthPx: 4 } },
          { label: 'lost', swatch: { kind: 'line', color: CHANGE_COLOURS.lost, widthPx: 4 } },
          { label: 'unchanged', swatch: { kind: 'line', color: CHANGE_COLOURS.unchanged, widthPx: 4 } },
        ],
      });
    }
    const present = new Set(s.runs.flatMap((r) => r.network.classNames).map((c) => ROAD_STYLES.find((r) => r.match.test(c))?.name ?? MINOR_ROAD.name));
    const roads = [...ROAD_STYLES, MINOR_ROAD].filter((r) => present.has(r.name));
    groups.push({
      id: 'roads', categorical: s.roadMode === 'class',
      title: s.roadMode === 'class' ? 'Roads' : 'Road classes (line width)',
      items: roads.map((r) => ({ label: r.name, swatch: { kind: 'line', color: s.roadMode === 'class' ? r.color : 0x777777, widthPx: r.widthPx + (s.roadMode === 'class' ? 0 : s.widthExtraPx) } })),
    });
  }
  if (s.visible('demand') && s.demand && s.demand.weight.length) {
    const b = s.demand.classBreaks, fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toPrecision(2));
    groups.push({
      id: 'demand', categorical: false,
      title: `Demand weight per hexagon (${formatMetres(s.demand.radiusM * Math.sqrt(3))} across)`,
      items: [`<= ${fmt(b[0])}`, `${fmt(b[0])} - ${fmt(b[1])}`, `${fmt(b[1])} - ${fmt(b[2])}`, `> ${fmt(b[2])}`].map((label, i) => ({ label, swatch: { kind: 'hex', color: s.demandColour, alpha: s.demandAlpha[i] } })),
      note: 'Quartiles of the bins\' summed demand weight (coverage.json demand).',
    });
  }
  if (s.visible('sites') && anyRun((r) => !!r.sites?.length)) {
    groups.push({
      id: 'sites', categorical: true, title: 'Key sites (their response circle)',
      items: [
        { label: 'every tier of its circle met', swatch: { kind: 'marker', shape: 'target', color: SITE_COLOURS.met, radiusPx: 8 } },
        { label: 'a tier missed', swatch: { kind: 'marker', shape: 'target', color: SITE_COLOURS.missed, radiusPx: 8 } },
      ],
    });
  }
  if (s.visible('posts') && anyRun((r) => r.posts.length > 0)) {
    const types = [...new Set(s.runs.flatMap((r) => r.posts.map((p) => p.type)))].sort((a, b) => orderOf(a) - orderOf(b) || a.localeCompare(b));
    groups.push({
      id: 'posts', categorical: true, title: 'Posts',
      items: types.map((t) => { const st = postStyle(t); return { label: POST_STYLES[t] ? t : `${t} (other)`, swatch: { kind: 'marker', shape: st.shape, color: st.color, radiusPx: st.radiusPx, stroke: 0xffffff, strokeWidthPx: 1.5 } }; }),
    });
  }
  if (s.visible('moves') && s.hasMoves) {
    groups.push({
      id: 'moves', categorical: false, title: 'Post moves (A to B)',
      items: [
        { label: 'moved post (arrow from its old place)', swatch: { kind: 'arrow', color: MOVE_COLOUR } },
        { label: 'old place (A)', swatch: { kind: 'marker', shape: 'circle', color: 0xffffff, radiusPx: 6, stroke: MOVE_COLOUR, strokeWidthPx: 1.5 } },
      ],
    });
  }
  if (s.visible('cordon') && anyRun((r) => !!r.cordon)) {
    const cd = s.runs.find((r) => r.cordon)!.cordon!;
    const contain = cd.kind === 'contain';
    groups.push({
      id: 'cordon', categorical: true,
      title: cd.kind === 'blockade' ? 'Blockade of the exits' : cd.kind === 'ring' ? 'Ring around the scene' : 'Containment of a suspect',
      items: ([
        { label: contain ? 'closed before the suspect can be there' : 'closed (label: when its unit is there)', swatch: { kind: 'marker', shape: 'square', color: CORDON_COLOURS.inTime, radiusPx: 5.5, stroke: 0xffffff, strokeWidthPx: 1.5 } },
        // The engine closes a containment point only in time; a late one shows only in a hand-edited file.
        ...(contain && cd.closed.some((c) => c.suspectS !== null && c.arrivalS > c.suspectS) ? [{ label: 'closed too late', swatch: { kind: 'marker' as const, shape: 'square' as const, color: CORDON_COLOURS.late, radiusPx: 5.5, stroke: 0xffffff, strokeWidthPx: 1.5 } }] : []),
        { label: 'exit left open', swatch: { kind: 'marker', shape: 'cross', color: CORDON_COLOURS.open, radiusPx: 6 } },
        { label: 'route of the closing unit', swatch: { kind: 'line', color: CORDON_COLOURS.route, widthPx: 1.6 } },
        { label: contain ? 'where the suspect can still be' : cd.kind === 'ring' ? 'inside the ring' : 'region', swatch: { kind: 'line', color: CORDON_COLOURS.region, widthPx: 7 } },
      ] as LegendItem[]).filter((it) => cd.kind !== 'blockade' || !it.label.startsWith('region')),
      note: contain ? 'Labels: when the unit closes the point, and the earliest the suspect can be there; in time means closed no later.' : 'Labels: when the unit closing the point is there.',
    });
  }
  if (s.visible('plan') && s.planLayout !== undefined) {
    groups.push({
      id: 'plan', categorical: false, title: `Plan: ${s.planLayout}`,
      items: [
        { label: 'post standing elsewhere in this block (from its base place)', swatch: { kind: 'line', color: MOVE_KIND_COLOURS.plan, widthPx: 2.5 } },
        { label: 'unit based at another post in this block', swatch: { kind: 'line', color: MOVE_KIND_COLOURS.plan, widthPx: 1.5 } },
      ],
    });
  }
  if (s.visible('relocations') && anyRun((r) => !!r.trace?.moves.length)) {
    groups.push({
      id: 'relocations', categorical: true, title: 'Moves (replay): from the unit to where it drives',
      items: [
        { label: 'plan move (a block starts or ends)', swatch: { kind: 'line', color: MOVE_KIND_COLOURS.plan, widthPx: 2 } },
        { label: 'move-up (covering for busy units)', swatch: { kind: 'line', color: MOVE_KIND_COLOURS.moveUp, widthPx: 2 } },
      ],
    });
  }
  if (s.visible('units') && anyRun((r) => !!r.trace?.units.length)) {
    groups.push({
      id: 'units', categorical: true, title: 'Units (replay)',
      items: UNIT_STATES.map((name, i) => ({ label: name, swatch: { kind: 'marker', shape: UNIT_STATE_STYLES[i].shape, color: UNIT_STATE_STYLES[i].color, radiusPx: UNIT_STATE_STYLES[i].radiusPx + 1, stroke: 0x222222, strokeWidthPx: 1 } })),
    });
  }
  if (s.visible('incidents') && anyRun((r) => !!r.trace?.incidents.length)) {
    groups.push({
      id: 'incidents', categorical: true, title: 'Incidents (replay)',
      items: INCIDENT_OUTCOMES.map((name, i) => ({ label: name, swatch: { kind: 'marker', shape: 'ring', color: INCIDENT_OUTCOME_COLOURS[i], radiusPx: 7, stroke: 0xffffff, strokeWidthPx: 0.7 } })),
    });
  }
  return groups;
}

const POST_ORDER = ['station', 'kiosk', 'mobile', 'car', 'foot', 'post'];
const orderOf = (t: string) => { const i = POST_ORDER.indexOf(t); return i < 0 ? POST_ORDER.length : i; };

export function formatMetres(m: number): string {
  return m >= 1000 ? `${Number((m / 1000).toPrecision(3))} km` : `${Number(m.toPrecision(3))} m`;
}

/** The colours of a group (for the colour-vision check). */
export function groupColours(g: LegendGroup): number[] {
  return g.items.map((i) => i.swatch.color);
}
