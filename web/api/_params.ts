/**
 * The options of `POST /api/explain` (form fields or query parameters),
 * checked before any work is queued: every mistake is a 400 naming the
 * value and what to send instead.
 *
 * @module
 */
import { HttpError } from "../_http.ts";
import { parseMethods } from "../../core/methods.ts";
import { COLORMAP_NAMES, type ColormapName } from "../../core/colormap.ts";
import type { CamStrategy } from "../../core/types.ts";
import type { LayerInfo } from "../../core/graph.ts";
import { spatial } from "../../backends/layer_lookup.ts";

/** Explain options as sent by the client, checked. */
export interface ExplainParams {
  /** Methods to run; default all three. */
  readonly methods: readonly CamStrategy[];
  /** Classes as sent (indices or labels); empty: the top class. */
  readonly classes: readonly string[];
  /** Target layer; default the model's. */
  readonly layer?: string;
  /** Colormap of the overlays. Default `"jet"`. */
  readonly colormap: ColormapName;
  /** Heat map opacity of the overlays, 0..1. Default 0.5. */
  readonly alpha: number;
  /** Explain what argues against the class. Default `false`. */
  readonly counterfactual: boolean;
}

/** Reads every value of a field (form field or query parameter). */
export type FieldReader = (name: string) => readonly string[];

function list(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(",")).map((v) => v.trim())
    .filter((v) => v !== "");
}

function single(read: FieldReader, name: string): string | undefined {
  const values = read(name).map((v) => v.trim()).filter((v) => v !== "");
  if (values.length > 1) {
    throw new HttpError(
      400,
      `Field "${name}" was sent ${values.length} times: send it once`,
    );
  }
  return values[0];
}

/**
 * Checks the explain options. Unknown fields are ignored; a bad value is a
 * 400 {@linkcode HttpError}.
 *
 * @example
 * ```ts
 * import { parseExplainParams } from "./_params.ts";
 * const query = new URLSearchParams("method=cam,grad-cam&alpha=0.3");
 * const params = parseExplainParams((name) => query.getAll(name));
 * if (params.methods.length !== 2 || params.alpha !== 0.3) throw new Error();
 * ```
 */
export function parseExplainParams(read: FieldReader): ExplainParams {
  let methods: CamStrategy[];
  try {
    methods = parseMethods(list(read("method")).join(",") || "all");
  } catch (error) {
    throw new HttpError(400, (error as Error).message);
  }
  const colormap = single(read, "colormap") ?? "jet";
  if (!(COLORMAP_NAMES as readonly string[]).includes(colormap)) {
    throw new HttpError(
      400,
      `Unknown colormap "${colormap}": use one of ${COLORMAP_NAMES.join(", ")}`,
    );
  }
  const alphaText = single(read, "alpha");
  const alpha = alphaText === undefined ? 0.5 : Number(alphaText);
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new HttpError(
      400,
      `Alpha "${alphaText}" is out of range: use a number from 0 (image only) to 1 (heat map only)`,
    );
  }
  const counterfactualText = single(read, "counterfactual") ?? "false";
  if (!["true", "false", "1", "0"].includes(counterfactualText)) {
    throw new HttpError(
      400,
      `Counterfactual "${counterfactualText}" is not a boolean: use true or false`,
    );
  }
  return {
    methods,
    classes: list(read("class")),
    layer: single(read, "layer"),
    colormap: colormap as ColormapName,
    alpha,
    counterfactual: counterfactualText === "true" || counterfactualText === "1",
  };
}

/** What class resolution needs to know about the model. */
export interface ClassSpace {
  /** Number of classes. */
  readonly numClasses: number;
  /** Class names, when the model has them. */
  readonly labels: readonly string[] | undefined;
}

/**
 * Class indices from indices or labels (case-insensitive), duplicates
 * dropped. A class out of range or unknown is a 400.
 *
 * @example
 * ```ts
 * import { resolveClassList } from "./_params.ts";
 * const space = { numClasses: 3, labels: ["circle", "square", "star"] };
 * if (resolveClassList(["Star", "0", "2"], space).join() !== "2,0") throw new Error();
 * ```
 */
export function resolveClassList(
  values: readonly string[],
  space: ClassSpace,
): number[] {
  const { numClasses: n, labels } = space;
  const found = values.map((value) => {
    if (/^[+-]?\d+$/.test(value)) {
      const index = Number(value);
      if (index < 0 || index >= n) {
        throw new HttpError(
          400,
          `Class ${value} is out of range: the model has classes 0..${n - 1}`,
        );
      }
      return index;
    }
    const index = labels?.findIndex((l) =>
      l.toLowerCase() === value.toLowerCase()
    ) ?? -1;
    if (index < 0) {
      throw new HttpError(
        400,
        `Unknown class "${value}": use an index 0..${n - 1}${
          labels ? ` or one of ${labels.slice(0, 10).join(", ")}` : ""
        }`,
      );
    }
    return index;
  });
  return [...new Set(found)];
}

/**
 * Checks that `name` is a layer with a spatial output; a 400 naming the
 * spatial layers otherwise.
 *
 * @example
 * ```ts
 * import { checkLayer } from "./_params.ts";
 * const layers = [{ name: "conv", kind: "Conv2D", outputShape: [4, 4, 8] }];
 * checkLayer("conv", layers);
 * ```
 */
export function checkLayer(name: string, layers: readonly LayerInfo[]): void {
  const layer = layers.find((l) => l.name === name);
  if (layer !== undefined && spatial(layer)) return;
  const names = layers.filter(spatial).map((l) => l.name);
  throw new HttpError(
    400,
    layer === undefined
      ? `Unknown layer "${name}": use one of ${names.join(", ")}`
      : `Layer "${name}" has no spatial output (shape [${
        layer.outputShape.join(", ")
      }]): use one of ${names.join(", ")}`,
  );
}
