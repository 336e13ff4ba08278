/** Screenshot pixels for the browser tests: PNG decoded by the page itself (no PNG library needed). */
import type { Page } from 'playwright-core';

export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array;
  /** 0xRRGGBB at (x, y). */
  at(x: number, y: number): number;
}

/** Screenshot a page region and decode it to RGBA. */
export async function screenshotPixels(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<Pixels> {
  return decodePng(page, (await page.screenshot({ clip })).toString('base64'));
}

/** Decode a PNG (base64, or a data: URL) in the page itself. */
export async function decodePng(page: Page, png: string): Promise<Pixels> {
  const b64 = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src.startsWith('data:') ? src : `data:image/png;base64,${src}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { w: c.width, h: c.height, b: btoa(s) };
  }, png);
  const rgba = new Uint8Array(Buffer.from(b64.b, 'base64'));
  return {
    width: b64.w, height: b64.h, rgba,
    at(x, y) {
      const i = (Math.round(y) * b64.w + Math.round(x)) * 4;
      return (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
    },
  };
}

/** How many pixels of a rectangle lie within `tol` of a colour. */
export function countNear(p: Pixels, colour: number, rect: { x: number; y: number; width: number; height: number }, tol = 40): number {
  let n = 0;
  for (let y = Math.max(0, rect.y); y < Math.min(p.height, rect.y + rect.height); y++) for (let x = Math.max(0, rect.x); x < Math.min(p.width, rect.x + rect.width); x++) if (colourDistance(p.at(x, y), colour) <= tol) n++;
  return n;
}

/**
 * A swatch's ink: the commonest colour of an image other than near-white and near the given outline
 * colours, preferring (among colours within 25 % of the top count) the one farthest from white, since
 * a thin line's antialiased edge rows are as many as its full-colour core rows.
 */
export function dominantInk(p: Pixels, exclude: readonly number[] = []): number {
  const counts = new Map<number, number>();
  for (let y = 0; y < p.height; y++) for (let x = 0; x < p.width; x++) {
    const c = p.at(x, y);
    if (colourDistance(c, 0xffffff) < 30 || exclude.some((e) => colourDistance(c, e) < 40)) continue;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const top = Math.max(0, ...counts.values());
  let best = 0xffffff, far = -1;
  for (const [c, k] of counts) if (k >= 0.75 * top && colourDistance(c, 0xffffff) > far) { far = colourDistance(c, 0xffffff); best = c; }
  return best;
}

export function colourDistance(a: number, b: number): number {
  return Math.hypot(((a >> 16) & 255) - ((b >> 16) & 255), ((a >> 8) & 255) - ((b >> 8) & 255), (a & 255) - (b & 255));
}

/** Smallest colour distance to `colour` in the (2r+1)^2 window around (x, y): tolerant of antialiasing. */
export function nearestInWindow(p: Pixels, x: number, y: number, colour: number, r = 2): number {
  let best = Infinity;
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
    const xx = Math.round(x) + dx, yy = Math.round(y) + dy;
    if (xx < 0 || yy < 0 || xx >= p.width || yy >= p.height) continue;
    best = Math.min(best, colourDistance(p.at(xx, yy), colour));
  }
  return best;
}

/** Pixels within `tol` of a colour (inside an optional window): their count and centroid. */
export function colourBlob(p: Pixels, colour: number, tol = 30, win?: { x: number; y: number; r: number }): { count: number; cx: number; cy: number } {
  let count = 0, sx = 0, sy = 0;
  const x0 = win ? Math.max(0, Math.round(win.x - win.r)) : 0, x1 = win ? Math.min(p.width - 1, Math.round(win.x + win.r)) : p.width - 1;
  const y0 = win ? Math.max(0, Math.round(win.y - win.r)) : 0, y1 = win ? Math.min(p.height - 1, Math.round(win.y + win.r)) : p.height - 1;
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
    if (colourDistance(p.at(x, y), colour) <= tol) { count++; sx += x; sy += y; }
  }
  return { count, cx: count ? sx / count : NaN, cy: count ? sy / count : NaN };
}

/**
 * Whether some pixel in the window is closer to `colour` than to the background and clearly not
 * background: a thin antialiased line blends with the ground but still leans to its own colour.
 */
export function leansTo(p: Pixels, x: number, y: number, colour: number, background: number, r = 1): boolean {
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
    const c = p.at(Math.round(x) + dx, Math.round(y) + dy);
    if (colourDistance(c, colour) < colourDistance(c, background) && colourDistance(c, background) > 20) return true;
  }
  return false;
}
