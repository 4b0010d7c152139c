/**
 * Value types of the explanation-quality metrics.
 *
 * @module
 */
import type { Box, RgbaImage } from "../types.ts";

/** A heat map at an image's size: `width * height` values, row by row. */
export interface HeatMap {
  /** Columns. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** One value per pixel, row major; larger means "more important". */
  readonly data: Float32Array;
}

/** Where an object really is, in the image's pixels. */
export interface ObjectRegion {
  /** The tightest box around the object. */
  readonly box: Box;
  /**
   * Optional pixel mask at the image's size (`width * height` bytes, non-zero
   * inside the object). When given, the pointing games use it instead of the
   * box.
   */
  readonly mask?: Uint8Array;
}

/**
 * A batched class scorer: for each image, the model's score (a probability
 * in [0, 1]) of the class at the same position of `classIndices`. camkit's
 * model-dependent metrics call it so that `core/` stays framework-agnostic.
 */
export type ClassScorer = (
  images: readonly RgbaImage[],
  classIndices: readonly number[],
) => Promise<ArrayLike<number>>;

/** One explanation to test for faithfulness: an image, a class, its map. */
export interface ExplainedSample {
  /** The image as the model would see it before preprocessing. */
  readonly image: RgbaImage;
  /** The explained class. */
  readonly classIndex: number;
  /** The map in [0, 1] at the image's size (`width * height` values). */
  readonly map: Float32Array;
}
