/**
 * The server-side explanation pipeline of `POST /api/explain`: the demo
 * model, loaded once (lazily) on the WASM backend and shared by every
 * request; decoding the upload with size checks; explaining; and the JSON
 * answer with 8-bit heat maps and PNG overlays.
 *
 * This module loads TensorFlow.js, so the handler imports it only when the
 * first explanation (or a health check after it) needs it.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  activeBackend,
  type BackendChoice,
  type BackendName,
  tensorCount,
  useBackend,
} from "../../backends/engine.ts";
import { loadModel } from "../../backends/load.ts";
import { decodeImage, sniffImage } from "../../backends/image_io.ts";
import { encodePng } from "../../backends/png_encode.ts";
import { explain } from "../../core/explain.ts";
import { overlay } from "../../core/overlay.ts";
import type { CamModel } from "../../core/graph.ts";
import type { PreprocessName } from "../../core/preprocess.ts";
import type { RgbaImage } from "../../core/types.ts";
import { HttpError } from "../_http.ts";
import type { ExplainParams } from "./_params.ts";
import { checkLayer, resolveClassList } from "./_params.ts";

/** The demo model shipped with camkit. */
export const DEMO_MODEL_URL: URL = new URL(
  "../../backends/demo_model/model.json",
  import.meta.url,
);

/** A model ready to serve explanations. */
export interface ServedModel {
  /** Short name in answers, for example `"demo"`. */
  readonly name: string;
  /** The model. */
  readonly model: CamModel;
  /** Class names, when known. */
  readonly labels: readonly string[] | undefined;
  /** Input scaling from camkit.json. */
  readonly preprocess: PreprocessName;
  /** Default target layer. */
  readonly layer: string;
  /** The backend it runs on. */
  readonly backend: BackendName;
}

/** Options for {@linkcode ModelService}. */
export interface ModelServiceOptions {
  /** Backend to run on. Default `"wasm"`. */
  backend?: BackendChoice;
  /** The model.json to serve. Default the demo model. */
  model?: URL;
  /** Name in answers. Default `"demo"`. */
  name?: string;
}

function location(url: URL): string {
  return url.protocol === "file:" ? fileURLToPath(url) : url.href;
}

/**
 * Loads one model once, on first use, and shares it. A failed load is
 * reported to the request that triggered it and retried by the next one.
 *
 * @example
 * ```ts
 * import { ModelService } from "./_pipeline.ts";
 * const service = new ModelService({ backend: "cpu" });
 * const [a, b] = await Promise.all([service.get(), service.get()]);
 * if (a !== b || a.labels?.[0] !== "circle") throw new Error("not shared");
 * await service.dispose();
 * ```
 */
export class ModelService {
  #options: ModelServiceOptions;
  #loading: Promise<ServedModel> | undefined;
  #ready = false;

  /** A service for the model in `options` (not loaded yet). */
  constructor(options: ModelServiceOptions = {}) {
    this.#options = options;
  }

