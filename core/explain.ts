/**
 * The explanation pipeline over any {@linkcode CamModel}: fit and preprocess
 * the images, capture once, compute every method's map, normalise it onto the
 * original image, and locate it (peak, bounding box).
 *
 * @module
 */
import type { CamModel, ScoreKind } from "./graph.ts";
import type { Box, CamStrategy, Point, RgbaImage } from "./types.ts";
import { resolveMethod } from "./methods.ts";
import { computeMap } from "./map.ts";
import { normalizeMap } from "./normalize.ts";
import {
  fitToInput,
  mapToImage,
  type PreprocessName,
  toInput,
} from "./preprocess.ts";
import { boundingBox, peak } from "./localize.ts";
import { topK } from "./top_k.ts";

/** Options for {@linkcode explain}. */
export interface ExplainOptions {
  /** Methods by name or strategy. Default `["grad-cam"]`. */
  methods?: readonly (string | CamStrategy)[];
  /** Target layer. Default: the model's last spatial layer. */
  layer?: string;
  /** Classes to explain in every image. Default: each image's top class. */
  classes?: readonly number[];
  /** How many predictions to report per image. Default 5. */
  topK?: number;
  /** Score to explain: `"logit"` (default) or `"softmax"`. */
  score?: ScoreKind;
  /** Explain what argues against the class (−G). Default `false`. */
  counterfactual?: boolean;
  /** Input scaling. Default `"unit"` ([0, 1]). */
  preprocess?: PreprocessName;
  /** `"stretch"` the image to the input size (default) or centre-`"crop"` it. */
  resize?: "stretch" | "crop";
  /** Threshold of the bounding box, as a fraction of the map's max. Default 0.2. */
  boxThreshold?: number;
}

/** One class score. */
export interface ClassScore {
  /** Class index. */
  readonly index: number;
  /** Softmax probability. */
  readonly probability: number;
  /** Pre-softmax logit. */
  readonly logit: number;
}

/** One method's map for one class of one image. */
export interface Explanation {
  /** Method name, for example `"grad-cam++"`. */
  readonly method: string;
  /** Target layer. */
  readonly layer: string;
  /** The class explained. */
  readonly classIndex: number;
  /** The explained score of that class (logit or probability). */
  readonly score: number;
  /** Σ_k w_k·A_k before ReLU, at the layer's resolution (`rawWidth × rawHeight`). */
  readonly raw: Float32Array;
  /** Width of `raw`. */
  readonly rawWidth: number;
  /** Height of `raw`. */
  readonly rawHeight: number;
  /** The normalised map in [0, 1] at the original image's size. */
  readonly map: Float32Array;
  /** The map's maximum, in original-image pixels. */
  readonly peak: Point;
  /** Largest region above the threshold, or `null` for an all-zero map. */
  readonly bbox: Box | null;
  /** Milliseconds: the shared capture pass plus this map's own work. */
  readonly ms: number;
}

/** Everything explained about one image. */
export interface ImageExplanation {
  /** Original width. */
  readonly width: number;
  /** Original height. */
  readonly height: number;
  /** Part of the image the model saw (all of it, unless cropped). */
  readonly region: Box;
  /** Top predictions, best first. */
  readonly predictions: readonly ClassScore[];
  /** One entry per class and method. */
  readonly explanations: readonly Explanation[];
  /** Methods that do not apply to this model, with the reason. */
  readonly skipped: readonly { method: string; reason: string }[];
}

