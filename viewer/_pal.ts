import { closestPair, colourDifference, type Cvd } from './src/model/colour-vision.ts';
const cvds: Cvd[] = ['normal', 'deuteranopia', 'protanopia'];
const BG = 0xf4f1ea;
function report(name: string, cols: number[], withBg = true) {
  const parts = cvds.map((c) => { const p = closestPair(cols, c); const bg = Math.min(...cols.map((x) => colourDifference(x, BG, c))); return `${c.slice(0, 4)} ${p.deltaE.toFixed(1)} (${p.i},${p.j}) bg ${bg.toFixed(1)}`; });
  console.log(name.padEnd(14), parts.join(' | '));
}
const h = (s: string) => parseInt(s.replace('#', ''), 16);
const groups: Record<string, string[]> = JSON.parse(process.argv[2]);
for (const [k, v] of Object.entries(groups)) report(k, v.map(h));
