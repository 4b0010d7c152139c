/**
 * A tiny anti-aliased rasteriser for the shapes generator. Every shape is a
 * signed distance function (negative inside, in pixels); a pixel is covered
 * by `clamp(0.5 − d, 0, 1)` of its area, measured at its centre, which gives
 * one pixel of smooth edge. A pixel belongs to a shape's mask when its centre
 * is inside (`d ≤ 0`), so a mask and its drawing always agree.
 *
 * @module
 */
import type { Box, Point, RgbaImage, Size } from "../types.ts";

/** An 8-bit RGB colour. */
export type Rgb = readonly [number, number, number];

/** Pixel-space bounds of a shape (inclusive of its anti-aliased edge). */
export interface Bounds {
  /** Smallest x any covered pixel centre can have. */
  readonly minX: number;
  /** Smallest y. */
  readonly minY: number;
  /** Largest x. */
  readonly maxX: number;
  /** Largest y. */
  readonly maxY: number;
}

/** A shape given by its signed distance, in pixels. */
export interface Shape {
  /** Signed distance from (x, y) to the outline: negative inside. */
  distance(x: number, y: number): number;
  /** Loose bounds: nothing outside them is covered. */
  readonly bounds: Bounds;
}

/** Options for {@linkcode fillShape}. */
export interface FillOptions {
  /** Fill colour. */
  color: Rgb;
  /** Opacity in [0, 1]. Default 1. */
  opacity?: number;
}

function boundsAround(points: readonly Point[], margin: number): Bounds {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return {
    minX: minX - margin,
    minY: minY - margin,
    maxX: maxX + margin,
    maxY: maxY + margin,
  };
}

function segmentDistance(
  px: number,
  py: number,
  a: Point,
  b: Point,
): number {
  const dx = b.x - a.x, dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0
    ? 0
    : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / length2));
  return Math.hypot(px - a.x - t * dx, py - a.y - t * dy);
}

/**
 * A disc of `radius` pixels centred on (x, y).
 *
 * @example
 * ```ts
 * import { circle } from "./draw.ts";
 * const disc = circle({ x: 10, y: 10, radius: 4 });
 * if (disc.distance(10, 10) !== -4 || disc.distance(10, 16) !== 2) throw new Error();
 * ```
 */
export function circle(
  options: { x: number; y: number; radius: number },
): Shape {
  const { x, y, radius } = options;
  return {
    distance: (px, py) => Math.hypot(px - x, py - y) - radius,
    bounds: boundsAround([{ x, y }], radius + 1),
  };
}

/**
 * An annulus between `innerRadius` and `outerRadius` around (x, y).
 *
 * @example
 * ```ts
 * import { ring } from "./draw.ts";
 * const r = ring({ x: 0, y: 0, innerRadius: 2, outerRadius: 4 });
 * if (r.distance(3, 0) !== -1 || r.distance(0, 0) !== 2) throw new Error();
 * ```
 */
export function ring(
  options: { x: number; y: number; innerRadius: number; outerRadius: number },
): Shape {
  const { x, y, innerRadius, outerRadius } = options;
  const middle = (innerRadius + outerRadius) / 2;
  const half = (outerRadius - innerRadius) / 2;
  return {
    distance: (px, py) => Math.abs(Math.hypot(px - x, py - y) - middle) - half,
    bounds: boundsAround([{ x, y }], outerRadius + 1),
  };
}

/**
 * A closed polygon (convex or not; even-odd rule) through `points`.
 *
 * @example
 * ```ts
 * import { polygon } from "./draw.ts";
 * const square = polygon([{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 4, y: 4 }, { x: 0, y: 4 }]);
 * if (square.distance(2, 2) !== -2 || square.distance(6, 2) !== 2) throw new Error();
 * ```
 */
export function polygon(points: readonly Point[]): Shape {
  if (points.length < 3) {
    throw new RangeError(
      `Cannot make a polygon of ${points.length} points: it needs at least 3`,
    );
  }
  const vertices = points.map((p) => ({ x: p.x, y: p.y }));
  return {
    distance(px, py) {
      let nearest = Infinity;
      let inside = false;
      for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
        const a = vertices[j], b = vertices[i];
        nearest = Math.min(nearest, segmentDistance(px, py, a, b));
        if ((a.y > py) !== (b.y > py)) {
          const crossX = a.x + ((py - a.y) / (b.y - a.y)) * (b.x - a.x);
          if (px < crossX) inside = !inside;
        }
      }
      return inside ? -nearest : nearest;
    },
    bounds: boundsAround(vertices, 1),
  };
}

