/**
 * The replay timeline under the maps: the slider spans what the trace records, [0, untilS], greyed over
 * the warm-up, and opens at the end of the warm-up; play/pause (also the space bar) and the speed.
 * While playing, the maps move every frame but the clock, slider and time chip update at most ten
 * times a second (each update repaints page regions: the frame budget belongs to the maps).
 */
import { formatClock, type Playback } from '../model/timeline.ts';
import { replayLabel, replayStartS } from '../model/replay.ts';
import type { TraceData } from '../model/run-data.ts';
import type { MapView } from './map-view.ts';

const SPEEDS = [1, 10, 60, 300, 1800];

export function attachReplayControls(playback: Playback, trace: TraceData, views: readonly MapView[], drawTime: () => void): { showTime(fromLoop?: boolean): void } {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const scrub = $<HTMLInputElement>('scrub'), clock = $('clock'), playBtn = $<HTMLButtonElement>('play'), speedSel = $<HTMLSelectElement>('speed');
  let lastClockMs = -Infinity;
  const showTime = (fromLoop = false) => {
    views.forEach((v) => v.setTime(playback.timeS));
    const now = performance.now();
    if (fromLoop && playback.playing && now - lastClockMs < 100) return;
    lastClockMs = now;
    scrub.value = String(Math.round(playback.timeS));
    clock.textContent = formatClock(playback.timeS);
    playBtn.textContent = playback.playing ? 'Pause' : 'Play';
    drawTime();
  };
  $('timeline').hidden = false;
  $('replay-label').textContent = replayLabel(trace);
  scrub.min = String(Math.floor(playback.startS)); scrub.max = String(Math.ceil(playback.endS));
  const warmShare = playback.endS > 0 ? Math.min(1, trace.warmupS / playback.endS) : 0;
  scrub.style.background = `linear-gradient(to right, #ddd 0 ${(warmShare * 100).toFixed(2)}%, transparent ${(warmShare * 100).toFixed(2)}%)`;
  scrub.title = trace.warmupS > 0 ? `grey: warm-up (${formatClock(trace.warmupS)}), not counted in the figures` : '';
  playback.seek(replayStartS(trace));
  speedSel.innerHTML = SPEEDS.map((s) => `<option value="${s}"${s === playback.speed ? ' selected' : ''}>x${s}</option>`).join('');
  speedSel.addEventListener('change', () => playback.setSpeed(Number(speedSel.value)));
  const renderAll = () => views.forEach((v) => v.render());
  playBtn.addEventListener('click', () => { if (playback.playing) playback.pause(); else playback.play(); showTime(); renderAll(); });
  scrub.addEventListener('input', () => { playback.seek(Number(scrub.value)); showTime(); renderAll(); });
  window.addEventListener('keydown', (e) => { if (e.code === 'Space' && e.target === document.body) { e.preventDefault(); playBtn.click(); } });
  showTime();
  return { showTime };
}
