/**
 * What every layer is: a Pixi container drawn in world metres (the map view applies the screen
 * transform), rebuilt only when its data or the zoom changes. Layers know nothing of the domain: they
 * take a count and accessor functions by index (typed arrays stay typed arrays), like deck.gl layers.
 * Sizes are explicit screen pixels (`...Px`), positions world metres (`...M`).
 */
import type { Container } from 'pixi.js';

export interface Layer {
  readonly id: string;
  readonly container: Container;
  /** Re-tessellate for a new zoom (pixels per metre), so widths stay in screen pixels. */
  rescale(pxPerM: number): void;
  setVisible(visible: boolean): void;
  destroy(): void;
}
