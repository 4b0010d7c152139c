/**
 * camkit's core: class activation maps in pure TypeScript, with no
 * dependencies, for Deno, browsers and edge runtimes.
 *
 * Methods: CAM (Zhou et al. 2016), Grad-CAM (Selvaraju et al. 2017) and
 * Grad-CAM++ (Chattopadhyay et al. 2018), as {@linkcode CamStrategy} objects
 * or by name. Then normalisation, OpenCV-style bilinear resizing, colormaps,
 * overlays, localisation, `.npy` export and input preprocessing.
 *
 * @example
 * ```ts
 * import { computeMap, normalizeMap } from "./mod.ts";
 * const activations = { height: 2, width: 2, channels: 1, data: new Float32Array([0, 1, 2, 3]) };
 * const gradients = { ...activations, data: new Float32Array([1, 1, 1, 1]) };
 * const map = computeMap("grad-cam", { activations, gradients });
 * const heat = normalizeMap(map, { width: 4, height: 4 });
 * if (heat.length !== 16) throw new Error(String(heat.length));
 * ```
 *
 * @module
 */
export type * from "./types.ts";
export type * from "./graph.ts";
export { cam } from "./cam.ts";
export { gradCam } from "./grad_cam.ts";
export { gradCamPlusPlus } from "./grad_cam_plus_plus.ts";
export { METHOD_NAMES, parseMethods, resolveMethod } from "./methods.ts";
export { type CamMap, computeMap, type ComputeMapOptions } from "./map.ts";
export {
  minMaxNormalize,
  normalizeMap,
  type NormalizeMapOptions,
  relu,
} from "./normalize.ts";
export { resizeBilinear, resizeRgba } from "./resize.ts";
export {
  colorize,
  type ColorizeOptions,
  colormap,
  COLORMAP_NAMES,
  type ColormapName,
} from "./colormap.ts";
export { grayscale, overlay, type OverlayOptions } from "./overlay.ts";
export { boundingBox, type BoundingBoxOptions, peak } from "./localize.ts";
export { decodeNpy, encodeNpy, type NpyArray } from "./npy.ts";
export {
  type FitOptions,
  type FitResult,
  fitToInput,
  mapToImage,
  type MapToImageOptions,
  PREPROCESS_NAMES,
  type PreprocessName,
  toInput,
  type ToInputOptions,
} from "./preprocess.ts";
