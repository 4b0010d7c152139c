/**
 * The machinery shared by deletion and insertion (RISE): pixels ordered by
 * map value, images part "before" and part "after", and the area under the
 * score curve.
 *
 * @module
 */
import type { RgbaImage } from "../types.ts";
import type { ClassScorer, ExplainedSample } from "./types.ts";
import { checkSample } from "./_checks.ts";
import {
  checkBatchSize,
  type ScoreJob,
  scoreJobs,
  SharedByImage,
} from "./_score.ts";

/**
 * Pixel indices by decreasing map value; ties (and NaN, which sorts last) in
 * row-major order. A stable radix sort on the values' bit patterns: exact,
 * and fast enough to run for every map.
 *
 * @example
 * ```ts
 * import { pixelOrder } from "./_curve.ts";
 * const order = pixelOrder(new Float32Array([0.1, 0.9, 0.5, 0.9]));
 * if (order.join() !== "1,3,2,0") throw new Error(order.join());
 * ```
 */
export function pixelOrder(map: Float32Array): Uint32Array {
  const n = map.length;
  const values = new Float32Array(n);
  const keys = new Uint32Array(values.buffer);
  for (let i = 0; i < n; i++) {
    const v = map[i];
    values[i] = Number.isNaN(v) ? -Infinity : v === 0 ? 0 : v; // −0 → 0
  }
  for (let i = 0; i < n; i++) {
    const bits = keys[i];
    // Unsigned keys in ascending value order, then flipped for descending.
    const ascending = bits & 0x80000000 ? ~bits : bits | 0x80000000;
    keys[i] = ~ascending >>> 0;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(0x10001);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 0x10000; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const p = order[i];
      next[counts[(keys[p] >>> shift) & 0xffff]++] = p;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * The trapezoidal area under scores taken at evenly spaced fractions 0, 1/N,
 * …, 1 of the pixels: in [0, 1] when the scores are.
 *
 * @example
 * ```ts
 * import { trapezoidAuc } from "./_curve.ts";
 * if (trapezoidAuc([1, 0, 0]) !== 0.25) throw new Error();
 * ```
 */
export function trapezoidAuc(scores: ArrayLike<number>): number {
  const n = scores.length - 1;
  if (n < 1) {
    throw new RangeError(
      `Cannot integrate ${scores.length} scores: give at least two`,
    );
  }
  let sum = 0;
  for (let k = 0; k < n; k++) sum += (scores[k] + scores[k + 1]) / 2;
  return sum / n;
}

/** Checks the number of steps of a curve; default 16. */
export function checkSteps(steps: number | undefined): number {
  const n = steps ?? 16;
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new RangeError(
      `Invalid number of steps ${steps}: use a whole number from 1 to 100000`,
    );
  }
  return n;
}

/**
 * A black copy of `image` (R = G = B = 0, alpha kept): what deletion puts in
 * place of removed pixels, and insertion's `"black"` start canvas.
 *
 * @example
 * ```ts
 * import { black } from "./_curve.ts";
 * const image = { width: 1, height: 1, data: new Uint8ClampedArray([9, 8, 7, 128]) };
 * if (black(image).data.join() !== "0,0,0,128") throw new Error();
 * ```
 */
export function black(image: RgbaImage): RgbaImage {
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 3; i < data.length; i += 4) data[i] = image.data[i];
  return { width: image.width, height: image.height, data };
}

/** How the images of a curve are made. */
export interface CurveSpec {
  /** Steps N: N + 1 scores per curve. */
  readonly steps?: number;
  /** Images per scorer call. */
  readonly batchSize?: number;
  /** The image at step 0 (made once per image). */
  readonly before: (image: RgbaImage) => RgbaImage;
  /** Where the pixels taken by step k come from (made once per image). */
  readonly after: (image: RgbaImage) => RgbaImage;
}

/**
 * For each step k = 1 … N − 1, whether the first round(k·P/N) pixels of two
 * orders are the same set (then the step images are the same image).
 *
 * @example
 * ```ts
 * import { sameSteps } from "./_curve.ts";
 * const a = new Uint32Array([0, 1, 2, 3]), b = new Uint32Array([1, 0, 3, 2]);
 * if (sameSteps(a, b, 4).join() !== "false,true,false") throw new Error();
 * ```
 */
