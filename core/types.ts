/**
 * Value types shared by every part of camkit. Feature maps use one fixed
 * layout: a single image, NHWC order, `data[(y * width + x) * channels + k]`.
 *
 * @module
 */

/** Activations or gradients of one layer for one image (HWC, row major). */
export interface FeatureMap {
  /** Rows of the map. */
  readonly height: number;
  /** Columns of the map. */
  readonly width: number;
  /** Channels (K). */
  readonly channels: number;
  /** `height * width * channels` values, index `(y * width + x) * channels + k`. */
  readonly data: Float32Array;
}

/** What a method may ask the model for. */
export type CaptureKind = "activations" | "gradients" | "classifierWeights";

/** Everything a method needs about one layer, one image and one class. */
export interface LayerCapture {
  /** A: the target layer's activations. */
  readonly activations: FeatureMap;
  /** G = ∂y_c/∂A, same shape as `activations` (when requested). */
  readonly gradients?: FeatureMap;
  /** CAM's effective linear weights from each channel to class c (when requested). */
  readonly classifierWeights?: Float32Array;
}

/** A method of the "weights × activations" family: M = Σ_k w_k A_k. */
export interface CamStrategy {
  /** Kebab-case name, for example `"grad-cam++"`. */
  readonly name: string;
  /** The captures this method reads; CAM never asks for gradients. */
  readonly requires: ReadonlySet<CaptureKind>;
  /** One weight per channel of the capture. */
  weights(capture: LayerCapture): Float32Array;
}

/** An 8-bit RGBA image, row major, 4 bytes per pixel. */
export interface RgbaImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** `width * height * 4` bytes. */
  readonly data: Uint8ClampedArray;
}

/** A point in pixel coordinates. */
export interface Point {
  /** Column. */
  readonly x: number;
  /** Row. */
  readonly y: number;
}

/** An axis-aligned box in pixel coordinates (inclusive start, size in pixels). */
export interface Box {
  /** Left column. */
  readonly x: number;
  /** Top row. */
  readonly y: number;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** A width and a height in pixels. */
export interface Size {
  /** Width in pixels (columns). */
  readonly width: number;
  /** Height in pixels (rows). */
  readonly height: number;
}
