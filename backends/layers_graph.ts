/**
 * Flattens a TF.js layers model (Sequential, functional, nested models) into
 * one list of layer calls in execution order, so that it can be run up to a
 * target layer and the rest re-run as a function of that layer's output.
 *
 * @module
 */
import type { LayersModel } from "@tensorflow/tfjs-layers";
import type { tf } from "./engine.ts";

// The parts of tfjs-layers' internal graph that the executor reads.
interface SymbolicTensor {
  readonly id: number;
  readonly shape: (number | null)[];
}
/** A layer as the executor calls it. */
export interface CallableLayer {
  readonly name: string;
  getClassName(): string;
  call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: Record<string, unknown>,
  ): tf.Tensor | tf.Tensor[];
  activation?: { getClassName(): string };
  readonly kernelSize?: number[];
  readonly strides?: number[];
  readonly dataFormat?: string;
}
interface LayerNode {
  readonly outboundLayer: CallableLayer;
  readonly inputTensors: SymbolicTensor[];
  readonly outputTensors: SymbolicTensor[];
  readonly callArgs?: Record<string, unknown>;
}
interface Container {
  readonly name: string;
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  readonly nodesByDepth: Record<string, LayerNode[]>;
  getClassName(): string;
  readonly model?: Container;
  readonly built?: boolean;
  build?(shape: (number | null)[]): void;
}

/** One layer call of the flattened model. */
export interface ExecNode {
  /** Unique name: the layer's name, or `outer/inner` if names repeat. */
  name: string;
  /** Layer class, for example `"Conv2D"`. */
  readonly kind: string;
  readonly layer: CallableLayer;
  /** Keys of the values this call reads. */
  readonly inputs: string[];
  /** Keys of the values it produces. */
  readonly outputs: string[];
  readonly callArgs: Record<string, unknown>;
  /** Shape of the first output, batch dimension dropped. */
  readonly outputShape: (number | null)[];
}

/** A flattened model. */
export interface FlatGraph {
  readonly input: string;
  readonly inputShape: (number | null)[];
  readonly output: string;
  readonly nodes: ExecNode[];
}

function isContainer(layer: unknown): layer is Container {
  return typeof layer === "object" && layer !== null &&
    ("nodesByDepth" in layer || "model" in layer) &&
    typeof (layer as Container).getClassName === "function" &&
    ["Sequential", "Model", "Functional", "LayersModel"].includes(
      (layer as Container).getClassName(),
    );
}

function inner(container: Container): Container {
  if (container.getClassName() !== "Sequential") return container;
  // A Sequential builds its inner functional model lazily.
  if (!container.model) container.build?.(container.inputs[0].shape);
  return container.model ?? container;
}

/** Flattens `model`, expanding nested models in place. */
export function flattenLayersModel(model: LayersModel): FlatGraph {
  const nodes: ExecNode[] = [];
  const alias = new Map<string, string>();
  const resolve = (key: string): string => {
    while (alias.has(key)) key = alias.get(key)!;
    return key;
  };
  const visit = (container: Container, prefix: string, qualified: string) => {
    const graph = inner(container);
    const key = (t: SymbolicTensor) => resolve(`${prefix}${t.id}`);
    const depths = Object.keys(graph.nodesByDepth).map(Number).sort((a, b) =>
      b - a
    );
    for (const depth of depths) {
      for (const node of graph.nodesByDepth[depth]) {
        const layer = node.outboundLayer;
        if (layer.getClassName() === "InputLayer") continue;
        if (isContainer(layer)) {
          const nested = inner(layer);
          const nestedPrefix = `${prefix}${layer.name}:${nodes.length}/`;
          nested.inputs.forEach((t, i) =>
            alias.set(`${nestedPrefix}${t.id}`, key(node.inputTensors[i]))
          );
          visit(layer, nestedPrefix, `${qualified}${layer.name}/`);
          node.outputTensors.forEach((t, i) =>
            alias.set(
              `${prefix}${t.id}`,
              resolve(`${nestedPrefix}${nested.outputs[i].id}`),
            )
          );
          continue;
        }
        nodes.push({
          name: `${qualified}${layer.name}`,
          kind: layer.getClassName(),
          layer,
          inputs: node.inputTensors.map(key),
          outputs: node.outputTensors.map((t) => `${prefix}${t.id}`),
          callArgs: { ...(node.callArgs ?? {}) },
          outputShape: node.outputTensors[0].shape.slice(1),
        });
      }
    }
  };
  const root = model as unknown as Container;
  const top = inner(root);
  visit(root, "", "");
  // Short names where they are unique.
  const counts = new Map<string, number>();
  const base = (n: ExecNode) => n.name.slice(n.name.lastIndexOf("/") + 1);
  for (const n of nodes) counts.set(base(n), (counts.get(base(n)) ?? 0) + 1);
  for (const n of nodes) if (counts.get(base(n)) === 1) n.name = base(n);
  return {
    input: resolve(`${top.inputs[0].id}`),
    inputShape: top.inputs[0].shape.slice(1),
    output: resolve(`${top.outputs[0].id}`),
    nodes: nodes.map((n) => ({ ...n, inputs: n.inputs.map(resolve) })),
  };
}
