/**
 * From a photo to a model input and back: fit the image to the input size
 * (stretch or centre-crop), scale its pixels the way the model was trained,
 * and place a map computed on the input back onto the original photo.
 *
 * @module
 */
import type { Box, RgbaImage, Size } from "./types.ts";
import { checkImage, checkLength, checkSize } from "./_checks.ts";
import { resizeBilinear, resizeRgba } from "./resize.ts";

/**
 * Names of the pixel scalings {@linkcode toInput} knows.
 *
 * @example
 * ```ts
 * import { PREPROCESS_NAMES } from "./preprocess.ts";
 * if (!PREPROCESS_NAMES.includes("imagenet")) throw new Error("missing");
 * ```
 */
export const PREPROCESS_NAMES = [
  "unit",
  "symmetric",
  "imagenet",
  "caffe",
  "raw",
] as const;

/**
 * How pixel values x in 0..255 become model inputs:
 * `unit` x/255; `symmetric` x/127.5 − 1; `imagenet` (x/255 − mean)/std with
 * torchvision's mean and std; `caffe` BGR order minus the per-channel means
 * (Keras `preprocess_input` mode "caffe"); `raw` x unchanged.
 */
export type PreprocessName = typeof PREPROCESS_NAMES[number];

/** Options for {@linkcode toInput}. */
export interface ToInputOptions {
  /** Pixel scaling. */
  preprocess: PreprocessName;
  /**
   * 3 for RGB (BGR for `caffe`), 1 for luminance 0.299R + 0.587G + 0.114B
   * taken before scaling. One channel uses the mean of the three channels'
   * means and stds (imagenet 0.449 and 0.226, caffe 114.799). Default 3.
   */
  channels?: 1 | 3;
}

/** Per-channel mean and std in R, G, B order and 0..255 units: input = (x − mean) / std. */
function stats(preprocess: PreprocessName): { mean: number[]; std: number[] } {
  switch (preprocess) {
    case "unit":
      return { mean: [0, 0, 0], std: [255, 255, 255] };
    case "symmetric":
      return { mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] };
    case "imagenet":
      return {
        mean: [0.485, 0.456, 0.406].map((m) => m * 255),
        std: [0.229, 0.224, 0.225].map((s) => s * 255),
      };
    case "caffe":
      return { mean: [123.68, 116.779, 103.939], std: [1, 1, 1] };
    case "raw":
      return { mean: [0, 0, 0], std: [1, 1, 1] };
  }
}

/**
 * Model input values (HWC, row major) for an image already at the model's
 * size. An unknown `preprocess` is a `RangeError` listing the valid names.
 *
 * @example
 * ```ts
 * import { toInput } from "./preprocess.ts";
 * const image = { width: 1, height: 1, data: new Uint8ClampedArray([255, 0, 51, 255]) };
 * const x = toInput(image, { preprocess: "symmetric" }); // 255/127.5 − 1, −1, 51/127.5 − 1
 * if (x.join() !== "1,-1,-0.6000000238418579") throw new Error(String(x));
 * ```
 */
export function toInput(
  image: RgbaImage,
  options: ToInputOptions,
): Float32Array {
  const { preprocess, channels = 3 } = options;
  if (!(PREPROCESS_NAMES as readonly string[]).includes(preprocess)) {
    throw new RangeError(
      `Unknown preprocess "${preprocess}": use one of ${
        PREPROCESS_NAMES.join(", ")
      }`,
    );
  }
  if (channels !== 1 && channels !== 3) {
    throw new RangeError(
      `Invalid channel count ${channels}: use 1 (luminance) or 3 (colour)`,
    );
  }
  checkImage(image, "image");
  const { mean, std } = stats(preprocess);
  const pixels = image.width * image.height;
  const out = new Float32Array(pixels * channels);
  const src = image.data;
  if (channels === 1) {
    const m = (mean[0] + mean[1] + mean[2]) / 3;
    const s = (std[0] + std[1] + std[2]) / 3;
    for (let p = 0; p < pixels; p++) {
      const y = 0.299 * src[p * 4] + 0.587 * src[p * 4 + 1] +
        0.114 * src[p * 4 + 2];
      out[p] = (y - m) / s;
    }
    return out;
  }
  const order = preprocess === "caffe" ? [2, 1, 0] : [0, 1, 2];
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) {
      const k = order[c];
      out[p * 3 + c] = (src[p * 4 + k] - mean[k]) / std[k];
    }
  }
  return out;
}

