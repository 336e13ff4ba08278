import { Container, UniformGroup } from 'pixi.js';
import type { Layer } from './layer.ts';
import { instancedQuadMesh, packColour, PIXI_UNIFORMS, vertexBuffer } from './gpu.ts';

/** Marker shapes, drawn as signed distance fields (crisp at any size and pixel density). */
export const MARKER_SHAPES = ['circle', 'square', 'diamond', 'triangle', 'triangle-down', 'hexagon', 'cross', 'ring', 'target'] as const;
export type MarkerShapeName = (typeof MARKER_SHAPES)[number];

export interface MarkerLayerProps {
  id: string;
  count: number;
  /** World metres; NaN hides the marker. */
  getX: (i: number) => number;
  getY: (i: number) => number;
  /** Size: screen pixels, or world metres with `sizeIn: 'world'` (e.g. hexagonal bins). */
  getRadius: (i: number) => number;
  getShape: (i: number) => MarkerShapeName;
  getFill: (i: number) => number;
  getFillAlpha?: (i: number) => number;
  getStroke?: (i: number) => number;
  getStrokeAlpha?: (i: number) => number;
  /** Outline width in screen pixels (0: none). */
  getStrokeWidthPx?: (i: number) => number;
  /** Rotation in radians, counter-clockwise. */
  getAngle?: (i: number) => number;
  sizeIn?: 'screen' | 'world';
}

export interface MarkerLayer extends Layer {
  /** Re-read every accessor (positions, colours, sizes): moving points call it once per frame. */
  refresh(): void;
}

const VERTEX = `#version 300 es
in vec2 aCorner;
in vec2 aPos;
in float aRadius;
in vec4 aFill;
in vec4 aStroke;
in float aStrokeWidth;
in float aShape;
in float aAngle;
${PIXI_UNIFORMS}
uniform float uWorldSize;
out vec2 vLocal;
out float vRadius;
out vec4 vFill;
out vec4 vStroke;
out float vStrokeWidth;
out float vShape;
void main() {
  mat3 m = uWorldTransformMatrix * uTransformMatrix;
  vec2 c = (m * vec3(aPos, 1.0)).xy;
  float pxPerUnit = length((m * vec3(1.0, 0.0, 0.0)).xy);
  float r = uWorldSize > 0.5 ? aRadius * pxPerUnit : aRadius;
  // The quad just holds the shape (its farthest point from the centre), plus a pixel of antialiasing.
  int s = int(aShape + 0.5);
  float reach = s == 3 || s == 4 ? 1.42 : s == 1 ? 1.25 : s == 2 ? 1.17 : s == 6 ? 1.0 : 1.05;
  float ext = r * reach + 1.0;
  vec2 q = vec2(aCorner.x * 2.0 - 1.0, aCorner.y) * ext;
  gl_Position = vec4((uProjectionMatrix * vec3(c + q, 1.0)).xy, 0.0, 1.0);
  // Shape space: y up (the screen's y runs down), rotated by the marker's angle.
  vec2 l = vec2(q.x, -q.y);
  float ca = cos(aAngle), sa = sin(aAngle);
  vLocal = vec2(ca * l.x + sa * l.y, -sa * l.x + ca * l.y);
  vRadius = r;
  vFill = aFill * uColor;
  vStroke = aStroke * uColor;
  vStrokeWidth = aStrokeWidth;
  vShape = aShape;
}`;

