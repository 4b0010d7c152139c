/**
 * Explanation-quality metrics, framework-agnostic: does a map point at the
 * object (pointing game, energy-based pointing game, CAM-paper localisation)
 * and is it faithful to the model (Average Drop / Increase in Confidence,
 * deletion / insertion AUC)? The model-dependent metrics take a batched
 * {@linkcode ClassScorer} callback, so any framework can supply the model.
 *
 * @example
 * ```ts
 * import { energyPointingGame, localization, pointingGame } from "./mod.ts";
 * const data = new Float32Array(20 * 20);
 * for (let y = 5; y < 10; y++) for (let x = 5; x < 10; x++) data[y * 20 + x] = 1;
 * const map = { width: 20, height: 20, data };
 * const box = { x: 5, y: 5, width: 5, height: 5 };
 * if (!pointingGame(map, { box }).hit) throw new Error("pointing");
 * if (energyPointingGame(map, box) !== 1) throw new Error("energy");
 * if (localization(map, box).iou !== 1) throw new Error("iou");
 * ```
 *
 * @module
 */
export type {
  ClassScorer,
  ExplainedSample,
  HeatMap,
  ObjectRegion,
} from "./types.ts";
export {
  pointingGame,
  type PointingGameOptions,
  type PointingResult,
  positivePeak,
} from "./pointing_game.ts";
export {
  objectPointing,
  type ObjectPointingOptions,
  type ObjectPointingResult,
} from "./object_pointing.ts";
export { energyPointingGame } from "./energy_pointing_game.ts";
export {
  iou,
  localization,
  type LocalizationOptions,
  type LocalizationResult,
} from "./localization.ts";
export {
  averageDrop,
  type AverageDropOptions,
  type AverageDropResult,
  type ConfidenceChange,
  confidenceChange,
  maskByMap,
} from "./average_drop.ts";
export {
  type CurveResult,
  deletion,
  type DeletionOptions,
} from "./deletion.ts";
export { insertion, type InsertionOptions } from "./insertion.ts";
export { gaussianBlur, type GaussianBlurOptions } from "./blur.ts";
export {
  type AnnotatedImage,
  type AnnotatedObject,
  checkAnnotatedImage,
  parseAnnotations,
  type ParseAnnotationsOptions,
} from "./annotations.ts";
