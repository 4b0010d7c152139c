/**
 * The six shape classes and their outlines. Every outline fits inside the
 * circle of `radius` around its centre, so two objects whose circles do not
 * meet never overlap.
 *
 * @module
 */
import type { Point } from "../types.ts";
import { circle, polygon, ring, type Shape } from "./draw.ts";
import type { Random } from "./random.ts";

/** The class names, in class-index order. */
export const SHAPE_CLASSES = [
  "circle",
  "square",
  "triangle",
  "star",
  "cross",
  "ring",
] as const;

/** One of {@linkcode SHAPE_CLASSES}. */
export type ShapeLabel = typeof SHAPE_CLASSES[number];

/** Where and how big an outline is. */
export interface OutlineOptions {
  /** Centre column. */
  x: number;
  /** Centre row. */
  y: number;
  /** Radius of the circle the outline fits in, in pixels. */
  radius: number;
  /** Rotation in radians. */
  angle: number;
  /** Draws the per-class variation (star depth, ring width, arm width). */
  random: Random;
}

function around(
  options: OutlineOptions,
  polar: readonly (readonly [number, number])[],
): Point[] {
  const { x, y, angle } = options;
  return polar.map(([r, a]) => ({
    x: x + r * Math.cos(a + angle),
    y: y + r * Math.sin(a + angle),
  }));
}

function regular(count: number, radius: number, phase: number) {
  return Array.from(
    { length: count },
    (_, k) => [radius, phase + (2 * Math.PI * k) / count] as const,
  );
}

/**
 * The outline of class `classIndex` (an index into {@linkcode SHAPE_CLASSES}).
 * Circle and ring fill their circle; square and triangle are regular polygons
 * inscribed in it; the star has 5 points with inner radius 38–50% of the
 * outer; the cross is a plus whose arms are 44–64% as wide as they are long;
 * the ring's hole is 45–68% of its radius.
 *
 * @example
 * ```ts
 * import { classOutline } from "./outlines.ts";
 * import { createRandom } from "./random.ts";
 * const star = classOutline(3, { x: 50, y: 50, radius: 20, angle: 0, random: createRandom(1) });
 * if (!(star.distance(50, 50) < 0) || !(star.distance(90, 50) > 0)) throw new Error();
 * ```
 */
export function classOutline(
  classIndex: number,
  options: OutlineOptions,
): Shape {
  const { x, y, radius: r, random } = options;
  switch (SHAPE_CLASSES[classIndex]) {
    case "circle":
      return circle({ x, y, radius: r });
    case "square":
      return polygon(around(options, regular(4, r, Math.PI / 4)));
    case "triangle":
      return polygon(around(options, regular(3, r, -Math.PI / 2)));
    case "star": {
      const inner = r * random.range(0.38, 0.5);
      const points = regular(10, r, -Math.PI / 2).map(([radius, a], k) =>
        [k % 2 === 0 ? radius : inner, a] as const
      );
      return polygon(around(options, points));
    }
    case "cross": {
      const half = random.range(0.22, 0.32);
      const long = r / Math.hypot(1, half), w = long * half;
      const corners = [
        [w, long],
        [w, w],
        [long, w],
        [long, -w],
        [w, -w],
        [w, -long],
        [-w, -long],
        [-w, -w],
        [-long, -w],
        [-long, w],
        [-w, w],
        [-w, long],
      ] as const;
      return polygon(around(
        options,
        corners.map(([cx, cy]) => [Math.hypot(cx, cy), Math.atan2(cy, cx)]),
      ));
    }
    case "ring":
      return ring({
        x,
        y,
        outerRadius: r,
        innerRadius: r * random.range(0.45, 0.68),
      });
    default:
      throw new RangeError(
        `Cannot draw class ${classIndex}: use an index from 0 to ${
          SHAPE_CLASSES.length - 1
        } (${SHAPE_CLASSES.join(", ")})`,
      );
  }
}
