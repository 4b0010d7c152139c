/// <reference lib="dom" />
/**
 * Loading models in the browser: the built-in demo model or any TF.js model
 * from a URL (fetched by the browser) or from local files (`model.json` and
 * its `.bin` shards, read with `tf.io.browserFiles`; they never leave the
 * machine). Settings and labels beside model.json are read as the CLI does.
 *
 * @module
 */
import { tf } from "../../backends/engine.ts";
import { wrapArtifacts } from "../../backends/wrap_model.ts";
import type { ModelFormat } from "../../backends/model_files.ts";
import {
  fitLabels,
  type ModelSettings,
  parseSettings,
  readLabels,
} from "../../backends/model_settings.ts";
import type { CamModel } from "../../core/graph.ts";

/** A model ready to explain in the page. */
export interface PageModel {
  /** The model. */
  readonly model: CamModel;
  /** Name shown in the page. */
  readonly name: string;
  /** Layers or graph model. */
  readonly format: ModelFormat;
  /** Settings from camkit.json (empty when absent). */
  readonly settings: ModelSettings;
  /** Class names, when found and matching the model. */
  readonly labels: readonly string[] | undefined;
}

type ReadSibling = (name: string) => Promise<Uint8Array | undefined>;

async function finish(
  artifacts: tf.io.ModelArtifacts,
  name: string,
  readSibling: ReadSibling,
): Promise<PageModel> {
  const settingsBytes = await readSibling("camkit.json");
  const settings = settingsBytes === undefined
    ? {}
    : parseSettings(new TextDecoder().decode(settingsBytes), "camkit.json");
  const { model, format } = await wrapArtifacts(artifacts, {
    source: name,
    inputSize: settings.inputSize,
  });
  try {
    const labels = await readLabels(readSibling, settings, name);
    return {
      model,
      name,
      format,
      settings,
      labels: fitLabels(labels, model.numClasses),
    };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/**
 * Loads a TF.js model.json (layers or graph) from `url`, with camkit.json and
 * labels found beside it.
 *
 * @example
 * ```ts ignore
 * import { loadModelFromUrl } from "./models.ts";
 * const demo = await loadModelFromUrl(new URL("/models/demo/model.json", location.href).href);
 * console.log(demo.labels);
 * ```
 */
export async function loadModelFromUrl(url: string): Promise<PageModel> {
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await tf.io.http(url).load!();
  } catch (error) {
    throw new Error(
      `Cannot load model "${url}": ${
        error instanceof Error ? error.message : error
      }; check the URL (the server must allow cross-origin requests)`,
    );
  }
  return finish(artifacts, url, async (name) => {
    const response = await fetch(new URL(name, url));
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    return new Uint8Array(await response.arrayBuffer());
  });
}

/**
 * Loads a TF.js model from local files: one `model.json`, the weight shards
 * its manifest names, and optionally `camkit.json` / `labels.json`. The files
 * are read in the browser; nothing is uploaded.
 *
 * @example
 * ```ts ignore
 * import { loadModelFromFiles } from "./models.ts";
 * const input = document.querySelector("input[type=file]") as HTMLInputElement;
 * const loaded = await loadModelFromFiles([...input.files!]);
 * console.log(loaded.model.numClasses);
 * ```
 */
export async function loadModelFromFiles(
  files: readonly File[],
): Promise<PageModel> {
  const jsonFile = files.find((f) => f.name === "model.json") ??
    files.find((f) =>
      f.name.endsWith(".json") &&
      !["camkit.json", "labels.json", "metadata.json"].includes(f.name)
    );
  if (jsonFile === undefined) {
    throw new Error(
      "Cannot find model.json among the chosen files: select model.json together with its .bin shards",
    );
  }
  let manifest: { paths?: string[] }[];
  try {
    manifest = JSON.parse(await jsonFile.text()).weightsManifest;
  } catch (error) {
    throw new SyntaxError(
      `Cannot read "${jsonFile.name}": it is not valid JSON (${
        error instanceof Error ? error.message : error
      })`,
    );
  }
  if (!Array.isArray(manifest)) {
    throw new SyntaxError(
      `"${jsonFile.name}" is not a TF.js model.json: it has no weightsManifest`,
    );
  }
  const byName = new Map(files.map((f) => [f.name, f]));
  const shardNames = manifest.flatMap((g) => g.paths ?? []).map((p) =>
    p.split("/").pop()!
  );
  const missing = shardNames.filter((n) => !byName.has(n));
  if (missing.length > 0) {
    throw new Error(
      `Missing weight shard${missing.length > 1 ? "s" : ""} ${
        missing.join(", ")
      } of "${jsonFile.name}": select model.json and all its .bin files together`,
    );
  }
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await tf.io.browserFiles([
      jsonFile,
      ...shardNames.map((n) => byName.get(n)!),
    ]).load!();
  } catch (error) {
    throw new Error(
      `Cannot read model "${jsonFile.name}": ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
  return finish(artifacts, jsonFile.name, async (name) => {
    const file = byName.get(name);
    return file === undefined
      ? undefined
      : new Uint8Array(await file.arrayBuffer());
  });
}
