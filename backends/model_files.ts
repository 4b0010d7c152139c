/**
 * Reading a TF.js `model.json` and its weight shards from a path or an
 * `http(s)` URL, with one clear error per problem (missing file, not JSON,
 * not a model, missing or truncated shard).
 *
 * @module
 */
import type { io } from "@tensorflow/tfjs-core";
import { isAssetLocation, readAssetLocation } from "./assets.ts";
import { artifactsFormat } from "./wrap_model.ts";

/** The two TF.js model formats. */
export type ModelFormat = "layers" | "graph";

/** A model.json and its weights, read and checked. */
export interface ModelFiles {
  /** The path or URL of model.json. */
  readonly source: string;
  /** Layers or graph model. */
  readonly format: ModelFormat;
  /** Artifacts ready for `loadLayersModel` / `loadGraphModel`. */
  readonly artifacts: io.ModelArtifacts;
  /** Reads a file that sits beside model.json, or `undefined` if absent. */
  readonly readSibling: (name: string) => Promise<Uint8Array | undefined>;
}

const BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  complex64: 8,
};

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

async function readBytes(location: string): Promise<Uint8Array | undefined> {
  // The demo model: embedded in a bundle, its files in the source tree.
  if (isAssetLocation(location)) return await readAssetLocation(location);
  if (isUrl(location)) {
    let response: Response;
    try {
      response = await fetch(location);
    } catch (error) {
      throw new Error(
        `Cannot fetch "${location}": ${
          error instanceof Error ? error.message : error
        }; check the URL and the network (and --allow-net)`,
      );
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`Cannot fetch "${location}": HTTP ${response.status}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  }
  try {
    return await Deno.readFile(location);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    if (error instanceof Deno.errors.IsADirectory) return undefined;
    throw error;
  }
}

function sibling(modelJson: string, name: string): string {
  if (isUrl(modelJson)) return new URL(name, modelJson).href;
  const slash = modelJson.lastIndexOf("/");
  return slash < 0 ? name : `${modelJson.slice(0, slash + 1)}${name}`;
}

async function resolveModelJson(source: string): Promise<string> {
  if (isUrl(source) || source.endsWith(".json")) return source;
  try {
    if ((await Deno.stat(source)).isDirectory) {
      return `${source.replace(/\/+$/, "")}/model.json`;
    }
  } catch {
    // Reported below as a missing model file.
  }
  return source;
}

function expectedBytes(spec: io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  if (spec.quantization) {
    return count * (BYTES[spec.quantization.dtype] ?? 4);
  }
  return count * (BYTES[spec.dtype] ?? 4);
}

/**
 * Reads and checks a TF.js model: `source` is a `model.json` path, a folder
 * holding one, an `http(s)` URL, or `camkit:demo_model/model.json` (the demo
 * model, see `assets.ts`). Weight shards are resolved relative to model.json.
 *
 * @example
 * ```ts ignore
 * import { readModelFiles } from "./model_files.ts";
 * const files = await readModelFiles("models/demo/model.json");
 * console.log(files.format);
 * ```
 */
export async function readModelFiles(source: string): Promise<ModelFiles> {
  const modelJson = await resolveModelJson(source);
  const bytes = await readBytes(modelJson);
  if (bytes === undefined) {
    throw new Error(
      `Cannot find model "${source}": no model.json there; pass --model with ` +
        `the path or URL of a TF.js model.json`,
    );
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new SyntaxError(
      `Cannot read model "${modelJson}": it is not valid JSON (${
        error instanceof Error ? error.message : error
      })`,
    );
  }
  const topology = json?.modelTopology as Record<string, unknown> | undefined;
  const manifest = json?.weightsManifest as
    | io.WeightsManifestConfig
    | undefined;
  if (
    typeof json !== "object" || json === null || typeof topology !== "object" ||
    topology === null || !Array.isArray(manifest)
  ) {
    throw new SyntaxError(
      `"${modelJson}" is not a TF.js model.json: it needs "modelTopology" and ` +
        `"weightsManifest"; convert the model with tensorflowjs_converter`,
    );
  }
  const format = artifactsFormat({
    format: json.format as string | undefined,
    modelTopology: topology,
  });
  if (
    format === "layers" && topology.model_config === undefined &&
    topology.class_name === undefined
  ) {
    throw new SyntaxError(
      `"${modelJson}" is not a TF.js model.json: its modelTopology has neither ` +
        `a Keras model_config nor graph nodes`,
    );
  }
  const weightSpecs: io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  for (const group of manifest) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group?.weights)) {
      throw new SyntaxError(
        `"${modelJson}" has a malformed weightsManifest entry (needs paths and weights)`,
      );
    }
    let groupBytes = 0;
    for (const path of group.paths) {
      const shard = await readBytes(sibling(modelJson, path));
      if (shard === undefined) {
        throw new Error(
          `Cannot find weight shard "${path}" of model "${modelJson}": copy ` +
            `every shard listed in model.json next to it`,
        );
      }
      groupBytes += shard.byteLength;
      buffers.push(shard);
    }
    const expected = group.weights.reduce(
      (sum, w) => sum + expectedBytes(w),
      0,
    );
    if (groupBytes < expected) {
      throw new Error(
        `Weight shard${group.paths.length > 1 ? "s" : ""} "${
          group.paths.join(", ")
        }" of model "${modelJson}" ${
          group.paths.length > 1 ? "are" : "is"
        } truncated: ${groupBytes} bytes, expected ${expected}; download ${
          group.paths.length > 1 ? "them" : "it"
        } again`,
      );
    }
    weightSpecs.push(...group.weights);
  }
  const total = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    weightData.set(b, offset);
    offset += b.byteLength;
  }
  const artifacts: io.ModelArtifacts = {
    modelTopology: topology as io.ModelArtifacts["modelTopology"],
    weightSpecs,
    weightData: weightData.buffer,
    format: json.format as string | undefined,
    generatedBy: json.generatedBy as string | undefined,
    convertedBy: json.convertedBy as string | null | undefined,
    signature: json.signature as Record<string, unknown> | undefined,
    userDefinedMetadata: json.userDefinedMetadata as
      | io.ModelArtifacts["userDefinedMetadata"]
      | undefined,
  };
  return {
    source: modelJson,
    format,
    artifacts,
    readSibling: (name) => readBytes(sibling(modelJson, name)),
  };
}
