/**
 * Ranking class scores.
 *
 * @module
 */

/**
 * Indices of the `k` largest values, largest first (ties keep index order).
 *
 * @example
 * ```ts
 * import { topK } from "./top_k.ts";
 * const best = topK(new Float32Array([0.1, 0.7, 0.2]), 2);
 * if (best.join() !== "1,2") throw new Error(String(best));
 * ```
 */
export function topK(values: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`Top-k must be a positive integer, got ${k}`);
  }
  return Array.from({ length: values.length }, (_, i) => i)
    .sort((a, b) => values[b] - values[a] || a - b)
    .slice(0, k);
}
