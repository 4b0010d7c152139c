/**
 * Runs a TF.js graph model (SavedModel / TF-Hub converted) split at a node:
 * `execute` up to the target node, then the head re-executed with the target
 * node fed as an input, so only the head is differentiated.
 *
 * @module
 */
import type { GraphModel } from "@tensorflow/tfjs-converter";
import { tf } from "./engine.ts";
import type { LayerInfo, LinearHead } from "../core/graph.ts";
import type { Frontier, SplitRunner } from "./split_model.ts";
import { defaultTargetLayer, findLayer } from "./layer_lookup.ts";

/** A node of the GraphDef as stored in model.json. */
interface RawNode {
  readonly name: string;
  readonly op: string;
  readonly input?: string[];
  readonly attr?: Record<
    string,
    { list?: { s?: string[]; i?: string[] }; s?: string }
  >;
}

const PASS_THROUGH = new Set(["Identity", "Reshape", "Squeeze", "ExpandDims"]);
const AFFINE = new Set([
  "BiasAdd",
  "Add",
  "AddV2",
  "Sub",
  "Mul",
  "FusedBatchNorm",
  "FusedBatchNormV3",
  "MatMul",
  "_FusedMatMul",
]);

function nodeName(input: string): string {
  return input.replace(/^\^/, "").replace(/:\d+$/, "");
}

function fusedOps(node: RawNode): string[] {
  return (node.attr?.fused_ops?.list?.s ?? []).map((s) => atob(s));
}

interface Split {
  readonly target: string;
  readonly head: RawNode[];
  readonly frontier: string[];
}

/** A {@linkcode SplitRunner} for a TF.js graph model. */
export class GraphRunner implements SplitRunner {
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly layers: readonly LayerInfo[];
  readonly defaultLayer: string;
  #model: GraphModel;
  #input: string;
  #logit: string;
  #nodes: Map<string, RawNode>;
  /** Input-dependent nodes in topological order, up to the logits. */
  #order: string[];
  #splits = new Map<string, Split>();

  /** Use {@linkcode GraphRunner.create}: shapes need one forward pass. */
  private constructor(
    model: GraphModel,
    nodes: RawNode[],
    inputShape: [number, number, number],
  ) {
    this.#model = model;
    this.#nodes = new Map(nodes.map((n) => [n.name, n]));
    this.#input = nodeName(model.inputs[0].name);
    // Logits: walk back from the output through pass-through ops to a Softmax.
    let logit = nodeName(model.outputs[0].name);
    let node = this.#nodes.get(logit);
    while (node && PASS_THROUGH.has(node.op) && node.input?.length) {
      const prev = this.#nodes.get(nodeName(node.input[0]));
      if (!prev || !(PASS_THROUGH.has(prev.op) || prev.op === "Softmax")) break;
      node = prev;
    }
    if (node?.op === "Softmax" && node.input?.length) {
      logit = nodeName(node.input[0]);
    }
    this.#logit = logit;
    this.#order = this.#topologicalOrder();
    this.inputShape = inputShape;
    this.layers = [];
    this.numClasses = 0;
    this.defaultLayer = "";
  }

