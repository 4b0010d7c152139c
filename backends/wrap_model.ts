/**
 * Turning loaded TF.js model artifacts (a model.json's topology and its
 * weights) into a {@linkcode CamModel}. Browser safe: no file system, so the
 * web page uses it with `tf.io.http` or `tf.io.browserFiles` artifacts, and
 * `loadModel` with the files it read.
 *
 * @module
 */
import { loadLayersModel } from "@tensorflow/tfjs-layers";
import { loadGraphModel } from "@tensorflow/tfjs-converter";
import type { io } from "@tensorflow/tfjs-core";
import type { CamModel } from "../core/graph.ts";
import { ensureBackend } from "./engine.ts";
import { LayersRunner } from "./layers_runner.ts";
import { GraphRunner } from "./graph_runner.ts";
import { SplitCamModel } from "./split_model.ts";
import type { ModelFormat } from "./model_files.ts";

/** Options for {@linkcode wrapArtifacts}. */
export interface WrapArtifactsOptions {
  /** Where the model came from (path, URL or file name), for messages. */
  source: string;
  /** Input `[height, width]` for models whose input size is not fixed. */
  inputSize?: readonly [number, number];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The format of a model.json's artifacts: `"graph"` for a graph model
 * (`format: "graph-model"` or a topology of graph nodes), else `"layers"`.
 *
 * @example
 * ```ts
 * import { artifactsFormat } from "./wrap_model.ts";
 * const format = artifactsFormat({ modelTopology: { node: [] } });
 * if (format !== "graph") throw new Error(format);
 * ```
 */
export function artifactsFormat(artifacts: io.ModelArtifacts): ModelFormat {
  const topology = artifacts.modelTopology as { node?: unknown } | undefined;
  return artifacts.format === "graph-model" || Array.isArray(topology?.node)
    ? "graph"
    : "layers";
}

/**
 * Builds a layers or graph model from its artifacts and adapts it to
 * camkit's model graph. The model is disposed again if it cannot be adapted.
 *
 * @example
 * ```ts
 * import { wrapArtifacts } from "./wrap_model.ts";
 * import { TINY_MODELS } from "../tests/fixtures/tiny_models.ts";
 * import { tf } from "./engine.ts";
 * const layers = TINY_MODELS.gapDense();
 * let saved: tf.io.ModelArtifacts | undefined;
 * await layers.save(tf.io.withSaveHandler((a) => {
 *   saved = a;
 *   return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } });
 * }));
 * layers.dispose();
 * const { model, format } = await wrapArtifacts(saved!, { source: "tiny" });
 * if (format !== "layers" || model.numClasses !== 3) throw new Error(format);
 * model.dispose();
 * ```
 */
export async function wrapArtifacts(
  artifacts: io.ModelArtifacts,
  options: WrapArtifactsOptions,
): Promise<{ model: CamModel; format: ModelFormat }> {
  await ensureBackend();
  const { source, inputSize } = options;
  const handler: io.IOHandler = { load: () => Promise.resolve(artifacts) };
  const format = artifactsFormat(artifacts);
  if (format === "layers") {
    let layers;
    try {
      layers = await loadLayersModel(handler);
    } catch (error) {
      throw new SyntaxError(
        `Cannot build layers model "${source}": ${describe(error)}`,
      );
    }
    try {
      return {
        model: new SplitCamModel(source, new LayersRunner(layers, inputSize)),
        format,
      };
    } catch (error) {
      layers.dispose();
      throw error;
    }
  }
  let graph;
  try {
    graph = await loadGraphModel(handler);
  } catch (error) {
    throw new SyntaxError(
      `Cannot build graph model "${source}": ${describe(error)}`,
    );
  }
  try {
    const nodes = (artifacts.modelTopology as { node: [] }).node;
    return {
      model: new SplitCamModel(
        source,
        GraphRunner.create(graph, nodes, inputSize),
      ),
      format,
    };
  } catch (error) {
    graph.dispose();
    throw error;
  }
}
