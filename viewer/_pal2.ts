import { colourDifference, srgbToLab, type Cvd } from './src/model/colour-vision.ts';
const cvds: Cvd[] = ['normal', 'deuteranopia', 'protanopia'];
const BG = 0xf4f1ea;
const d = (a: number, b: number) => Math.min(...cvds.map((c) => colourDifference(a, b, c)));
const cands: number[] = [];
for (let r = 0; r < 256; r += 17) for (let g = 0; g < 256; g += 17) for (let b = 0; b < 256; b += 17) { const c = (r << 16) | (g << 8) | b; const L = srgbToLab(c).L; if (L < 85 && d(c, BG) > 20) cands.push(c); }
const seed = (process.argv[2] ?? '').split(',').filter(Boolean).map((s) => parseInt(s, 16));
const n = Number(process.argv[3]);
const avoid = (process.argv[4] ?? '').split(',').filter(Boolean).map((s) => parseInt(s, 16));
const pal = [...seed];
while (pal.length < n) {
  let best = -1, bestD = -1;
  for (const c of cands) { const m = Math.min(...pal.map((p) => d(c, p)), ...avoid.map((p) => d(c, p) * 2)); if (m > bestD) { bestD = m; best = c; } }
  pal.push(best); console.log(best.toString(16).padStart(6, '0'), bestD.toFixed(1));
}
let mn = Infinity; for (let i = 0; i < pal.length; i++) for (let j = i + 1; j < pal.length; j++) mn = Math.min(mn, d(pal[i], pal[j]));
console.log(pal.map((c) => '#' + c.toString(16).padStart(6, '0')).join(','), 'min', mn.toFixed(1));
