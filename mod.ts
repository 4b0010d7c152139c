/**
 * camkit: class activation maps (CAM, Grad-CAM, Grad-CAM++) for TensorFlow.js
 * image classifiers, in Deno, browsers and edge runtimes.
 *
 * The stable API, in the order of use: choose a backend
 * ({@linkcode useBackend}), load a model ({@linkcode loadModel}, or the
 * built-in {@linkcode DEMO_MODEL}), decode images ({@linkcode decodeImage}),
 * explain them ({@linkcode explain}), render overlays ({@linkcode overlay},
 * {@linkcode encodePng}) and measure the maps ({@linkcode pointingGame},
 * {@linkcode averageDrop}, {@linkcode deletion}, ...).
 *
 * The pure-TypeScript parts work without TF.js and are exported whole for
 * browsers and edge runtimes: `@camkit/camkit/core` (methods, normalisation,
 * resizing, colormaps, overlays, `.npy`) and `@camkit/camkit/metrics`.
 *
 * @example Explain the demo model's view of a generated scene
 * ```ts
 * import {
 *   DEMO_MODEL,
 *   encodePng,
 *   explain,
 *   loadModel,
 *   overlay,
 *   pointingGame,
 *   useBackend,
 * } from "./mod.ts";
 * import { generateScene } from "./core/shapes/mod.ts";
 *
 * await useBackend("cpu"); // or "wasm", "webgpu", "auto"
 * const { model, labels } = await loadModel(DEMO_MODEL);
 * const scene = generateScene(7, { classIndices: [3] }); // a star
 * const [result] = await explain(model, [scene.image], {
 *   methods: ["cam", "grad-cam", "grad-cam++"],
 *   preprocess: "unit",
 * });
 * for (const e of result.explanations) {
 *   const png = await encodePng(overlay(scene.image, e.map, { alpha: 0.5 }));
 *   const map = { width: scene.image.width, height: scene.image.height, data: e.map };
 *   const { hit } = pointingGame(map, { box: scene.objects[0].box });
 *   console.log(e.method, labels?.[e.classIndex], hit, png.length);
 * }
 * model.dispose();
 * ```
 *
 * @module
 */

// Backends: TF.js on WebGPU, WASM SIMD or CPU.
export {
  activeBackend,
  BACKEND_NAMES,
  type BackendChoice,
  type BackendName,
  probeWebGpu,
  useBackend,
  type UseBackendOptions,
} from "./backends/engine.ts";

// Models.
export {
  type LoadedModel,
  loadModel,
  type LoadModelOptions,
} from "./backends/load.ts";
export { DEMO_MODEL } from "./backends/assets.ts";
export {
  wrapArtifacts,
  type WrapArtifactsOptions,
} from "./backends/wrap_model.ts";
export type { ModelFormat } from "./backends/model_files.ts";
export type { ModelSettings } from "./backends/model_settings.ts";
export type {
  CamModel,
  LayerInfo,
  Prediction,
  ScoreKind,
} from "./core/graph.ts";

// Images.
export { decodeImage, type DecodeImageOptions } from "./backends/image_io.ts";
export { encodePng } from "./backends/png_encode.ts";
export type { Box, Point, RgbaImage, Size } from "./core/types.ts";

// Explanations.
export {
  type ClassScore,
  explain,
  type ExplainOptions,
  type Explanation,
  type ImageExplanation,
} from "./core/explain.ts";
export { cam } from "./core/cam.ts";
export { gradCam } from "./core/grad_cam.ts";
export { gradCamPlusPlus } from "./core/grad_cam_plus_plus.ts";
export { METHOD_NAMES } from "./core/methods.ts";
export type {
  CamStrategy,
  CaptureKind,
  FeatureMap,
  LayerCapture,
} from "./core/types.ts";
export { topK } from "./core/top_k.ts";
export type { PreprocessName } from "./core/preprocess.ts";

// Rendering.
export { overlay, type OverlayOptions } from "./core/overlay.ts";
export {
  colorize,
  type ColorizeOptions,
  COLORMAP_NAMES,
  type ColormapName,
} from "./core/colormap.ts";
export { boundingBox, type BoundingBoxOptions, peak } from "./core/localize.ts";
export { encodeNpy, type NpyArray } from "./core/npy.ts";

// Metrics.
export {
  averageDrop,
  type AverageDropOptions,
  type AverageDropResult,
  type ClassScorer,
  type CurveResult,
  deletion,
  type DeletionOptions,
  energyPointingGame,
  type HeatMap,
  insertion,
  type InsertionOptions,
  localization,
  type LocalizationOptions,
  type LocalizationResult,
  type ObjectRegion,
  pointingGame,
  type PointingGameOptions,
  type PointingResult,
} from "./core/metrics/mod.ts";