  /** Loads shapes with one forward pass on zeros. */
  static create(
    model: GraphModel,
    nodes: RawNode[],
    inputSize?: readonly [number, number],
  ): GraphRunner {
    const shape = model.inputs[0].shape ?? [];
    const dims = shape.slice(1).map((
      d,
    ) => (d == null || d < 0 ? undefined : d));
    const height = dims[0] ?? inputSize?.[0];
    const width = dims[1] ?? inputSize?.[1];
    const channels = dims[2] ?? 3;
    if (shape.length !== 4 || height === undefined || width === undefined) {
      throw new TypeError(
        `The graph model's input shape [${shape.join(", ")}] is not an image ` +
          `batch [N, height, width, channels]; set "inputSize" in camkit.json`,
      );
    }
    const runner = new GraphRunner(model, nodes, [height, width, channels]);
    const names = runner.#order;
    const outputs = tf.tidy(() => {
      const zeros = tf.zeros([1, height, width, channels]);
      return model.execute({ [runner.#input]: zeros }, names) as tf.Tensor[];
    });
    const layers = names.map((name, i) => ({
      name,
      kind: runner.#nodes.get(name)!.op,
      outputShape: outputs[i].shape.slice(1),
    }));
    tf.dispose(outputs);
    const writable = runner as unknown as {
      layers: LayerInfo[];
      numClasses: number;
      defaultLayer: string;
    };
    writable.layers = layers;
    writable.numClasses = layers[layers.length - 1].outputShape.reduce<number>(
      (a, b) => a * (b ?? 1),
      1,
    );
    writable.defaultLayer = defaultTargetLayer(layers);
    return runner;
  }

  #topologicalOrder(): string[] {
    const order: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const dependsOnInput = new Set<string>([this.#input]);
    const stack: [string, boolean][] = [[this.#logit, false]];
    while (stack.length) {
      const [name, expanded] = stack.pop()!;
      if (expanded) {
        state.set(name, "done");
        const node = this.#nodes.get(name);
        if (
          name !== this.#input &&
          node?.input?.some((i) =>
            !i.startsWith("^") && dependsOnInput.has(nodeName(i))
          )
        ) {
          dependsOnInput.add(name);
          order.push(name);
        }
        continue;
      }
      if (state.has(name)) continue;
      state.set(name, "visiting");
      stack.push([name, true]);
      for (const input of this.#nodes.get(name)?.input ?? []) {
        if (input.startsWith("^")) continue;
        if (!state.has(nodeName(input))) stack.push([nodeName(input), false]);
      }
    }
    return order;
  }

  #split(layer: string): Split {
    const cached = this.#splits.get(layer);
    if (cached) return cached;
    findLayer(this.layers, layer);
    const derived = new Set([layer]);
    const head: RawNode[] = [];
    for (const name of this.#order.slice(this.#order.indexOf(layer) + 1)) {
      const node = this.#nodes.get(name)!;
      if (node.input?.some((i) => derived.has(nodeName(i)))) {
        head.push(node);
        derived.add(name);
      }
    }
    const inputDependent = new Set([this.#input, ...this.#order]);
    const frontier = [
      ...new Set(
        head.flatMap((n) => (n.input ?? []).map(nodeName)).filter((n) =>
          !derived.has(n) && inputDependent.has(n)
        ),
      ),
    ];
    const split = { target: layer, head, frontier };
    this.#splits.set(layer, split);
    return split;
  }

  logits(x: tf.Tensor4D): tf.Tensor2D {
    const out = this.#model.execute(
      { [this.#input]: x },
      this.#logit,
    ) as tf.Tensor;
    return tf.reshape(out, [x.shape[0], -1]) as tf.Tensor2D;
  }

  forward(
    x: tf.Tensor4D,
    layer: string,
  ): { activations: tf.Tensor4D; logits: tf.Tensor2D; frontier: Frontier } {
    const split = this.#split(layer);
    const outs = this.#model.execute(
      { [this.#input]: x },
      [layer, this.#logit, ...split.frontier],
    ) as tf.Tensor[];
    const frontier: Frontier = {};
    split.frontier.forEach((name, i) => (frontier[name] = outs[i + 2]));
    return {
      activations: outs[0] as tf.Tensor4D,
      logits: tf.reshape(outs[1], [x.shape[0], -1]) as tf.Tensor2D,
      frontier,
    };
  }

  head(
    layer: string,
    activations: tf.Tensor4D,
    frontier: Frontier,
  ): tf.Tensor2D {
    this.#split(layer);
    const out = this.#model.execute(
      { ...frontier, [layer]: activations },
      this.#logit,
    ) as tf.Tensor;
    return tf.reshape(out, [activations.shape[0], -1]) as tf.Tensor2D;
  }

  linearHead(layer: string): LinearHead {
    const split = this.#split(layer);
    const refuse = (reason: string): LinearHead => ({
      ok: false,
      reason:
        `CAM needs a linear, globally pooled head after node "${layer}", ` +
        `but ${reason}; use grad-cam or grad-cam++ instead`,
    });
    if (split.frontier.length > 0) {
      return refuse(`the head also reads other nodes (${split.frontier[0]})`);
    }
    const shapes = new Map(this.layers.map((l) => [l.name, l.outputShape]));
    const inputDependent = new Set([layer, ...this.#order]);
    let pooled = false;
    for (const node of split.head) {
      const live = (node.input ?? []).filter((i) =>
        !i.startsWith("^") && inputDependent.has(nodeName(i))
      );
      if (live.length !== 1) {
        return refuse(`node "${node.name}" (${node.op}) merges several inputs`);
      }
      const out = shapes.get(node.name) ?? [];
      if (node.op === "Mean" || node.op === "AvgPool") {
        const global = out.length === 1 ||
          (out.length === 3 && out[0] === 1 && out[1] === 1);
        if (!global) {
          return refuse(
            `node "${node.name}" (${node.op}) does not pool over all positions`,
          );
        }
        pooled = true;
      } else if (node.op === "Conv2D" || node.op === "_FusedConv2D") {
        const filter = this.#model.weights[nodeName(node.input![1])]?.[0];
        const extra = fusedOps(node).filter((op) => op !== "BiasAdd");
        if (extra.length > 0) {
          return refuse(`node "${node.name}" applies ${extra.join(", ")}`);
        }
        if (!filter || filter.shape[0] !== 1 || filter.shape[1] !== 1) {
          return refuse(`node "${node.name}" is not a 1x1 convolution`);
        }
      } else if (node.op === "_FusedMatMul") {
        const extra = fusedOps(node).filter((op) => op !== "BiasAdd");
        if (extra.length > 0) {
          return refuse(`node "${node.name}" applies ${extra.join(", ")}`);
        }
      } else if (PASS_THROUGH.has(node.op)) {
        if (!pooled && node.op !== "Identity") {
          return refuse(
            `node "${node.name}" (${node.op}) reshapes before any pooling`,
          );
        }
      } else if (!AFFINE.has(node.op)) {
        return refuse(`node "${node.name}" (${node.op}) is not linear`);
      }
    }
    if (!pooled) return refuse("no global average pooling follows it");
    return { ok: true };
  }

  dispose(): void {
    this.#model.dispose();
  }
}
