/**
 * Loading the model for a command: `--model` or the demo model, settings
 * from camkit.json, and class labels; flags win.
 *
 * @module
 */
import { loadModel } from "../backends/load.ts";
import { DEMO_MODEL, readAssetLocation } from "../backends/assets.ts";
import { fitLabels, parseLabels } from "../backends/model_settings.ts";
import type { CamModel } from "../core/graph.ts";
import type { PreprocessName } from "../core/preprocess.ts";
import { resolveUserPath } from "./paths.ts";
import { UsageError } from "./errors.ts";

/**
 * The model shipped with camkit, used when no `--model` is given: its files
 * in the source tree, embedded in the bundle (see backends/assets.ts).
 */
export { DEMO_MODEL };

/** A model ready for a command. */
export interface ModelSetup {
  readonly model: CamModel;
  readonly labels: readonly string[] | undefined;
  readonly preprocess: PreprocessName;
  readonly layer: string;
}

/** Options for {@linkcode setupModel}. */
export interface SetupModelOptions {
  readonly model?: string;
  readonly labels?: string;
  readonly preprocess?: PreprocessName;
  readonly layer?: string;
}

/** Loads the model and its settings; flags win over camkit.json. */
export async function setupModel(
  options: SetupModelOptions,
): Promise<ModelSetup> {
  let labels: string[] | undefined;
  if (options.labels !== undefined) {
    const path = resolveUserPath(options.labels);
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new Error(`Cannot find labels file "${path}"`);
      }
      throw error;
    }
    labels = parseLabels(text, path);
  }
  const source = options.model === undefined
    ? DEMO_MODEL
    : resolveUserPath(options.model);
  if (options.model === undefined) {
    if (await readAssetLocation(DEMO_MODEL) === undefined) {
      throw new UsageError(
        "No --model given and the built-in demo model is missing; pass --model PATH|URL",
      );
    }
  }
  const loaded = await loadModel(source);
  const model = loaded.model;
  if (labels) {
    const fitted = fitLabels(labels, model.numClasses);
    if (!fitted) {
      model.dispose();
      throw new RangeError(
        `The labels file "${options.labels}" has ${labels.length} names but the model has ` +
          `${model.numClasses} classes; pass a matching --labels file`,
      );
    }
    labels = fitted;
  }
  return {
    model,
    labels: labels ?? loaded.labels,
    preprocess: options.preprocess ?? loaded.settings.preprocess ?? "unit",
    layer: options.layer ?? loaded.settings.layer ?? model.defaultLayer,
  };
}

/** Resolves `--class` values (indices or labels) to class indices. */
export function resolveClasses(
  values: readonly string[],
  setup: Pick<ModelSetup, "labels" | "model">,
): number[] {
  const n = setup.model.numClasses;
  return values.map((value) => {
    if (/^\d+$/.test(value)) {
      const index = Number(value);
      if (index >= n) {
        throw new RangeError(
          `Class ${index} is out of range: the model has classes 0..${n - 1}`,
        );
      }
      return index;
    }
    const labels = setup.labels;
    if (!labels) {
      throw new UsageError(
        `Class "${value}" is not a number and the model has no labels; ` +
          `pass --labels FILE or an index 0..${n - 1}`,
      );
    }
    const wanted = value.toLowerCase();
    const exact = labels.findIndex((l) => l.toLowerCase() === wanted);
    if (exact >= 0) return exact;
    const matches = labels.flatMap((l, i) =>
      l.toLowerCase().split(",").map((s) => s.trim()).includes(wanted)
        ? [i]
        : []
    );
    if (matches.length === 1) return matches[0];
    throw new RangeError(
      matches.length > 1
        ? `Class "${value}" is ambiguous: it names ${
          matches.map((i) => `${i} (${labels[i]})`).join(", ")
        }; pass an index`
        : `Unknown class "${value}": pass an index 0..${
          n - 1
        } or a label such as "${labels[Math.min(1, n - 1)]}"`,
    );
  });
}
