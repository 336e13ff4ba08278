/**
 * Colour difference and colour-vision-deficiency simulation, to check that the viewer's palettes stay
 * readable for the commonest red-green deficiencies.
 *
 * - sRGB (IEC 61966-2-1) to CIE XYZ (D65) to CIELAB (D65 white).
 * - CIEDE2000 colour difference (Sharma, Wu and Dalal 2005, with their test data in the unit test).
 * - Machado, Oliveira and Fernandes (2009) simulation matrices at severity 1.0 (dichromacy),
 *   applied to linear RGB, as the colorspacious and colour-science libraries do.
 *
 * Colours are 0xRRGGBB numbers.
 */
export type Cvd = 'normal' | 'deuteranopia' | 'protanopia' | 'tritanopia';

type M3 = readonly [number, number, number, number, number, number, number, number, number];

/** Machado et al. (2009), Table 1, severity 1.0. */
const MACHADO: Record<Exclude<Cvd, 'normal'>, M3> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

const toLinear = (c: number) => { const v = c / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
const toEncoded = (v: number) => { const c = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055; return Math.round(Math.min(1, Math.max(0, c)) * 255); };

/** The colour as a person with the given deficiency sees it (simulated), as 0xRRGGBB. */
export function simulateCvd(colour: number, cvd: Cvd): number {
  if (cvd === 'normal') return colour & 0xffffff;
  const m = MACHADO[cvd];
  const r = toLinear((colour >> 16) & 255), g = toLinear((colour >> 8) & 255), b = toLinear(colour & 255);
  const R = m[0] * r + m[1] * g + m[2] * b, G = m[3] * r + m[4] * g + m[5] * b, B = m[6] * r + m[7] * g + m[8] * b;
  return (toEncoded(R) << 16) | (toEncoded(G) << 8) | toEncoded(B);
}

export interface Lab { L: number; a: number; b: number }

/** CIELAB (D65) of an sRGB colour. */
export function srgbToLab(colour: number): Lab {
  const r = toLinear((colour >> 16) & 255), g = toLinear((colour >> 8) & 255), b = toLinear(colour & 255);
  const X = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const Y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const Z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
  const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  const fx = f(X / 0.95047), fy = f(Y / 1), fz = f(Z / 1.08883);
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** CIEDE2000 colour difference of two CIELAB colours (kL = kC = kH = 1). */
export function deltaE2000(p: Lab, q: Lab): number {
  const rad = Math.PI / 180;
  const C1 = Math.hypot(p.a, p.b), C2 = Math.hypot(q.a, q.b);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1 = (1 + G) * p.a, a2 = (1 + G) * q.a;
  const c1 = Math.hypot(a1, p.b), c2 = Math.hypot(a2, q.b);
  const hue = (b: number, a: number) => { if (a === 0 && b === 0) return 0; const h = Math.atan2(b, a) / rad; return h < 0 ? h + 360 : h; };
  const h1 = hue(p.b, a1), h2 = hue(q.b, a2);
  const dL = q.L - p.L, dC = c2 - c1;
  let dh = 0;
  if (c1 * c2 !== 0) { dh = h2 - h1; if (dh > 180) dh -= 360; else if (dh < -180) dh += 360; }
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * rad);
  const Lm = (p.L + q.L) / 2, cm = (c1 + c2) / 2;
  let hm = h1 + h2;
  if (c1 * c2 !== 0) {
    if (Math.abs(h1 - h2) <= 180) hm = (h1 + h2) / 2;
    else hm = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }
  const T = 1 - 0.17 * Math.cos((hm - 30) * rad) + 0.24 * Math.cos(2 * hm * rad) + 0.32 * Math.cos((3 * hm + 6) * rad) - 0.2 * Math.cos((4 * hm - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hm - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(cm ** 7 / (cm ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const Sc = 1 + 0.045 * cm, Sh = 1 + 0.015 * cm * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dL / Sl) ** 2 + (dC / Sc) ** 2 + (dH / Sh) ** 2 + Rt * (dC / Sc) * (dH / Sh));
}

/** CIEDE2000 between two sRGB colours as seen with the given deficiency. */
export function colourDifference(a: number, b: number, cvd: Cvd = 'normal'): number {
  return deltaE2000(srgbToLab(simulateCvd(a, cvd)), srgbToLab(simulateCvd(b, cvd)));
}

/** The closest pair of a palette under a deficiency: its indices and CIEDE2000 distance. */
export function closestPair(colours: readonly number[], cvd: Cvd = 'normal'): { i: number; j: number; deltaE: number } {
  let best = { i: -1, j: -1, deltaE: Infinity };
  for (let i = 0; i < colours.length; i++) for (let j = i + 1; j < colours.length; j++) {
    const d = colourDifference(colours[i], colours[j], cvd);
    if (d < best.deltaE) best = { i, j, deltaE: d };
  }
  return best;
}