/**
 * A straight stroke of `width` pixels from `from` to `to`, with round caps.
 *
 * @example
 * ```ts
 * import { stroke } from "./draw.ts";
 * const line = stroke({ from: { x: 0, y: 0 }, to: { x: 10, y: 0 }, width: 2 });
 * if (line.distance(5, 0) !== -1 || line.distance(5, 3) !== 2) throw new Error();
 * ```
 */
export function stroke(
  options: { from: Point; to: Point; width: number },
): Shape {
  const { from, to, width } = options;
  const half = width / 2;
  return {
    distance: (px, py) => segmentDistance(px, py, from, to) - half,
    bounds: boundsAround([from, to], half + 1),
  };
}

/** The pixel range [x0, x1) × [y0, y1) a shape can touch inside an image. */
function pixelRange(shape: Shape, size: Size) {
  return {
    x0: Math.max(0, Math.floor(shape.bounds.minX - 0.5)),
    y0: Math.max(0, Math.floor(shape.bounds.minY - 0.5)),
    x1: Math.min(size.width, Math.ceil(shape.bounds.maxX + 0.5)),
    y1: Math.min(size.height, Math.ceil(shape.bounds.maxY + 0.5)),
  };
}

/**
 * Blends `color` over pixel `index` of `image` with opacity `alpha`.
 *
 * @example
 * ```ts
 * import { blendPixel } from "./draw.ts";
 * const image = { width: 1, height: 1, data: new Uint8ClampedArray([0, 0, 0, 255]) };
 * blendPixel(image, 0, [200, 100, 50], 0.5);
 * if (image.data.join() !== "100,50,25,255") throw new Error(image.data.join());
 * ```
 */
export function blendPixel(
  image: RgbaImage,
  index: number,
  color: Rgb,
  alpha: number,
): void {
  const d = image.data, o = index * 4;
  d[o] = d[o] + (color[0] - d[o]) * alpha;
  d[o + 1] = d[o + 1] + (color[1] - d[o + 1]) * alpha;
  d[o + 2] = d[o + 2] + (color[2] - d[o + 2]) * alpha;
  d[o + 3] = 255;
}

/**
 * Paints `shape` into `image` with anti-aliased edges.
 *
 * @example
 * ```ts
 * import { circle, fillShape } from "./draw.ts";
 * const image = { width: 9, height: 9, data: new Uint8ClampedArray(9 * 9 * 4) };
 * fillShape(image, circle({ x: 4.5, y: 4.5, radius: 3 }), { color: [255, 0, 0] });
 * if (image.data[(4 * 9 + 4) * 4] !== 255 || image.data[0] !== 0) throw new Error();
 * ```
 */
export function fillShape(
  image: RgbaImage,
  shape: Shape,
  options: FillOptions,
): void {
  const opacity = options.opacity ?? 1;
  const { x0, y0, x1, y1 } = pixelRange(shape, image);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const coverage = 0.5 - shape.distance(x + 0.5, y + 0.5);
      if (coverage <= 0) continue;
      blendPixel(
        image,
        y * image.width + x,
        options.color,
        Math.min(1, coverage) * opacity,
      );
    }
  }
}

/**
 * The shape's mask: `width * height` bytes, 1 where a pixel centre is inside.
 *
 * @example
 * ```ts
 * import { polygon, shapeMask } from "./draw.ts";
 * const box = polygon([{ x: 1, y: 1 }, { x: 3, y: 1 }, { x: 3, y: 2 }, { x: 1, y: 2 }]);
 * const mask = shapeMask(box, { width: 4, height: 3 });
 * if (mask.join("") !== "000001100000") throw new Error(mask.join(""));
 * ```
 */
export function shapeMask(shape: Shape, size: Size): Uint8Array {
  const mask = new Uint8Array(size.width * size.height);
  const { x0, y0, x1, y1 } = pixelRange(shape, size);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (shape.distance(x + 0.5, y + 0.5) <= 0) mask[y * size.width + x] = 1;
    }
  }
  return mask;
}

/**
 * The tightest box holding every non-zero pixel of a mask, or `undefined`
 * when the mask is empty.
 *
 * @example
 * ```ts
 * import { maskBox } from "./draw.ts";
 * const mask = new Uint8Array([0, 0, 0, 0, 1, 1, 0, 1, 0]);
 * const box = maskBox(mask, { width: 3, height: 3 });
 * if (JSON.stringify(box) !== '{"x":1,"y":1,"width":2,"height":2}') throw new Error();
 * ```
 */
export function maskBox(mask: Uint8Array, size: Size): Box | undefined {
  if (mask.length !== size.width * size.height) {
    throw new TypeError(
      `Cannot box a mask of ${mask.length} bytes for a ${size.width}×${size.height} image`,
    );
  }
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      if (mask[y * size.width + x] === 0) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return undefined;
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}