/**
 * Explains a batch of images with one forward pass and one head
 * differentiation per class. Methods that cannot apply (CAM on a head that is
 * not linear and pooled) are skipped with a reason when other methods were
 * asked for, and refused with a `TypeError` when they were the only one.
 *
 * @example
 * ```ts
 * import { explain } from "./explain.ts";
 * import type { CamModel } from "./graph.ts";
 * // A toy model: 2x2x1 activations equal to the input, logit = their mean.
 * const model: CamModel = {
 *   source: "toy", inputShape: [2, 2, 1], numClasses: 1,
 *   layers: [{ name: "a", kind: "Input", outputShape: [2, 2, 1] }],
 *   defaultLayer: "a", linearHead: () => ({ ok: true }),
 *   predict: () => Promise.resolve([]), dispose() {},
 *   capture: (input) => Promise.resolve([{
 *     logits: new Float32Array([1]), probabilities: new Float32Array([1]),
 *     classes: [0],
 *     captures: [{
 *       activations: { height: 2, width: 2, channels: 1, data: input.data.slice(0, 4) },
 *       gradients: { height: 2, width: 2, channels: 1, data: new Float32Array(4).fill(0.25) },
 *       classifierWeights: new Float32Array([1]),
 *     }],
 *   }]),
 * };
 * const image = { width: 2, height: 2, data: new Uint8ClampedArray([
 *   0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255]) };
 * const [result] = await explain(model, [image], { methods: ["cam"] });
 * const { peak } = result.explanations[0];
 * if (peak.x !== 1 || peak.y !== 1) throw new Error(JSON.stringify(peak));
 * ```
 */
export async function explain(
  model: CamModel,
  images: readonly RgbaImage[],
  options: ExplainOptions = {},
): Promise<ImageExplanation[]> {
  const methods = (options.methods ?? ["grad-cam"]).map(resolveMethod);
  const layer = options.layer ?? model.defaultLayer;
  const [height, width, channels] = model.inputShape;
  const head = methods.some((m) => m.requires.has("classifierWeights"))
    ? model.linearHead(layer)
    : { ok: true as const };
  const skipped: { method: string; reason: string }[] = [];
  const usable = methods.filter((m) => {
    if (head.ok || !m.requires.has("classifierWeights")) return true;
    skipped.push({ method: m.name, reason: head.reason });
    return false;
  });
  if (usable.length === 0 && !head.ok) throw new TypeError(head.reason);
  const fitted = images.map((image) =>
    fitToInput(image, { width, height, resize: options.resize ?? "stretch" })
  );
  const size = height * width * channels;
  const data = new Float32Array(images.length * size);
  fitted.forEach((f, b) =>
    data.set(
      toInput(f.image, {
        preprocess: options.preprocess ?? "unit",
        channels: channels === 1 ? 1 : 3,
      }),
      b * size,
    )
  );
  const started = performance.now();
  const captured = await model.capture(
    { data, batch: images.length, height, width, channels },
    {
      layer,
      classes: options.classes ? images.map(() => options.classes!) : undefined,
      score: options.score ?? "logit",
      gradients: usable.some((m) => m.requires.has("gradients")),
      classifierWeights: usable.some((m) =>
        m.requires.has("classifierWeights")
      ),
    },
  );
  const captureMs = performance.now() - started;
  return captured.map((capture, b) => {
    const image = images[b];
    const region = fitted[b].region;
    const scores = options.score === "softmax"
      ? capture.probabilities
      : capture.logits;
    const explanations: Explanation[] = [];
    capture.classes.forEach((classIndex, j) => {
      for (const method of usable) {
        const t0 = performance.now();
        const camMap = computeMap(method, capture.captures[j], {
          counterfactual: options.counterfactual ?? false,
        });
        const inRegion = normalizeMap(camMap, {
          width: region.width,
          height: region.height,
        });
        const map =
          region.width === image.width && region.height === image.height
            ? inRegion
            : mapToImage(inRegion, region, {
              imageWidth: image.width,
              imageHeight: image.height,
              region,
            });
        const imageSize = { width: image.width, height: image.height };
        explanations.push({
          method: method.name,
          layer,
          classIndex,
          score: scores[classIndex],
          raw: camMap.raw,
          rawWidth: camMap.width,
          rawHeight: camMap.height,
          map,
          peak: peak(map, imageSize),
          bbox: boundingBox(map, imageSize, {
            threshold: options.boxThreshold ?? 0.2,
          }),
          ms: captureMs + performance.now() - t0,
        });
      }
    });
    return {
      width: image.width,
      height: image.height,
      region,
      predictions: topK(capture.probabilities, options.topK ?? 5).map((
        index,
      ) => ({
        index,
        probability: capture.probabilities[index],
        logit: capture.logits[index],
      })),
      explanations,
      skipped,
    };
  });
}
