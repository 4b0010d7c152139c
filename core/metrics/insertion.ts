/**
 * The insertion metric (Petsiuk et al., "RISE", BMVC 2018, §4.1): start from
 * a canvas with the object's evidence removed and put back the pixels the
 * map ranks highest first, a fraction 1/N per step, following the class
 * probability. A faithful map makes it rise fast, so a *higher* area under
 * the curve is better.
 *
 * The start canvas is, as in RISE, a blurred copy of the image (Gaussian, σ =
 * 5 px by default): it keeps the image's colours, so the curve measures the
 * shape evidence the map restores, and inserted pixels do not form sharp
 * edges against black that the model could take as evidence. `start:
 * "black"` uses a black canvas instead.
 *
 * @module
 */
import type { RgbaImage } from "../types.ts";
import type { ClassScorer, ExplainedSample } from "./types.ts";
import { black, scoreCurves, trapezoidAuc } from "./_curve.ts";
import { gaussianBlur } from "./blur.ts";
import { checkSigma } from "./_checks.ts";
import type { CurveResult } from "./deletion.ts";

/** Options for {@linkcode insertion}. */
export interface InsertionOptions {
  /** Steps N: the curve has N + 1 points. Default `16`. */
  steps?: number;
  /** Images per scorer call. Default 32. */
  batchSize?: number;
  /** The canvas at step 0: `"blur"` (default) or `"black"`. */
  start?: "blur" | "black";
  /** σ in pixels of the blurred canvas. Default `5`. */
  blurSigma?: number;
}

/**
 * The insertion curve and its area for every sample: step k copies the
 * round(k·P/N) pixels with the largest map values (ties in row-major order)
 * from the image onto the start canvas and scores the class with `scorer`,
 * batched. The area is the trapezoidal rule over x = 0, 1/N, …, 1.
 *
 * @example
 * ```ts
 * import { insertion } from "./insertion.ts";
 * import type { ClassScorer } from "./types.ts";
 * // 4×1 image, object = the two left pixels; the fake model's score is the
 * // fraction of object pixels that are red again.
 * const image = { width: 4, height: 1, data: new Uint8ClampedArray([
 *   255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 255]) };
 * const scorer: ClassScorer = (images) =>
 *   Promise.resolve(images.map((im) => (im.data[0] === 255 ? 0.5 : 0) + (im.data[4] === 255 ? 0.5 : 0)));
 * const map = new Float32Array([1, 0.9, 0, 0]);
 * const { auc } = await insertion([{ image, classIndex: 0, map }], scorer, { steps: 4, start: "black" });
 * if (auc[0] !== 0.75) throw new Error(String(auc)); // curve 0, 0.5, 1, 1, 1
 * ```
 */
export async function insertion(
  samples: readonly ExplainedSample[],
  scorer: ClassScorer,
  options: InsertionOptions = {},
): Promise<CurveResult> {
  const start = options.start ?? "blur";
  if (start !== "blur" && start !== "black") {
    throw new RangeError(
      `Unknown insertion start "${start}": use "blur" or "black"`,
    );
  }
  const sigma = checkSigma(options.blurSigma);
  const canvas = start === "blur"
    ? (image: RgbaImage) => gaussianBlur(image, { sigma })
    : black;
  const curves = await scoreCurves(samples, scorer, {
    steps: options.steps,
    batchSize: options.batchSize,
    before: canvas,
    after: (image) => image,
  });
  return { auc: curves.map(trapezoidAuc), curves };
}
