/**
 * The deletion metric (Petsiuk et al., "RISE", BMVC 2018, §4.1): remove the
 * pixels the map ranks highest first, a fraction 1/N of the image per step,
 * and follow the class probability. A faithful map makes it fall fast, so
 * a *lower* area under the curve is better.
 *
 * Removed pixels are set to black (R = G = B = 0, alpha kept), as in RISE:
 * "zero" in pixel space. With camkit's `unit` preprocessing that is a zero
 * input; with `symmetric` or `imagenet` it is the darkest input, not zero.
 *
 * @module
 */
import type { ClassScorer, ExplainedSample } from "./types.ts";
import { black, scoreCurves, trapezoidAuc } from "./_curve.ts";

/** Options for {@linkcode deletion}. */
export interface DeletionOptions {
  /**
   * Steps N: the curve has N + 1 points, at 0, 1/N, …, all pixels removed.
   * Default `16` (each step removes 1/16 of the image, 784 pixels at
   * 112×112).
   */
  steps?: number;
  /** Images per scorer call. Default 32. */
  batchSize?: number;
}

/** Curves and areas of a faithfulness metric, one per sample. */
export interface CurveResult {
  /** Normalised area under each sample's curve, in [0, 1] for probabilities. */
  readonly auc: number[];
  /** Each sample's N + 1 scores, from step 0 to step N. */
  readonly curves: Float64Array[];
}

/**
 * The deletion curve and its area for every sample: step k blacks out the
 * round(k·P/N) pixels with the largest map values (ties in row-major order)
 * and scores the class with `scorer`, batched. The area is the trapezoidal
 * rule over x = 0, 1/N, …, 1.
 *
 * @example
 * ```ts
 * import { deletion } from "./deletion.ts";
 * import type { ClassScorer } from "./types.ts";
 * // 4×1 image, object = the two left pixels; the fake model's score is the
 * // fraction of object pixels still red.
 * const image = { width: 4, height: 1, data: new Uint8ClampedArray([
 *   255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 255]) };
 * const scorer: ClassScorer = (images) =>
 *   Promise.resolve(images.map((im) => (im.data[0] === 255 ? 0.5 : 0) + (im.data[4] === 255 ? 0.5 : 0)));
 * const map = new Float32Array([1, 0.9, 0, 0]); // points at the object
 * const { auc, curves } = await deletion([{ image, classIndex: 0, map }], scorer, { steps: 4 });
 * if (curves[0].join() !== "1,0.5,0,0,0" || auc[0] !== 0.25) throw new Error(String(auc));
 * ```
 */
export async function deletion(
  samples: readonly ExplainedSample[],
  scorer: ClassScorer,
  options: DeletionOptions = {},
): Promise<CurveResult> {
  const curves = await scoreCurves(samples, scorer, {
    steps: options.steps,
    batchSize: options.batchSize,
    before: (image) => image,
    after: black,
  });
  return { auc: curves.map(trapezoidAuc), curves };
}
