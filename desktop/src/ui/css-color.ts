// Reads a colour token for drawing on a canvas: the custom property's value as the element sees it, turned into
// rgba() by painting one pixel, so any CSS colour (oklch, color-mix) works and an alpha can be applied.
let probe: CanvasRenderingContext2D | null = null;

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export function cssRgba(el: Element, property: string, fallback = '#888'): Rgba {
  const value = getComputedStyle(el).getPropertyValue(property).trim() || fallback;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return { r: 128, g: 128, b: 128, a: 1 };
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = fallback;
  probe.fillStyle = value;
  probe.fillRect(0, 0, 1, 1);
  const [r = 128, g = 128, b = 128, a = 255] = probe.getImageData(0, 0, 1, 1).data;
  return { r, g, b, a: a / 255 };
}

export function rgbaString(c: Rgba, alpha = 1): string {
  return `rgba(${c.r}, ${c.g}, ${c.b}, ${Math.round(c.a * alpha * 1000) / 1000})`;
}

/** The token as an rgba() string, its alpha multiplied by `alpha`. */
export function cssColor(el: Element, property: string, alpha = 1, fallback = '#888'): string {
  return rgbaString(cssRgba(el, property, fallback), alpha);
}
