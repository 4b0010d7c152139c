/**
 * The measuring side of `cam eval`: explain a chunk of annotated images
 * (every method, each object's class), then score every map with the
 * metrics of `core/metrics`, batching the model calls of the faithfulness
 * metrics across the whole chunk.
 *
 * @module
 */
import { explain } from "../core/explain.ts";
import type { CamStrategy } from "../core/types.ts";
import {
  averageDrop,
  type ClassScorer,
  deletion,
  energyPointingGame,
  type ExplainedSample,
  insertion,
  localization,
  objectPointing,
  pointingGame,
} from "../core/metrics/mod.ts";
import type { CommandContext } from "./context.ts";
import type { EvalImage } from "./eval_data.ts";
import type { PredictPool } from "./eval_pool.ts";

/** The settings every metric of a run shares. */
export const EVAL_SETTINGS = {
  /** Pointing game slack in pixels (Zhang et al.). */
  tolerance: 15,
  /** CAM-paper box: region ≥ this fraction of the map's max. */
  boxThreshold: 0.2,
  /** CAM-paper localisation: IoU needed. */
  minIou: 0.5,
  /** Faithfulness metrics score the class's softmax probability. */
  faithfulnessScore: "softmax probability",
  /** Average Drop: the image multiplied by the map in pixel space. */
  averageDropInput: "image ⊙ map (RGB × map value)",
  /** Deletion: removed pixels become black. */
  deletionBaseline: "black (RGB 0)",
  /** Insertion: pixels are put back onto a blurred copy. */
  insertionStart: "Gaussian blur, σ = 5 px",
} as const;

/** One method's numbers for one object. */
export interface ObjectResult {
  readonly method: string;
  /** Index of the object in its image's annotation. */
  readonly object: number;
  readonly classIndex: number;
  readonly peak: { x: number; y: number } | null;
  /** Pointing game hit (peak within 15 px of the object). */
  readonly pointing: boolean;
  /** Pixels from the peak to the object. */
  readonly distance: number | null;
  /** Share of the map's energy inside the box. */
  readonly energy: number;
  /** CAM-paper box and its IoU with the true box. */
  readonly bbox: { x: number; y: number; width: number; height: number } | null;
  readonly iou: number;
  /** Images with several objects: the peak is on this object, not another. */
  readonly ownPeak: boolean | null;
  /** Y_c: probability on the image. */
  readonly original: number;
  /** O_c: probability on image ⊙ map. */
  readonly explained: number;
  /** Deletion AUC (lower is better). */
  readonly deletion: number;
  /** Insertion AUC (higher is better). */
  readonly insertion: number;
}

/** Everything measured on one image. */
export interface ImageResult {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  /** The model's top class and its probability. */
  readonly top1: { index: number; probability: number };
  /** One-object images: whether top-1 is the object's class. */
  readonly correct: boolean | null;
  readonly results: ObjectResult[];
}

/** Options for {@linkcode evaluateChunk}. */
export interface EvaluateOptions {
  readonly methods: readonly CamStrategy[];
  readonly steps: number;
  readonly score: "logit" | "softmax";
  readonly resize: "stretch" | "crop";
  /** Scores the faithfulness images (on worker threads too). */
  readonly pool: PredictPool;
}

/** Images per model call: about 64 images of 112×112, at least 1. */
export function batchSizeFor(inputShape: readonly number[]): number {
  const [height, width] = inputShape;
  return Math.max(
    1,
    Math.min(64, Math.floor((64 * 112 * 112) / (height * width))),
  );
}

/** The class-probability scorer the faithfulness metrics call. */
export function modelScorer(pool: PredictPool): ClassScorer {
  return async (images, classIndices) =>
    (await pool.probabilities(images)).map((p, b) => p[classIndices[b]]);
}

/** Explains and measures a chunk of images. */
export async function evaluateChunk(
  items: readonly EvalImage[],
  context: CommandContext,
  options: EvaluateOptions,
): Promise<
  { images: ImageResult[]; skipped: { method: string; reason: string }[] }
> {
  const samples: ExplainedSample[] = [];
  const pending: {
    image: number;
    result: Omit<
      ObjectResult,
      "original" | "explained" | "deletion" | "insertion"
    >;
  }[] = [];
  const images: ImageResult[] = [];
  let skipped: { method: string; reason: string }[] = [];
  for (const [i, item] of items.entries()) {
    const classes = [...new Set(item.objects.map((o) => o.classIndex))];
    const [explained] = await explain(context.model, [item.image], {
      methods: options.methods,
      layer: context.layer,
      classes,
      topK: 1,
      score: options.score,
      preprocess: context.preprocess,
      resize: options.resize,
      boxThreshold: EVAL_SETTINGS.boxThreshold,
    });
    skipped = [...explained.skipped];
    const { width, height } = item.image;
    const top = explained.predictions[0];
    images.push({
      file: item.file,
      width,
      height,
      top1: { index: top.index, probability: top.probability },
      correct: item.objects.length === 1
        ? top.index === item.objects[0].classIndex
        : null,
      results: [],
    });
    for (const [j, object] of item.objects.entries()) {
      // Other objects of the same class are right answers too.
      const rivals = item.objects.filter((o, k) =>
        k === j || o.classIndex !== object.classIndex
      );
      for (const e of explained.explanations) {
        if (e.classIndex !== object.classIndex) continue;
        const map = { width, height, data: e.map };
        const pointing = pointingGame(map, object, {
          tolerance: EVAL_SETTINGS.tolerance,
        });
        const located = localization(map, object.box, {
          threshold: EVAL_SETTINGS.boxThreshold,
          minIou: EVAL_SETTINGS.minIou,
        });
        const ownPeak = rivals.length > 1
          ? objectPointing(map, rivals, {
            target: rivals.indexOf(object),
            tolerance: EVAL_SETTINGS.tolerance,
          }).hit
          : null;
        samples.push({
          image: item.image,
          classIndex: e.classIndex,
          map: e.map,
        });
        pending.push({
          image: i,
          result: {
            method: e.method,
            object: j,
            classIndex: e.classIndex,
            peak: pointing.peak,
            pointing: pointing.hit,
            distance: Number.isFinite(pointing.distance)
              ? pointing.distance
              : null,
            energy: energyPointingGame(map, object.box),
            bbox: located.box,
            iou: located.iou,
            ownPeak,
          },
        });
      }
    }
  }
  const scorer = modelScorer(options.pool);
  // A full batch for every thread that scores.
  const batchSize = batchSizeFor(context.model.inputShape) *
    options.pool.threads;
  const drop = await averageDrop(samples, scorer, { batchSize });
  const del = await deletion(samples, scorer, {
    steps: options.steps,
    batchSize,
  });
  const ins = await insertion(samples, scorer, {
    steps: options.steps,
    batchSize,
  });
  pending.forEach(({ image, result }, s) => {
    images[image].results.push({
      ...result,
      original: drop.original[s],
      explained: drop.explained[s],
      deletion: del.auc[s],
      insertion: ins.auc[s],
    });
  });
  return { images, skipped };
}
