import { Container } from 'pixi.js';
import type { Layer } from './layer.ts';
import { instancedQuadMesh, packColour, PIXI_UNIFORMS, vertexBuffer } from './gpu.ts';

export interface LineLayerProps {
  id: string;
  /** Number of straight segments. */
  count: number;
  /** Segment i from (x0, y0) to (x1, y1), world metres. */
  getStart: (i: number, out: [number, number]) => void;
  getEnd: (i: number, out: [number, number]) => void;
  getColor: (i: number) => number;
  /** Screen pixels (CSS). 0 hides the segment. */
  getWidthPx: (i: number) => number;
  getAlpha?: (i: number) => number;
  /** Draw order: segments with a higher value are drawn later (on top). Default 0. */
  getOrder?: (i: number) => number;
}

export interface LineLayer extends Layer {
  /** Re-read colours (and alphas) of every segment: a recolour without rebuilding the geometry. */
  recolour(getColor: (i: number) => number, getAlpha?: (i: number) => number): void;
  /** Re-read widths. */
  rewidth(getWidthPx: (i: number) => number): void;
  /** Re-read end points (segments that follow moving things; the count stays). */
  reposition(getStart: (i: number, out: [number, number]) => void, getEnd: (i: number, out: [number, number]) => void): void;
}

const VERTEX = `#version 300 es
in vec2 aCorner;
in vec2 aStart;
in vec2 aEnd;
in vec4 aColor;
in float aWidth;
${PIXI_UNIFORMS}
out vec4 vColor;
out float vAcross;
out float vHalfWidth;
void main() {
  mat3 m = uWorldTransformMatrix * uTransformMatrix;
  vec2 a = (m * vec3(aStart, 1.0)).xy;
  vec2 b = (m * vec3(aEnd, 1.0)).xy;
  vec2 d = b - a;
  float len = length(d);
  vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
  vec2 nrm = vec2(-dir.y, dir.x);
  float hw = 0.5 * aWidth;
  // Width 0 hides the segment: without this its antialiasing fringe would still draw a faint line.
  float ext = aWidth > 0.0 ? hw + 1.0 : 0.0;
  // Square caps (extend by half the width) so consecutive pieces join without gaps.
  vec2 p = mix(a, b, aCorner.x) + dir * (aCorner.x * 2.0 - 1.0) * hw + nrm * aCorner.y * ext;
  gl_Position = vec4((uProjectionMatrix * vec3(p, 1.0)).xy, 0.0, 1.0);
  vAcross = aCorner.y * ext;
  vHalfWidth = hw;
  vColor = aColor * uColor;
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in vec4 vColor;
in float vAcross;
in float vHalfWidth;
out vec4 finalColor;
void main() {
  // One pixel of coverage falloff at the line's edge: antialiasing without MSAA.
  float cover = clamp(vHalfWidth + 0.5 - abs(vAcross), 0.0, 1.0);
  float alpha = vColor.a * cover;
  finalColor = vec4(vColor.rgb * alpha, alpha);
}`;

/**
 * Straight segments of a given pixel width, one instanced quad each: the whole layer is one draw call,
 * and a zoom only changes the view matrix (no re-tessellation). Widths stay in screen pixels at any zoom.
 */
export function createLineLayer(props: LineLayerProps): LineLayer {
  const container = new Container({ label: props.id });
  const n = props.count;
  // Sort by order (stable), so higher orders draw on top.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (props.getOrder) {
    const key = Float64Array.from({ length: n }, (_, i) => props.getOrder!(i));
    order.sort((a, b) => key[a] - key[b] || a - b);
  }
  const start = new Float32Array(2 * n), end = new Float32Array(2 * n);
  const colour = new Uint8Array(4 * n), width = new Float32Array(n);
  const p: [number, number] = [0, 0];
  const fillEnds = (getStart: LineLayerProps['getStart'], getEnd: LineLayerProps['getEnd']) => {
    for (let k = 0; k < n; k++) {
      const i = order[k];
      getStart(i, p); start[2 * k] = p[0]; start[2 * k + 1] = p[1];
      getEnd(i, p); end[2 * k] = p[0]; end[2 * k + 1] = p[1];
    }
  };
  fillEnds(props.getStart, props.getEnd);
  const startBuf = vertexBuffer(start), endBuf = vertexBuffer(end);
  const colourBuf = vertexBuffer(colour), widthBuf = vertexBuffer(width);
  const fillColours = (getColor: (i: number) => number, getAlpha?: (i: number) => number) => {
    for (let k = 0; k < n; k++) { const i = order[k]; packColour(colour, k, getColor(i), getAlpha ? getAlpha(i) : 1); }
    colourBuf.update();
  };
  const fillWidths = (getWidthPx: (i: number) => number) => {
    for (let k = 0; k < n; k++) width[k] = Math.max(0, getWidthPx(order[k]));
    widthBuf.update();
  };
  fillColours(props.getColor, props.getAlpha);
  fillWidths(props.getWidthPx);
  const mesh = instancedQuadMesh(props.id, n, {
    aStart: { buffer: startBuf, format: 'float32x2' },
    aEnd: { buffer: endBuf, format: 'float32x2' },
    aColor: { buffer: colourBuf, format: 'unorm8x4' },
    aWidth: { buffer: widthBuf, format: 'float32' },
  }, VERTEX, FRAGMENT);
  container.addChild(mesh);
  return {
    id: props.id,
    container,
    rescale() { /* widths are applied in the shader */ },
    recolour: fillColours,
    rewidth: fillWidths,
    reposition(getStart, getEnd) { fillEnds(getStart, getEnd); startBuf.update(); endBuf.update(); },
    setVisible(v) { container.visible = v; },
    destroy() { container.destroy({ children: true }); },
  };
}

/**
 * Polylines as segments: path i's consecutive points become segments that all take path i's style.
 * Returns, per segment, its path and its two end points (x0, y0, x1, y1 interleaved).
 */
export function polylineSegments(count: number, getPath: (i: number) => ArrayLike<number>): { pathOf: Int32Array; xy: Float32Array } {
  let total = 0;
  for (let i = 0; i < count; i++) { const p = getPath(i); if (p.length >= 4 && Number.isFinite(p[0])) total += p.length / 2 - 1; }
  const pathOf = new Int32Array(total), xy = new Float32Array(4 * total);
  let s = 0;
  for (let i = 0; i < count; i++) {
    const p = getPath(i);
    if (p.length < 4 || !Number.isFinite(p[0])) continue;
    for (let j = 0; j + 3 < p.length; j += 2) {
      pathOf[s] = i;
      xy[4 * s] = p[j]; xy[4 * s + 1] = p[j + 1]; xy[4 * s + 2] = p[j + 2]; xy[4 * s + 3] = p[j + 3];
      s++;
    }
  }
  return { pathOf, xy };
}