/** Options for {@linkcode fitToInput}. */
export interface FitOptions {
  /** Model input width. */
  width: number;
  /** Model input height. */
  height: number;
  /**
   * `"stretch"`: resize the whole image, ignoring its aspect ratio.
   * `"crop"`: resize the largest centred region with the model's aspect ratio.
   */
  resize: "stretch" | "crop";
}

/** An image fitted to a model's input, and the part of the original it shows. */
export interface FitResult {
  /** The image at the model's input size. */
  readonly image: RgbaImage;
  /** The region of the original image that `image` shows, in its pixels. */
  readonly region: Box;
}

function crop(image: RgbaImage, region: Box): RgbaImage {
  const data = new Uint8ClampedArray(region.width * region.height * 4);
  for (let y = 0; y < region.height; y++) {
    const from = ((region.y + y) * image.width + region.x) * 4;
    data.set(
      image.data.subarray(from, from + region.width * 4),
      y * region.width * 4,
    );
  }
  return { width: region.width, height: region.height, data };
}

/**
 * Fits an image to the model's input size by stretching it or by cropping
 * the largest centred region with the model's aspect ratio, then resizing
 * (bilinear, as OpenCV INTER_LINEAR).
 *
 * @example
 * ```ts
 * import { fitToInput } from "./preprocess.ts";
 * const photo = { width: 400, height: 200, data: new Uint8ClampedArray(400 * 200 * 4) };
 * const { image, region } = fitToInput(photo, { width: 100, height: 100, resize: "crop" });
 * if (image.width !== 100 || region.x !== 100 || region.width !== 200) {
 *   throw new Error(JSON.stringify(region));
 * }
 * ```
 */
export function fitToInput(image: RgbaImage, options: FitOptions): FitResult {
  const { width, height, resize } = options;
  checkImage(image, "image");
  checkSize(options, "model input");
  let region: Box = { x: 0, y: 0, width: image.width, height: image.height };
  if (resize === "crop") {
    const cropWidth = Math.min(
      image.width,
      Math.max(1, Math.round(image.height * width / height)),
    );
    const cropHeight = Math.min(
      image.height,
      Math.max(1, Math.round(image.width * height / width)),
    );
    region = {
      x: Math.floor((image.width - cropWidth) / 2),
      y: Math.floor((image.height - cropHeight) / 2),
      width: cropWidth,
      height: cropHeight,
    };
  } else if (resize !== "stretch") {
    throw new RangeError(
      `Unknown resize mode "${resize}": use stretch or crop`,
    );
  }
  const source = resize === "crop" ? crop(image, region) : image;
  return { image: resizeRgba(source, { width, height }), region };
}

/** Options for {@linkcode mapToImage}. */
export interface MapToImageOptions {
  /** Width of the original image. */
  imageWidth: number;
  /** Height of the original image. */
  imageHeight: number;
  /** Where the map goes: the `region` from {@linkcode fitToInput}. */
  region: Box;
}

/**
 * Places a normalised map onto the original image: resized bilinearly to the
 * region's size, zero outside the region. A region that does not lie inside
 * the image is a `RangeError`.
 *
 * @example
 * ```ts
 * import { mapToImage } from "./preprocess.ts";
 * const map = mapToImage(new Float32Array([1]), { width: 1, height: 1 }, {
 *   imageWidth: 3, imageHeight: 1, region: { x: 1, y: 0, width: 1, height: 1 },
 * });
 * if (map.join() !== "0,1,0") throw new Error(String(map));
 * ```
 */
export function mapToImage(
  map: Float32Array,
  mapSize: Size,
  options: MapToImageOptions,
): Float32Array {
  const { imageWidth, imageHeight, region } = options;
  checkLength(map, mapSize, "map");
  checkSize({ width: imageWidth, height: imageHeight }, "image");
  checkSize(region, "region");
  if (
    !Number.isInteger(region.x) || !Number.isInteger(region.y) ||
    region.x < 0 || region.y < 0 ||
    region.x + region.width > imageWidth ||
    region.y + region.height > imageHeight
  ) {
    throw new RangeError(
      `Region ${
        JSON.stringify(region)
      } is outside the ${imageWidth}×${imageHeight} image: pass the region fitToInput returned for this image`,
    );
  }
  const inner = resizeBilinear(map, mapSize, region);
  const out = new Float32Array(imageWidth * imageHeight);
  for (let y = 0; y < region.height; y++) {
    out.set(
      inner.subarray(y * region.width, (y + 1) * region.width),
      (region.y + y) * imageWidth + region.x,
    );
  }
  return out;
}
