/**
 * Batched scoring for the model-dependent metrics: images are rendered only
 * when their batch is due, so memory stays at one batch.
 *
 * @module
 */
import type { RgbaImage } from "../types.ts";
import type { ClassScorer } from "./types.ts";

/** One image to score, drawn on demand. */
export interface ScoreJob {
  /** Draws the image. */
  readonly render: () => RgbaImage;
  /** The class whose score is wanted. */
  readonly classIndex: number;
}

/**
 * Throws a `RangeError` unless `batchSize` is a whole number ≥ 1.
 *
 * @example
 * ```ts
 * import { checkBatchSize } from "./_score.ts";
 * if (checkBatchSize(undefined) !== 32) throw new Error();
 * ```
 */
export function checkBatchSize(batchSize: number | undefined): number {
  const size = batchSize ?? 32;
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(
      `Invalid batch size ${batchSize}: use a whole number ≥ 1`,
    );
  }
  return size;
}

/**
 * Scores every job, `batchSize` images per scorer call, in order. A scorer
 * that returns the wrong number of scores, or a score that is not a finite
 * number, is a `TypeError`.
 *
 * @example
 * ```ts
 * import { scoreJobs } from "./_score.ts";
 * const image = { width: 1, height: 1, data: new Uint8ClampedArray([10, 0, 0, 255]) };
 * const jobs = [0, 1, 2].map((c) => ({ render: () => image, classIndex: c }));
 * const scores = await scoreJobs(jobs, (_, cs) => Promise.resolve(cs.map((c) => c / 10)), 2);
 * if (scores.join() !== "0,0.1,0.2") throw new Error(scores.join());
 * ```
 */
export async function scoreJobs(
  jobs: readonly ScoreJob[],
  scorer: ClassScorer,
  batchSize: number,
): Promise<Float64Array> {
  const scores = new Float64Array(jobs.length);
  for (let start = 0; start < jobs.length; start += batchSize) {
    const batch = jobs.slice(start, start + batchSize);
    const result = await scorer(
      batch.map((job) => job.render()),
      batch.map((job) => job.classIndex),
    );
    if (result.length !== batch.length) {
      throw new TypeError(
        `The scorer returned ${result.length} scores for ${batch.length} images: return one score per image`,
      );
    }
    for (let i = 0; i < batch.length; i++) {
      const score = result[i];
      if (!Number.isFinite(score)) {
        throw new TypeError(
          `The scorer returned ${score} for class ${
            batch[i].classIndex
          }: return finite numbers (probabilities in [0, 1])`,
        );
      }
      scores[start + i] = score;
    }
  }
  return scores;
}

/**
 * A key-by-identity cache for values shared by samples of the same image and
 * class (the unperturbed image's score, a blurred copy).
 *
 * @example
 * ```ts
 * import { SharedByImage } from "./_score.ts";
 * const cache = new SharedByImage<number>();
 * const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
 * const a = cache.get(image, 3, () => 1);
 * const b = cache.get(image, 3, () => 2);
 * if (a !== 1 || b !== 1) throw new Error();
 * ```
 */
export class SharedByImage<T> {
  #values = new Map<RgbaImage, Map<number, T>>();

  /** The value for `image` and `key`, made by `make` the first time. */
  get(image: RgbaImage, key: number, make: () => T): T {
    let byKey = this.#values.get(image);
    if (!byKey) this.#values.set(image, byKey = new Map());
    if (!byKey.has(key)) byKey.set(key, make());
    return byKey.get(key)!;
  }
}
