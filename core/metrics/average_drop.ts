/**
 * Average Drop % and % Increase in Confidence (Chattopadhyay et al.,
 * "Grad-CAM++", WACV 2018, §4.1). Y_c is the model's score of class c on the
 * image, O_c its score on the image multiplied by the explanation map
 * ("explanation map" E_c = I ⊙ L_c): a faithful map keeps what the model
 * needs, so the score should not drop much.
 *
 * - Average Drop % = (1/N) Σ_i max(0, Y_c^i − O_c^i) / Y_c^i · 100 — lower is
 *   better.
 * - % Increase in Confidence = (1/N) Σ_i [O_c^i > Y_c^i] · 100 — higher is
 *   better.
 *
 * @module
 */
import type { RgbaImage } from "../types.ts";
import type { ClassScorer, ExplainedSample } from "./types.ts";
import { checkImage, checkSample } from "./_checks.ts";
import {
  checkBatchSize,
  type ScoreJob,
  scoreJobs,
  SharedByImage,
} from "./_score.ts";

/**
 * The image multiplied by the map: each pixel's R, G and B times its map
 * value (clamped to [0, 1]), alpha unchanged. Pixels the map ignores turn
 * black, in pixel space before the model's own preprocessing.
 *
 * @example
 * ```ts
 * import { maskByMap } from "./average_drop.ts";
 * const image = { width: 2, height: 1, data: new Uint8ClampedArray([200, 100, 50, 255, 200, 100, 50, 255]) };
 * const out = maskByMap(image, new Float32Array([1, 0.5]));
 * if (out.data.join() !== "200,100,50,255,100,50,25,255") throw new Error(out.data.join());
 * ```
 */
export function maskByMap(image: RgbaImage, map: Float32Array): RgbaImage {
  checkImage(image);
  if (map.length !== image.width * image.height) {
    throw new TypeError(
      `The map has ${map.length} values but the ${image.width}×${image.height} image needs ${
        image.width * image.height
      }: give the map at the image's size`,
    );
  }
  const data = new Uint8ClampedArray(image.data.length);
  for (let p = 0; p < map.length; p++) {
    const v = map[p];
    const w = v > 0 ? (v < 1 ? v : 1) : 0;
    const i = p * 4;
    data[i] = Math.round(image.data[i] * w);
    data[i + 1] = Math.round(image.data[i + 1] * w);
    data[i + 2] = Math.round(image.data[i + 2] * w);
    data[i + 3] = image.data[i + 3];
  }
  return { width: image.width, height: image.height, data };
}

/** Average Drop and Increase in Confidence over a set of images. */
export interface ConfidenceChange {
  /** Average Drop %, in [0, 100]; lower is better. */
  readonly averageDrop: number;
  /** % Increase in Confidence, in [0, 100]; higher is better. */
  readonly increaseInConfidence: number;
}

/**
 * The two numbers from the scores on the images (`original`, Y) and on the
 * explanation maps (`explained`, O), one pair per image. An image with Y ≤ 0
 * has nothing to drop and adds 0 to the drop. No images: both 0.
 *
 * @example
 * ```ts
 * import { confidenceChange } from "./average_drop.ts";
 * // drops 50 %, 0 % (an increase), 100 %
 * const r = confidenceChange([0.8, 0.5, 0.2], [0.4, 0.6, 0]);
 * if (r.averageDrop !== 50 || Math.abs(r.increaseInConfidence - 100 / 3) > 1e-12) {
 *   throw new Error(JSON.stringify(r));
 * }
 * ```
 */
export function confidenceChange(
  original: ArrayLike<number>,
  explained: ArrayLike<number>,
): ConfidenceChange {
  if (original.length !== explained.length) {
    throw new RangeError(
      `Cannot compare ${original.length} scores with ${explained.length}: give one pair per image`,
    );
  }
  const n = original.length;
  if (n === 0) return { averageDrop: 0, increaseInConfidence: 0 };
  let drop = 0, increased = 0;
  for (let i = 0; i < n; i++) {
    const y = original[i], o = explained[i];
    if (y > 0) drop += Math.max(0, y - o) / y;
    if (o > y) increased++;
  }
  return {
    averageDrop: (drop / n) * 100,
    increaseInConfidence: (increased / n) * 100,
  };
}

/** Options for {@linkcode averageDrop}. */
export interface AverageDropOptions {
  /** Images per scorer call. Default 32. */
  batchSize?: number;
}

/** The outcome of {@linkcode averageDrop}: the totals and each sample's scores. */
export interface AverageDropResult extends ConfidenceChange {
  /** Y_c: the score on each sample's image. */
  readonly original: number[];
  /** O_c: the score on each sample's image ⊙ map. */
  readonly explained: number[];
}

/**
 * Scores every sample's image and its image ⊙ map with `scorer` (batched;
 * samples sharing an image object and class share the first score) and
 * returns Average Drop % and % Increase in Confidence.
 *
 * @example
 * ```ts
 * import { averageDrop } from "./average_drop.ts";
 * import type { ClassScorer } from "./types.ts";
 * // A fake model: the score is the image's mean red level / 255.
 * const scorer: ClassScorer = (images) => Promise.resolve(images.map((im) =>
 *   im.data.filter((_, i) => i % 4 === 0).reduce((a, b) => a + b, 0) / (255 * im.width * im.height)));
 * const image = { width: 2, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255, 255, 0, 0, 255]) };
 * const r = await averageDrop([{ image, classIndex: 0, map: new Float32Array([1, 0]) }], scorer);
 * if (r.averageDrop !== 50 || r.increaseInConfidence !== 0) throw new Error(JSON.stringify(r));
 * ```
 */
export async function averageDrop(
  samples: readonly ExplainedSample[],
  scorer: ClassScorer,
  options: AverageDropOptions = {},
): Promise<AverageDropResult> {
  const batchSize = checkBatchSize(options.batchSize);
  samples.forEach(checkSample);
  const jobs: ScoreJob[] = [];
  const shared = new SharedByImage<number>();
  const originalJob = samples.map((s) =>
    shared.get(
      s.image,
      s.classIndex,
      () => jobs.push({ render: () => s.image, classIndex: s.classIndex }) - 1,
    )
  );
  const explainedJob = samples.map((s) =>
    jobs.push({
      render: () => maskByMap(s.image, s.map),
      classIndex: s.classIndex,
    }) - 1
  );
  const scores = await scoreJobs(jobs, scorer, batchSize);
  const original = originalJob.map((j) => scores[j]);
  const explained = explainedJob.map((j) => scores[j]);
  return { ...confidenceChange(original, explained), original, explained };
}
