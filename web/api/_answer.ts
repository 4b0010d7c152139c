/**
 * The JSON answer of `POST /api/explain`: explain with the served model,
 * then each map as base64 of 8-bit values at the image's size and each
 * overlay as a PNG data URL.
 *
 * @module
 */
import { toBase64 } from "../../backends/base64.ts";
import { encodePng } from "../../backends/png_encode.ts";
import { explain } from "../../core/explain.ts";
import { overlay } from "../../core/overlay.ts";
import type { Box, Point, RgbaImage } from "../../core/types.ts";
import type { ExplainParams } from "./_params.ts";
import type { ExplainJob, ServedModel } from "./_pipeline.ts";

/** One map of the answer. */
export interface ExplanationAnswer {
  /** Method name, for example `"grad-cam++"`. */
  readonly method: string;
  /** Target layer. */
  readonly layer: string;
  /** The class explained. */
  readonly classIndex: number;
  /** Its name (the index when the model has no labels). */
  readonly label: string;
  /** The explained logit. */
  readonly score: number;
  /** Whether the map shows what argues against the class. */
  readonly counterfactual: boolean;
  /** The map's maximum, in image pixels. */
  readonly peak: Point;
  /** Box around the hottest region, or `null` for an all-zero map. */
  readonly bbox: Box | null;
  /** The normalised map: base64 of `width × height` bytes (round(v·255)). */
  readonly heatmap: {
    readonly width: number;
    readonly height: number;
    readonly data: string;
  };
  /** The heat map over the image: a `data:image/png;base64,` URL. */
  readonly overlay: string;
  /** Milliseconds: the shared capture plus this map. */
  readonly ms: number;
}

/** The answer of `POST /api/explain`. */
export interface ExplainAnswer {
  /** The backend that ran, for example `"wasm"`. */
  readonly backend: string;
  /** The model and the layer explained. */
  readonly model: {
    readonly name: string;
    readonly inputShape: readonly number[];
    readonly layer: string;
    readonly score: "logit";
    readonly labels: readonly string[] | null;
  };
  /** Image width. */
  readonly width: number;
  /** Image height. */
  readonly height: number;
  /** Top predictions, best first (`score` is the softmax probability). */
  readonly predictions: readonly {
    readonly index: number;
    readonly label: string;
    readonly score: number;
    readonly logit: number;
  }[];
  /** One per class and method. */
  readonly explanations: readonly ExplanationAnswer[];
  /** Methods that do not apply to the model, with the reason. */
  readonly skipped: readonly { method: string; reason: string }[];
}

/**
 * A normalised map in [0, 1] as 8-bit values (round(v·255)).
 *
 * @example
 * ```ts
 * import { quantizeMap } from "./_answer.ts";
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
): Promise<ExplainAnswer> {
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
  const explanations: ExplanationAnswer[] = [];
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
      score: "logit" as const,
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