export function sameSteps(
  a: Uint32Array,
  b: Uint32Array,
  steps: number,
): boolean[] {
  const inA = new Uint8Array(a.length), inB = new Uint8Array(b.length);
  const same: boolean[] = [];
  let taken = 0, common = 0;
  for (let k = 1; k < steps; k++) {
    const count = Math.round((k * a.length) / steps);
    for (; taken < count; taken++) {
      const p = a[taken], q = b[taken];
      inA[p] = 1;
      if (inB[p]) common++;
      inB[q] = 1;
      if (inA[q]) common++;
    }
    same.push(common === count);
  }
  return same;
}

/**
 * The score curve of every sample: at step k of N, the top round(k·P/N)
 * pixels of the map (of P) come from `after`, the rest from `before`. The
 * two end images do not depend on the map and are scored once per image and
 * class; so is any step image that is the same for two samples of one image
 * and class (their maps rank the same set of pixels first, as CAM and
 * Grad-CAM do on a GAP → Dense head).
 *
 * @example
 * ```ts
 * import { scoreCurves } from "./_curve.ts";
 * import type { RgbaImage } from "../types.ts";
 * const image = { width: 2, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255, 255, 0, 0, 255]) };
 * const black = { ...image, data: new Uint8ClampedArray([0, 0, 0, 255, 0, 0, 0, 255]) };
 * const red = (im: RgbaImage) => (im.data[0] + im.data[4]) / 510;
 * const [curve] = await scoreCurves(
 *   [{ image, classIndex: 0, map: new Float32Array([0, 1]) }],
 *   (images) => Promise.resolve(images.map(red)),
 *   { steps: 2, before: (im) => im, after: () => black },
 * );
 * if (curve.join() !== "1,0.5,0") throw new Error(curve.join());
 * ```
 */
export async function scoreCurves(
  samples: readonly ExplainedSample[],
  scorer: ClassScorer,
  spec: CurveSpec,
): Promise<Float64Array[]> {
  const steps = checkSteps(spec.steps);
  const batchSize = checkBatchSize(spec.batchSize);
  samples.forEach(checkSample);
  const befores = new SharedByImage<RgbaImage>();
  const afters = new SharedByImage<RgbaImage>();
  const before = (s: ExplainedSample) =>
    befores.get(s.image, 0, () => spec.before(s.image));
  const after = (s: ExplainedSample) =>
    afters.get(s.image, 0, () => spec.after(s.image));
  const jobs: ScoreJob[] = [];
  const firsts = new SharedByImage<number>();
  const lasts = new SharedByImage<number>();
  // Earlier samples of the same image and class: their orders and step jobs.
  const groups = new SharedByImage<{ order: Uint32Array; inner: number[] }[]>();
  const plan = samples.map((s) => {
    const first = firsts.get(
      s.image,
      s.classIndex,
      () =>
        jobs.push({ render: () => before(s), classIndex: s.classIndex }) - 1,
    );
    const last = lasts.get(
      s.image,
      s.classIndex,
      () => jobs.push({ render: () => after(s), classIndex: s.classIndex }) - 1,
    );
    const order = pixelOrder(s.map);
    const group = groups.get(s.image, s.classIndex, () => []);
    const shared = group.map((g) => sameSteps(g.order, order, steps));
    const inner: number[] = [];
    for (let k = 1; k < steps; k++) {
      const twin = shared.findIndex((same) => same[k - 1]);
      inner.push(
        twin >= 0 ? group[twin].inner[k - 1] : jobs.push({
          render: () =>
            mix(before(s), after(s), {
              order,
              count: Math.round((k * order.length) / steps),
            }),
          classIndex: s.classIndex,
        }) - 1,
      );
    }
    group.push({ order, inner });
    return [first, ...inner, last];
  });
  const scores = await scoreJobs(jobs, scorer, batchSize);
  return plan.map((indices) => Float64Array.from(indices, (j) => scores[j]));
}

function mix(
  before: RgbaImage,
  after: RgbaImage,
  options: { order: Uint32Array; count: number },
): RgbaImage {
  const data = new Uint8ClampedArray(before.data);
  for (let i = 0; i < options.count; i++) {
    const p = options.order[i] * 4;
    data[p] = after.data[p];
    data[p + 1] = after.data[p + 1];
    data[p + 2] = after.data[p + 2];
    data[p + 3] = after.data[p + 3];
  }
  return { width: before.width, height: before.height, data };
}
