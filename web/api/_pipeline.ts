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
import { DEMO_MODEL } from "../../backends/assets.ts";
import { decodeImage, sniffImage } from "../../backends/image_io.ts";
import type { CamModel } from "../../core/graph.ts";
import type { PreprocessName } from "../../core/preprocess.ts";
import type { RgbaImage } from "../../core/types.ts";
import { HttpError } from "../_http.ts";
import type { ExplainParams } from "./_params.ts";
import { checkLayer, resolveClassList } from "./_params.ts";
export { type ExplainAnswer, explainToJson } from "./_answer.ts";

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
    const { model } = this.#options;
    const loaded = await loadModel(model ? location(model) : DEMO_MODEL);
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
