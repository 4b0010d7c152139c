/**
 * camkit: class activation maps (CAM, Grad-CAM, Grad-CAM++) for TensorFlow.js
 * image classifiers, in Deno, browsers and edge runtimes.
 *
 * Load a TF.js layers or graph model, explain images, render overlays:
 *
 * @example
 * ```ts
 * import { encodePng, explain, loadModel, overlay, useBackend } from "./mod.ts";
 * import { saveTinyModel } from "./tests/fixtures/tiny_models.ts";
 *
 * await useBackend("cpu"); // or "wasm", "webgpu", "auto"
 * const { model } = await loadModel(await saveTinyModel("gapDense"));
 * const image = { width: 24, height: 24, data: new Uint8ClampedArray(24 * 24 * 4).fill(128) };
 * const [result] = await explain(model, [image], { methods: ["cam", "grad-cam", "grad-cam++"] });
 * for (const e of result.explanations) {
 *   const png = await encodePng(overlay(image, e.map, { alpha: 0.5, colormap: "jet" }));
 *   console.log(e.method, e.classIndex, e.peak, png.length);
 * }
 * model.dispose();
 * ```
 *
 * @module
 */
export * from "./core/mod.ts";
export * from "./core/metrics/mod.ts";
export {
  type ClassScore,
  explain,
  type ExplainOptions,
  type Explanation,
  type ImageExplanation,
} from "./core/explain.ts";
export { topK } from "./core/top_k.ts";
export * from "./backends/mod.ts";
