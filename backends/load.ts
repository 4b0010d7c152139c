/**
 * Loading a TF.js layers or graph model as a {@linkcode CamModel}.
 *
 * @module
 */
import type { CamModel } from "../core/graph.ts";
import { type ModelFormat, readModelFiles } from "./model_files.ts";
import { ensureBackend } from "./engine.ts";
import { wrapArtifacts } from "./wrap_model.ts";
import {
  fitLabels,
  type ModelSettings,
  readLabels,
  readSettings,
} from "./model_settings.ts";

/** Options for {@linkcode loadModel}. */
export interface LoadModelOptions {
  /**
   * Input `[height, width]` for models whose input size is not fixed.
   * Default: camkit.json's `inputSize`.
   */
  inputSize?: readonly [number, number];
}

/** A loaded model and what was found beside its model.json. */
export interface LoadedModel {
  /** The model, ready to explain. */
  readonly model: CamModel;
  /** Layers or graph model. */
  readonly format: ModelFormat;
  /** Settings from camkit.json beside model.json (empty when absent). */
  readonly settings: ModelSettings;
  /** Class names found with the model, when they match its classes. */
  readonly labels: readonly string[] | undefined;
}

/**
 * Loads a TF.js model from a `model.json` path, a folder holding one, an
 * `http(s)` URL, or `DEMO_MODEL` from `assets.ts` (the built-in demo model), and
 * adapts it to camkit's model graph.
 *
 * @example
 * ```ts
 * import { loadModel } from "./load.ts";
 * import { DEMO_MODEL } from "./assets.ts";
 * const { model, labels, settings } = await loadModel(DEMO_MODEL);
 * console.log(model.defaultLayer, model.numClasses, labels, settings.preprocess);
 * if (labels?.[0] !== "circle") throw new Error(String(labels));
 * model.dispose();
 * ```
 */
export async function loadModel(
  source: string,
  options: LoadModelOptions = {},
): Promise<LoadedModel> {
  await ensureBackend();
  const files = await readModelFiles(source);
  const settings = await readSettings(files.readSibling, files.source);
  const inputSize = options.inputSize ?? settings.inputSize;
  const { model } = await wrapArtifacts(files.artifacts, {
    source: files.source,
    inputSize,
  });
  let labels: string[] | undefined;
  try {
    labels = await readLabels(files.readSibling, settings, files.source);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return {
    model,
    format: files.format,
    settings,
    labels: fitLabels(labels, model.numClasses),
  };
}
