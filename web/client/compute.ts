/// <reference lib="dom" />
/**
 * The page's computation, in the visitor's browser: start a TF.js backend
 * (WebGPU when the browser gives a real adapter, else WASM SIMD), load a
 * model, and explain an image with CAM, Grad-CAM and Grad-CAM++ through the
 * same `core/explain.ts` pipeline the CLI and the API use. Loaded lazily by
 * the Explainer island, so the page hydrates before TF.js arrives.
 *
 * @module
 */
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import {
  type BackendName,
  probeWebGpu,
  tf,
  useBackend,
} from "../../backends/engine.ts";
import { explain } from "../../core/explain.ts";
import type { PreprocessName } from "../../core/preprocess.ts";
import type { Box, Point, RgbaImage } from "../../core/types.ts";
import type { PageModel } from "./models.ts";
import { PAGE_METHODS } from "../_methods.ts";

export {
  loadModelFromFiles,
  loadModelFromUrl,
  type PageModel,
} from "./models.ts";
export { decodeBlob, decodeUrl } from "./images.ts";

/** The backend that runs, in words. */
export interface BackendInfo {
  /** TF.js backend name. */
  readonly name: BackendName;
  /** For people: "WebGPU (adapter)", "WASM SIMD", "WASM", "CPU". */
  readonly label: string;
}

/** Options for {@linkcode startBackend}. */
export interface StartBackendOptions {
  /** URL folder holding tfjs-backend-wasm's `.wasm` files. Default `"/static/wasm/"`. */
  wasmPath?: string;
  /** Backend to force; default `"auto"`. */
  choice?: "auto" | BackendName;
}

/**
 * Starts the best backend the browser offers and describes it.
 *
 * @example
 * ```ts ignore
 * import { startBackend } from "./compute.ts";
 * const backend = await startBackend({ wasmPath: "/static/wasm/" });
 * console.log(backend.label); // "WASM SIMD" without a GPU
 * ```
 */
export async function startBackend(
  options: StartBackendOptions = {},
): Promise<BackendInfo> {
  setWasmPaths(
    new URL(options.wasmPath ?? "/static/wasm/", location.href).href,
  );
  let name: BackendName;
  try {
    name = await useBackend(options.choice ?? "auto");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The engine's messages name the CLI's flag; the page has a menu.
    throw new Error(
      `${reason.replace(/; (use|choose another with) --backend.*$/, "")}; ` +
        "choose another backend",
    );
  }
  if (name === "webgpu") {
    const probe = await probeWebGpu();
    return {
      name,
      label: probe.available ? `WebGPU (${probe.description})` : "WebGPU",
    };
  }
  if (name === "wasm") {
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    return { name, label: simd ? "WASM SIMD" : "WASM" };
  }
  return { name, label: "CPU" };
}

/** One class among the top predictions. */
export interface PagePrediction {
  /** Class index. */
  readonly index: number;
  /** Class name (or "class N"). */
  readonly label: string;
  /** Softmax probability. */
  readonly probability: number;
}

/** One method's map. */
export interface PageMap {
  /** Method name. */
  readonly method: string;
  /** Class explained. */
  readonly classIndex: number;
  /** Its name. */
  readonly label: string;
  /** Normalised map in [0, 1] at the image's size. */
  readonly map: Float32Array;
  /** Where the map peaks. */
  readonly peak: Point;
  /** Box around the hot region, or null for an empty map. */
  readonly bbox: Box | null;
  /** Milliseconds (the shared forward pass plus this map's own work). */
  readonly ms: number;
}

/** What the page shows for one image. */
export interface PageResult {
  /** Top-5 predictions, best first. */
  readonly predictions: readonly PagePrediction[];
  /** One map per method that applies. */
  readonly maps: readonly PageMap[];
  /** Methods that do not apply to this model, with the reason. */
  readonly skipped: readonly { method: string; reason: string }[];
  /** Wall time of the whole explanation. */
  readonly totalMs: number;
}

/** Options for {@linkcode explainImage}. */
export interface ExplainImageOptions {
  /** Class to explain; default the top class. */
  classIndex?: number;
  /** Explain what argues against the class. Default false. */
  counterfactual?: boolean;
  /** Input scaling; default the model's camkit.json, else `"unit"`. */
  preprocess?: PreprocessName;
}

/**
 * The name of class `index`, or `"class N"` without labels.
 *
 * @example
 * ```ts
 * import { classLabel } from "./compute.ts";
 * if (classLabel(["cat", "dog"], 1) !== "dog") throw new Error();
 * if (classLabel(undefined, 7) !== "class 7") throw new Error();
 * ```
 */
export function classLabel(
  labels: readonly string[] | undefined,
  index: number,
): string {
  return labels?.[index] ?? `class ${index}`;
}

/**
 * Explains `image` with the page's three methods.
 *
 * @example
 * ```ts ignore
 * import { explainImage, loadModelFromUrl, decodeUrl } from "./compute.ts";
 * const model = await loadModelFromUrl(new URL("/models/demo/model.json", location.href).href);
 * const result = await explainImage(model, await decodeUrl("/static/samples/star.png"));
 * console.log(result.predictions[0].label, result.maps.map((m) => m.ms));
 * ```
 */
export async function explainImage(
  page: PageModel,
  image: RgbaImage,
  options: ExplainImageOptions = {},
): Promise<PageResult> {
  const started = performance.now();
  const [result] = await explain(page.model, [image], {
    methods: PAGE_METHODS,
    classes: options.classIndex === undefined
      ? undefined
      : [options.classIndex],
    counterfactual: options.counterfactual ?? false,
    preprocess: options.preprocess ?? page.settings.preprocess ?? "unit",
    layer: page.settings.layer,
  });
  return {
    predictions: result.predictions.map((p) => ({
      index: p.index,
      label: classLabel(page.labels, p.index),
      probability: p.probability,
    })),
    maps: result.explanations.map((e) => ({
      method: e.method,
      classIndex: e.classIndex,
      label: classLabel(page.labels, e.classIndex),
      map: e.map,
      peak: e.peak,
      bbox: e.bbox,
      ms: e.ms,
    })),
    skipped: result.skipped,
    totalMs: performance.now() - started,
  };
}
