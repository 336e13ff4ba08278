/**
 * What every layer is: a Pixi container drawn in world metres (the map view applies the screen
 * transform). Layers know nothing of the domain: they take a count and accessor functions by index
 * (typed arrays stay typed arrays), like deck.gl layers. Sizes are explicit screen pixels (`...Px`),
 * positions world metres. The instanced layers (line-layer, marker-layer) keep widths and radii in
 * screen pixels in their vertex shaders, so a zoom costs one redraw and no rebuild.
 */
import type { Container } from 'pixi.js';

export interface Layer {
  readonly id: string;
  readonly container: Container;
  /** Called when the zoom changes (a no-op for the instanced layers). */
  rescale(pxPerM: number): void;
  setVisible(visible: boolean): void;
  destroy(): void;
}
