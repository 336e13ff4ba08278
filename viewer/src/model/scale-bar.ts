/** A scale bar of a round length (1, 2 or 5 x 10^n metres) no longer than the space it may take. */
export interface ScaleBar { lengthM: number; widthPx: number; label: string }

/**
 * @example
 * scaleBar(0.05, 120) // { lengthM: 2000, widthPx: 100, label: '2 km' }
 */
export function scaleBar(pxPerM: number, maxWidthPx: number): ScaleBar {
  if (!(pxPerM > 0) || !(maxWidthPx > 0)) throw new Error(`scaleBar needs positive pxPerM and maxWidthPx, got ${pxPerM}, ${maxWidthPx}`);
  const maxM = maxWidthPx / pxPerM;
  let best = 0;
  for (let e = Math.floor(Math.log10(maxM)) - 1; e <= Math.ceil(Math.log10(maxM)); e++) {
    for (const m of [1, 2, 5]) { const v = m * 10 ** e; if (v <= maxM * (1 + 1e-9) && v > best) best = v; }
  }
  const lengthM = Number(best.toPrecision(6));
  return { lengthM, widthPx: lengthM * pxPerM, label: lengthM >= 1000 ? `${Number((lengthM / 1000).toPrecision(6))} km` : `${Number(lengthM.toPrecision(6))} m` };
}
