/**
 * Shared pieces of the instanced layers: one unit quad drawn once per item, the item's data in
 * per-instance buffers, and vertex shaders that place the quad in screen pixels. Zooming changes only
 * the view matrix, so nothing is tessellated again (a 75k-link city redraws in one draw call).
 */
import { Buffer, BufferUsage, Geometry, GlProgram, Mesh, Shader, type AttributeOptions, type Container } from 'pixi.js';

/** A vertex buffer the layer may rewrite (colours, positions of moving points). */
export function vertexBuffer(data: Float32Array | Uint8Array): Buffer {
  return new Buffer({ data, usage: BufferUsage.VERTEX | BufferUsage.COPY_DST });
}

export type InstanceAttributes = Record<string, { buffer: Buffer; format: 'float32' | 'float32x2' | 'float32x4' | 'unorm8x4' }>;

/** A unit quad (corner.x along 0..1, corner.y across -1..1) instanced `count` times. */
export function instancedQuadMesh(label: string, count: number, attrs: InstanceAttributes, vertex: string, fragment: string, resources: Record<string, unknown> = {}): Mesh<Geometry, Shader> {
  const attributes: AttributeOptions = {
    aCorner: { buffer: new Float32Array([0, -1, 0, 1, 1, -1, 1, 1]), format: 'float32x2' },
  };
  for (const [name, a] of Object.entries(attrs)) attributes[name] = { buffer: a.buffer, format: a.format, instance: true };
  const geometry = new Geometry({
    attributes,
    indexBuffer: new Uint16Array([0, 1, 2, 2, 1, 3]),
    instanceCount: Math.max(0, count),
  });
  const shader = new Shader({ glProgram: new GlProgram({ vertex, fragment, name: label }), resources });
  const mesh = new Mesh({ geometry, shader, label });
  // Pixi skips an instance count of 0 poorly (it draws one): hide an empty layer instead.
  mesh.visible = count > 0;
  return mesh;
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
