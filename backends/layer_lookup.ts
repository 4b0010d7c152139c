/**
 * Finding layers by name and the default target layer; shared by the
 * layers and graph adapters.
 *
 * @module
 */
import type { LayerInfo } from "../core/graph.ts";

/** Whether a layer's output is a map with height and width > 1. */
export function spatial(layer: LayerInfo): boolean {
  const shape = layer.outputShape;
  return shape.length === 3 && (shape[0] ?? 2) > 1 && (shape[1] ?? 2) > 1;
}

/** The last layer whose output still has height and width > 1. */
export function defaultTargetLayer(layers: readonly LayerInfo[]): string {
  for (let i = layers.length - 1; i >= 0; i--) {
    if (spatial(layers[i])) return layers[i].name;
  }
  throw new TypeError(
    "The model has no layer with a spatial output (height and width > 1); " +
      "camkit explains convolutional image classifiers",
  );
}

function listNames(layers: readonly LayerInfo[]): string {
  const names = layers.filter(spatial).map((l) => l.name);
  if (names.length <= 6) return names.join(", ");
  return `${names.slice(0, 3).join(", ")} … ${names.slice(-3).join(", ")}` +
    ` (see \`cam layers\`)`;
}

/** Index of `name` in `layers`; RangeError naming the spatial layers if absent or not spatial. */
export function findLayer(layers: readonly LayerInfo[], name: string): number {
  const index = layers.findIndex((l) => l.name === name);
  if (index < 0) {
    throw new RangeError(
      `Cannot find layer "${name}": the model's spatial layers are ${
        listNames(layers)
      }`,
    );
  }
  if (!spatial(layers[index])) {
    throw new RangeError(
      `Layer "${name}" has no spatial output (shape [${
        layers[index].outputShape.join(", ")
      }]); choose a convolutional layer such as ${listNames(layers)}`,
    );
  }
  return index;
}
