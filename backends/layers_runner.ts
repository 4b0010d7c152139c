/**
 * Runs a flattened TF.js layers model: the body up to a target layer, and the
 * head as a function of the target's activations. Inference mode always.
 *
 * @module
 */
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { tf } from "./engine.ts";
import type { LayerInfo, LinearHead } from "../core/graph.ts";
import {
  type ExecNode,
  type FlatGraph,
  flattenLayersModel,
} from "./layers_graph.ts";
import type { Frontier, SplitRunner } from "./split_model.ts";
import { defaultTargetLayer, findLayer } from "./layer_lookup.ts";

const SHAPE_ONLY = new Set(["Reshape", "Flatten", "Permute"]);
const INFERENCE_IDENTITY = new Set([
  "Dropout",
  "SpatialDropout1D",
  "SpatialDropout2D",
  "GaussianNoise",
  "GaussianDropout",
  "AlphaDropout",
  "ActivityRegularization",
]);
const LINEAR = { apply: (x: tf.Tensor) => x, getClassName: () => "linear" };

interface Split {
  readonly target: ExecNode;
  readonly head: ExecNode[];
  readonly frontier: string[];
}

/** A {@linkcode SplitRunner} for a TF.js layers model. */
export class LayersRunner implements SplitRunner {
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly layers: readonly LayerInfo[];
  readonly defaultLayer: string;
  #model: LayersModel;
  #graph: FlatGraph;
  #body: ExecNode[];
  #logitKey: string;
  /** The logit layer whose softmax activation is bypassed, if any. */
  #softmaxLayer: ExecNode | undefined;
  #splits = new Map<string, Split>();