const FRAGMENT = `#version 300 es
precision highp float;
in vec2 vLocal;
in float vRadius;
in vec4 vFill;
in vec4 vStroke;
in float vStrokeWidth;
in float vShape;
out vec4 finalColor;
float sdBox(vec2 p, vec2 b) { vec2 d = abs(p) - b; return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0); }
float sdTriangle(vec2 p, float r) {
  const float k = 1.7320508;
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}
float sdHexagon(vec2 p, float r) {
  const vec3 k = vec3(-0.866025404, 0.5, 0.577350269);
  p = abs(p);
  p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
  p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
  return length(p) * sign(p.y);
}
float shape(vec2 p, float r, int s) {
  if (s == 1) return sdBox(p, vec2(r * 0.88));
  if (s == 2) { vec2 q = vec2(p.x + p.y, p.y - p.x) * 0.70710678; return sdBox(q, vec2(r * 0.82)); }
  if (s == 3) return sdTriangle(vec2(p.x, p.y + r * 0.12), r * 1.12);
  if (s == 4) return sdTriangle(vec2(p.x, -p.y + r * 0.12), r * 1.12);
  if (s == 5) return sdHexagon(p.yx, r * 0.8660254);
  if (s == 6) {
    vec2 q = abs(vec2(p.x + p.y, p.y - p.x) * 0.70710678);
    return min(sdBox(q, vec2(r, r * 0.38)), sdBox(q, vec2(r * 0.38, r)));
  }
  if (s == 7) return abs(length(p) - r * 0.74) - r * 0.3;
  if (s == 8) return min(abs(length(p) - r * 0.82) - r * 0.2, length(p) - r * 0.32);
  return length(p) - r;
}
void main() {
  float d = shape(vLocal, vRadius, int(vShape + 0.5));
  float cover = clamp(0.5 - d, 0.0, 1.0);
  if (cover <= 0.0) discard;
  vec4 col = vFill;
  if (vStrokeWidth > 0.0) col = mix(vStroke, vFill, clamp(-d - vStrokeWidth + 0.5, 0.0, 1.0));
  float a = col.a * cover;
  finalColor = vec4(col.rgb * a, a);
}`;

/**
 * Static or moving markers, one instanced quad each, shapes drawn in the fragment shader. `refresh()`
 * re-reads the accessors into the instance buffers (for moving points, once per frame).
 */
export function createMarkerLayer(props: MarkerLayerProps): MarkerLayer {
  const container = new Container({ label: props.id });
  const n = props.count;
  const pos = new Float32Array(2 * n), radius = new Float32Array(n), fill = new Uint8Array(4 * n), stroke = new Uint8Array(4 * n);
  const strokeW = new Float32Array(n), shape = new Float32Array(n), angle = new Float32Array(n);
  const bufs = { pos: vertexBuffer(pos), radius: vertexBuffer(radius), fill: vertexBuffer(fill), stroke: vertexBuffer(stroke), strokeW: vertexBuffer(strokeW), shape: vertexBuffer(shape), angle: vertexBuffer(angle) };
  const refresh = () => {
    for (let i = 0; i < n; i++) {
      const x = props.getX(i), y = props.getY(i);
      const hidden = !Number.isFinite(x) || !Number.isFinite(y);
      pos[2 * i] = hidden ? 0 : x; pos[2 * i + 1] = hidden ? 0 : y;
      radius[i] = hidden ? 0 : props.getRadius(i);
      packColour(fill, i, props.getFill(i), props.getFillAlpha?.(i) ?? 1);
      packColour(stroke, i, props.getStroke?.(i) ?? 0xffffff, props.getStrokeAlpha?.(i) ?? props.getFillAlpha?.(i) ?? 1);
      strokeW[i] = props.getStrokeWidthPx?.(i) ?? 0;
      shape[i] = Math.max(0, MARKER_SHAPES.indexOf(props.getShape(i)));
      angle[i] = props.getAngle?.(i) ?? 0;
      if (hidden || radius[i] <= 0) { fill[4 * i + 3] = 0; stroke[4 * i + 3] = 0; }
    }
    for (const b of Object.values(bufs)) b.update();
  };
  refresh();
  const mesh = instancedQuadMesh(props.id, n, {
    aPos: { buffer: bufs.pos, format: 'float32x2' },
    aRadius: { buffer: bufs.radius, format: 'float32' },
    aFill: { buffer: bufs.fill, format: 'unorm8x4' },
    aStroke: { buffer: bufs.stroke, format: 'unorm8x4' },
    aStrokeWidth: { buffer: bufs.strokeW, format: 'float32' },
    aShape: { buffer: bufs.shape, format: 'float32' },
    aAngle: { buffer: bufs.angle, format: 'float32' },
  }, VERTEX, FRAGMENT, { markerUniforms: new UniformGroup({ uWorldSize: { value: props.sizeIn === 'world' ? 1 : 0, type: 'f32' } }) });
  container.addChild(mesh);
  return {
    id: props.id,
    container,
    rescale() { /* sizes are applied in the shader */ },
    refresh,
    setVisible(v) { container.visible = v; },
    destroy() { container.destroy({ children: true }); },
  };
}
