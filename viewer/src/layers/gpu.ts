/**
 * Shared pieces of the quad layers: one unit quad drawn once per item, the item's data in per-item
 * buffers, and vertex shaders that place the quad in screen pixels. Zooming changes only
 * the view matrix, so nothing is tessellated again (a 75k-link city redraws in one draw call).
 */
import { Buffer, BufferUsage, Geometry, GlProgram, Mesh, Shader, type AttributeOptions, type Container } from 'pixi.js';

/** A vertex buffer the layer may rewrite (colours, positions of moving points). */
export function vertexBuffer(data: Float32Array | Uint8Array): Buffer {
  return new Buffer({ data, usage: BufferUsage.VERTEX | BufferUsage.COPY_DST });
}

export type InstanceAttributes = Record<string, { buffer: Buffer; format: 'float32' | 'float32x2' | 'float32x4' | 'unorm8x4' }>;

/**
 * Whether layers draw one instanced quad per item (`?instanced=1`) or four vertices per item (default).
 * Measured under SwiftShader (software WebGL), 75k links at 1024 x 768: 2.1-3.3 s per redraw
 * instanced, 0.19-0.25 s expanded; a GPU draws either quickly, so the default favours the software path.
 */
export const INSTANCED = typeof location !== 'undefined' && new URLSearchParams(location.search).get('instanced') === '1';

/**
 * A unit quad (corner.x along 0..1, corner.y across -1..1) drawn once per item. Instanced, the item's
 * data is one entry per item; expanded, every item's data is repeated for its four corners.
 */
export function instancedQuadMesh(label: string, count: number, attrs: InstanceAttributes, vertex: string, fragment: string, resources: Record<string, unknown> = {}): Mesh<Geometry, Shader> {
  const attributes: AttributeOptions = {};
  let indexBuffer: Uint16Array | Uint32Array;
  if (INSTANCED) {
    attributes.aCorner = { buffer: new Float32Array([0, -1, 0, 1, 1, -1, 1, 1]), format: 'float32x2' };
    for (const [name, a] of Object.entries(attrs)) attributes[name] = { buffer: a.buffer, format: a.format, instance: true };
    indexBuffer = new Uint16Array([0, 1, 2, 2, 1, 3]);
  } else {
    const corner = new Float32Array(8 * count);
    for (let i = 0; i < count; i++) corner.set([0, -1, 0, 1, 1, -1, 1, 1], 8 * i);
    attributes.aCorner = { buffer: corner, format: 'float32x2' };
    for (const [name, a] of Object.entries(attrs)) attributes[name] = { buffer: expand(a.buffer, count), format: a.format };
    indexBuffer = new Uint32Array(6 * count);
    for (let i = 0; i < count; i++) indexBuffer.set([4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 2, 4 * i + 1, 4 * i + 3], 6 * i);
  }
  const geometry = new Geometry({ attributes, indexBuffer, instanceCount: INSTANCED ? Math.max(0, count) : 1 });
  const shader = new Shader({ glProgram: new GlProgram({ vertex, fragment, name: label }), resources });
  const mesh = new Mesh({ geometry, shader, label });
  // Pixi skips an instance count of 0 poorly (it draws one): hide an empty layer instead.
  mesh.visible = count > 0;
  return mesh;
}

/** Four copies of every item's entry of an instance buffer, kept in step when the source updates. */
function expand(src: Buffer, count: number): Buffer {
  const data = src.data as Float32Array | Uint8Array;
  const out = new (data.constructor as { new (n: number): Float32Array | Uint8Array })(data.length * 4);
  const dst = vertexBuffer(out);
  const w = count > 0 ? data.length / count : 0;
  const copy = () => {
    for (let i = 0, o = 0; i < count; i++) {
      const base = i * w;
      for (let k = 0; k < 4; k++) for (let j = 0; j < w; j++) out[o++] = data[base + j];
    }
    dst.update();
  };
  src.on('update', copy);
  copy();
  return dst;
}

/** The uniforms Pixi's mesh pipe binds (global group 100, local group 101), for the vertex shaders. */
export const PIXI_UNIFORMS = `
uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform vec4 uWorldColorAlpha;
uniform vec2 uResolution;
uniform mat3 uTransformMatrix;
uniform vec4 uColor;
uniform float uRound;
`;

/** Pack 0xRRGGBB and an alpha 0..1 into 4 bytes at `i` (unorm8x4: r, g, b, a), not premultiplied. */
export function packColour(out: Uint8Array, i: number, rgb: number, alpha = 1): void {
  out[4 * i] = (rgb >> 16) & 255;
  out[4 * i + 1] = (rgb >> 8) & 255;
  out[4 * i + 2] = rgb & 255;
  out[4 * i + 3] = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
}

export function destroyMesh(container: Container): void {
  container.destroy({ children: true });
}