  constructor(model: LayersModel, inputSize?: readonly [number, number]) {
    this.#model = model;
    this.#graph = flattenLayersModel(model);
    const producer = new Map<string, ExecNode>();
    for (const node of this.#graph.nodes) {
      for (const key of node.outputs) producer.set(key, node);
    }
    // Find the logits: walk back from the output through shape-only layers
    // to a softmax, and take what goes into it.
    let key = this.#graph.output;
    let node = producer.get(key);
    while (node && SHAPE_ONLY.has(node.kind)) {
      key = node.inputs[0];
      node = producer.get(key);
    }
    if (
      node &&
      (node.kind === "Softmax" ||
        (node.kind === "Activation" &&
          node.layer.activation?.getClassName() === "softmax"))
    ) {
      key = node.inputs[0];
      node = producer.get(key);
    } else if (node?.layer.activation?.getClassName() === "softmax") {
      this.#softmaxLayer = node;
    } else {
      key = this.#graph.output;
      node = producer.get(key);
    }
    this.#logitKey = key;
    const last = node ? this.#graph.nodes.indexOf(node) : -1;
    this.#body = this.#graph.nodes.slice(0, last + 1);
    const shape = this.#graph.inputShape;
    const [height, width, channels] = [
      shape[0] ?? inputSize?.[0],
      shape[1] ?? inputSize?.[1],
      shape[2] ?? 3,
    ];
    if (shape.length !== 3 || height == null || width == null) {
      throw new TypeError(
        `The model's input shape [${
          shape.map(String).join(", ")
        }] is not an image (height, width, channels); camkit explains image classifiers`,
      );
    }
    this.inputShape = [height, width, channels];
    this.layers = this.#body.map((n) => ({
      name: n.name,
      kind: n.kind,
      outputShape: n.outputShape,
    }));
    const outShape = node?.outputShape ?? [];
    this.numClasses = outShape.reduce<number>((a, b) => a * (b ?? 1), 1);
    this.defaultLayer = defaultTargetLayer(this.layers);
  }

  #run(
    nodes: readonly ExecNode[],
    values: Map<string, tf.Tensor>,
  ): void {
    for (const node of nodes) {
      const inputs = node.inputs.map((k) => values.get(k)!);
      const kwargs = { ...node.callArgs, training: false };
      const layer = node.layer;
      const bypass = node === this.#softmaxLayer;
      const activation = layer.activation;
      if (bypass) layer.activation = LINEAR;
      try {
        const out = layer.call(
          inputs.length === 1 ? inputs[0] : inputs,
          kwargs,
        );
        const list = Array.isArray(out) ? out : [out];
        node.outputs.forEach((k, i) => values.set(k, list[i]));
      } finally {
        if (bypass) layer.activation = activation;
      }
    }
  }

  #logits(values: Map<string, tf.Tensor>): tf.Tensor2D {
    const logits = values.get(this.#logitKey)!;
    return tf.reshape(logits, [logits.shape[0], -1]) as tf.Tensor2D;
  }

  #split(layer: string): Split {
    const cached = this.#splits.get(layer);
    if (cached) return cached;
    const target = this.#body[findLayer(this.layers, layer)];
    const derived = new Set(target.outputs);
    const head: ExecNode[] = [];
    for (const node of this.#body.slice(this.#body.indexOf(target) + 1)) {
      if (node.inputs.some((k) => derived.has(k))) {
        head.push(node);
        node.outputs.forEach((k) => derived.add(k));
      }
    }
    if (!derived.has(this.#logitKey)) {
      throw new RangeError(
        `Layer "${layer}" does not lead to the model's output; choose a layer before it`,
      );
    }
    const frontier = [
      ...new Set(
        head.flatMap((n) => n.inputs).filter((k) => !derived.has(k)),
      ),
    ];
    const split = { target, head, frontier };
    this.#splits.set(layer, split);
    return split;
  }

  logits(x: tf.Tensor4D): tf.Tensor2D {
    const values = new Map<string, tf.Tensor>([[this.#graph.input, x]]);
    this.#run(this.#body, values);
    return this.#logits(values);
  }

  forward(
    x: tf.Tensor4D,
    layer: string,
  ): { activations: tf.Tensor4D; logits: tf.Tensor2D; frontier: Frontier } {
    const split = this.#split(layer);
    const values = new Map<string, tf.Tensor>([[this.#graph.input, x]]);
    this.#run(this.#body, values);
    const frontier: Frontier = {};
    for (const key of split.frontier) frontier[key] = values.get(key)!;
    return {
      activations: values.get(split.target.outputs[0]) as tf.Tensor4D,
      logits: this.#logits(values),
      frontier,
    };
  }

  head(
    layer: string,
    activations: tf.Tensor4D,
    frontier: Frontier,
  ): tf.Tensor2D {
    const split = this.#split(layer);
    const values = new Map<string, tf.Tensor>(Object.entries(frontier));
    values.set(split.target.outputs[0], activations);
    this.#run(split.head, values);
    return this.#logits(values);
  }

  linearHead(layer: string): LinearHead {
    const split = this.#split(layer);
    const refuse = (reason: string): LinearHead => ({
      ok: false,
      reason:
        `CAM needs a linear, globally pooled head after layer "${layer}", ` +
        `but ${reason}; use grad-cam or grad-cam++ instead`,
    });
    if (split.frontier.length > 0) {
      return refuse(
        `the head also reads other layers (${
          split.head[0].name
        } merges branches)`,
      );
    }
    let pooled = false;
    for (const node of split.head) {
      if (node.inputs.length !== 1) {
        return refuse(
          `layer "${node.name}" (${node.kind}) merges several inputs`,
        );
      }
      const activation = node === this.#softmaxLayer
        ? "linear"
        : node.layer.activation?.getClassName() ?? "linear";
      if (activation !== "linear") {
        return refuse(
          `layer "${node.name}" applies a ${activation} activation`,
        );
      }
      const global = node.outputShape.length === 3 &&
        node.outputShape[0] === 1 && node.outputShape[1] === 1;
      if (
        node.kind === "GlobalAveragePooling2D" ||
        (node.kind === "AveragePooling2D" && global && !pooled)
      ) {
        if (node.layer.dataFormat === "channelsFirst") {
          return refuse(`layer "${node.name}" pools channels-first data`);
        }
        pooled = true;
      } else if (node.kind === "Conv2D") {
        const k = node.layer.kernelSize ?? [];
        const s = node.layer.strides ?? [];
        if (k.some((v) => v !== 1) || (!pooled && s.some((v) => v !== 1))) {
          return refuse(
            `layer "${node.name}" is a ${k.join("x")} convolution, not 1x1`,
          );
        }
      } else if (SHAPE_ONLY.has(node.kind)) {
        if (!pooled) {
          return refuse(
            `layer "${node.name}" (${node.kind}) keeps spatial positions apart before any pooling`,
          );
        }
      } else if (
        !["Dense", "BatchNormalization", "Activation"].includes(node.kind) &&
        !INFERENCE_IDENTITY.has(node.kind)
      ) {
        return refuse(`layer "${node.name}" (${node.kind}) is not linear`);
      }
    }
    if (!pooled) return refuse("no global average pooling follows it");
    return { ok: true };
  }

  dispose(): void {
    this.#model.dispose();
  }
}