  /** `"idle"` before the first request, `"loading"`, or `"ready"`. */
  get state(): "idle" | "loading" | "ready" {
    if (this.#ready) return "ready";
    return this.#loading === undefined ? "idle" : "loading";
  }

  /** The loaded model (loads it on first call). */
  get(): Promise<ServedModel> {
    this.#loading ??= this.#load().then((served) => {
      this.#ready = true;
      return served;
    }, (error) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #load(): Promise<ServedModel> {
    const backend = await useBackend(this.#options.backend ?? "wasm");
    const loaded = await loadModel(
      location(this.#options.model ?? DEMO_MODEL_URL),
    );
    return {
      name: this.#options.name ?? "demo",
      model: loaded.model,
      labels: loaded.labels,
      preprocess: loaded.settings.preprocess ?? "unit",
      layer: loaded.settings.layer ?? loaded.model.defaultLayer,
      backend,
    };
  }

  /** Frees the model's weights (when it was loaded). */
  async dispose(): Promise<void> {
    if (this.#loading === undefined) return;
    try {
      (await this.#loading).model.dispose();
    } catch {
      // It never loaded: nothing to free.
    }
    this.#loading = undefined;
    this.#ready = false;
  }
}

/** The engine's state for health checks. */
export function engineStats(): { backend: BackendName; tensors: number } {
  return { backend: activeBackend(), tensors: tensorCount() };
}

/** A request checked against the model: what to run. */
export interface ExplainJob {
  /** Class indices (empty: the top class). */
  readonly classes: readonly number[];
  /** Target layer. */
  readonly layer: string;
}

/**
 * Checks the classes and layer of `params` against the served model (400 on
 * a mistake), before the request is queued.
 */
export function planJob(
  served: ServedModel,
  params: ExplainParams,
): ExplainJob {
  const { model } = served;
  const classes = resolveClassList(params.classes, {
    numClasses: model.numClasses,
    labels: served.labels,
  });
  const layer = params.layer ?? served.layer;
  if (params.layer !== undefined) checkLayer(layer, model.layers);
  if (params.methods.every((m) => m.requires.has("classifierWeights"))) {
    const head = model.linearHead(layer);
    if (!head.ok) throw new HttpError(400, head.reason);
  }
  return { classes, layer };
}

/**
 * Refuses, before decoding, what is not a PNG, JPEG or TIFF or has more
 * than `maxPixels` pixels according to its header (a 400
 * {@linkcode HttpError}).
 *
 * @example
 * ```ts
 * import { checkUpload } from "./_pipeline.ts";
 * let status = 0;
 * try {
 *   checkUpload(new TextEncoder().encode("GIF89a..."), 1e6);
 * } catch (error) {
 *   status = (error as { status: number }).status;
 * }
 * if (status !== 400) throw new Error(String(status));
 * ```
 */
export function checkUpload(bytes: Uint8Array, maxPixels: number): void {
  const sniff = sniffImage(bytes);
  if (sniff === undefined) {
    throw new HttpError(
      400,
      "The upload is not a PNG, JPEG or TIFF image: send one of those",
    );
  }
  if (sniff.width !== undefined && sniff.height !== undefined) {
    checkPixels(sniff.width, sniff.height, maxPixels);
  }
}

function checkPixels(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new HttpError(
      400,
      `The image is ${width}x${height} pixels: the API explains images up to ${
        (maxPixels / 1e6).toFixed(1)
      } megapixels; downscale it first`,
    );
  }
}

/** Decodes an upload; every failure is a 400 naming the problem. */
export async function decodeUpload(
  bytes: Uint8Array,
  maxPixels: number,
): Promise<RgbaImage> {
  checkUpload(bytes, maxPixels);
  let image: RgbaImage;
  try {
    image = await decodeImage(bytes, { name: "upload" });
  } catch (error) {
    throw new HttpError(400, (error as Error).message);
  }
  checkPixels(image.width, image.height, maxPixels);
  return image;
}

/**
 * Base64 of bytes: the built-in `Uint8Array.prototype.toBase64` where the
 * runtime has it (50 times faster), else `btoa` in chunks.
 *
 * @example
 * ```ts
 * import { toBase64 } from "./_pipeline.ts";
 * if (toBase64(new Uint8Array([0, 255, 128])) !== "AP+A") throw new Error();
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (typeof native === "function") return native.call(bytes);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * A normalised map in [0, 1] as 8-bit values (round(v·255)).
 *
 * @example
 * ```ts
 * import { quantizeMap } from "./_pipeline.ts";
 * if (quantizeMap(new Float32Array([0, 0.5, 1])).join() !== "0,128,255") throw new Error();
 * ```
 */
export function quantizeMap(map: Float32Array): Uint8Array {
  const out = new Uint8Array(map.length);
  for (let i = 0; i < map.length; i++) {
    out[i] = Math.round(Math.min(Math.max(map[i], 0), 1) * 255);
  }
  return out;
}

/** Explains `image` with the served model; the JSON answer of the API. */
export async function explainToJson(
  served: ServedModel,
  image: RgbaImage,
  request: { params: ExplainParams; job: ExplainJob },
): Promise<Record<string, unknown>> {
  const { params, job } = request;
  const { model, labels } = served;
  const label = (index: number) => labels?.[index] ?? String(index);
  const [result] = await explain(model, [image], {
    methods: params.methods,
    layer: job.layer,
    classes: job.classes.length > 0 ? job.classes : undefined,
    topK: Math.min(5, model.numClasses),
    counterfactual: params.counterfactual,
    preprocess: served.preprocess,
  });
  const explanations = [];
  for (const e of result.explanations) {
    const png = await encodePng(
      overlay(image, e.map, { alpha: params.alpha, colormap: params.colormap }),
    );
    explanations.push({
      method: e.method,
      layer: e.layer,
      classIndex: e.classIndex,
      label: label(e.classIndex),
      score: e.score,
      counterfactual: params.counterfactual,
      peak: e.peak,
      bbox: e.bbox,
      heatmap: {
        width: image.width,
        height: image.height,
        data: toBase64(quantizeMap(e.map)),
      },
      overlay: `data:image/png;base64,${toBase64(png)}`,
      ms: Math.round(e.ms * 10) / 10,
    });
  }
  return {
    backend: served.backend,
    model: {
      name: served.name,
      inputShape: model.inputShape,
      layer: job.layer,
      score: "logit",
      labels: labels ?? null,
    },
    width: image.width,
    height: image.height,
    predictions: result.predictions.map((p) => ({
      index: p.index,
      label: label(p.index),
      score: p.probability,
      logit: p.logit,
    })),
    explanations,
    skipped: result.skipped,
  };
}
