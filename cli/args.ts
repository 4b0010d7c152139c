/**
 * Command-line parsing for `cam`: flags, their defaults and their checks.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.ts";
import { PREPROCESS_NAMES, type PreprocessName } from "../core/preprocess.ts";
import { COLORMAP_NAMES, type ColormapName } from "../core/colormap.ts";
import { parseMethods } from "../core/methods.ts";
import type { CamStrategy } from "../core/types.ts";
import {
  DATASET_OPTIONS,
  type DatasetFlags,
  parseDatasetFlags,
} from "./dataset_flags.ts";
import {
  BACKEND_NAMES,
  type BackendChoice,
} from "../backends/backend_names.ts";

/** The commands of `cam`. */
export const COMMANDS = [
  "explain",
  "classify",
  "layers",
  "demo",
  "serve",
  "eval",
  "shapes",
  "help",
] as const;
/** A command of `cam`. */
export type Command = typeof COMMANDS[number];

/** Which files `explain` writes. */
export type SaveKind = "overlay" | "heatmap" | "raw";
const SAVE_KINDS: readonly SaveKind[] = ["overlay", "heatmap", "raw"];

/** Parsed command line. */
export interface CliArgs {
  readonly command: Command;
  readonly inputs: readonly string[];
  readonly model?: string;
  readonly methods: readonly CamStrategy[];
  readonly layer?: string;
  /** Class indices or labels, as given. */
  readonly classes: readonly string[];
  readonly topK: number;
  readonly score: "logit" | "softmax";
  readonly counterfactual: boolean;
  readonly preprocess?: PreprocessName;
  readonly resize: "stretch" | "crop";
  readonly labels?: string;
  readonly backend: BackendChoice;
  readonly out: string;
  readonly colormap: ColormapName;
  readonly alpha: number;
  readonly save: readonly SaveKind[];
  readonly json: boolean;
  /** `serve`: port to listen on (0: any free port). */
  readonly port: number;
  /** `serve`: interface to listen on. */
  readonly host: string;
  /** `eval` and `shapes`: dataset flags. */
  readonly dataset: DatasetFlags;
}

function oneOf<T extends string>(
  flag: string,
  value: string,
  allowed: readonly T[],
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(
      `Unknown ${flag} "${value}": use one of ${allowed.join(", ")}`,
    );
  }
  return value as T;
}

function list(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Parses `argv` (without the program name). Throws {@linkcode UsageError}. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        model: { type: "string", short: "m" },
        method: { type: "string", multiple: true },
        layer: { type: "string" },
        class: { type: "string", multiple: true, short: "c" },
        "top-k": { type: "string" },
        score: { type: "string" },
        counterfactual: { type: "boolean" },
        preprocess: { type: "string" },
        resize: { type: "string" },
        labels: { type: "string" },
        backend: { type: "string" },
        out: { type: "string", short: "o" },
        colormap: { type: "string" },
        alpha: { type: "string" },
        save: { type: "string", multiple: true },
        json: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
        ...DATASET_OPTIONS,
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(
      // node:util's messages may span lines ("argument is ambiguous"): keep
      // them to one line, without the advice about leading dashes.
      (error instanceof Error ? error.message : String(error))
        .replace(/\.?\s*To specify (a positional|an option) argument.*$/s, "")
        .replace(/\s*\n\s*/g, " ") + "; see `cam help`",
    );
  }
  const { values, positionals } = parsed;
  const [first, ...inputs] = positionals;
  const command = values.help || first === undefined
    ? "help"
    : oneOf("command", first, COMMANDS);
  if (command === "demo" && (values.model !== undefined || inputs.length)) {
    throw new UsageError(
      "cam demo takes no images and no --model: it uses the built-in shapes " +
        "model on generated scenes; to explain your own, use cam explain",
    );
  }
  const topK = Number(values["top-k"] ?? 5);
  if (!Number.isInteger(topK) || topK < 1) {
    throw new UsageError(
      `--top-k must be a positive integer, got "${values["top-k"]}"`,
    );
  }
  const port = Number(values.port ?? 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535, got "${values.port}"`,
    );
  }
  const alpha = Number(values.alpha ?? 0.5);
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new UsageError(
      `--alpha must be between 0 and 1, got "${values.alpha}"`,
    );
  }
  let methods: CamStrategy[];
  try {
    methods = parseMethods(
      list(values.method).join(",") ||
        (command === "eval" ? "all" : "grad-cam"),
    );
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message : String(error),
    );
  }
  const save = list(values.save);
  return {
    command,
    inputs,
    model: values.model,
    methods,
    layer: values.layer,
    classes: list(values.class),
    topK,
    score: oneOf("--score", values.score ?? "logit", ["logit", "softmax"]),
    counterfactual: values.counterfactual ?? false,
    preprocess: values.preprocess === undefined
      ? undefined
      : oneOf("--preprocess", values.preprocess, PREPROCESS_NAMES),
    resize: oneOf("--resize", values.resize ?? "stretch", ["stretch", "crop"]),
    labels: values.labels,
    backend: oneOf("--backend", values.backend ?? "auto", [
      "auto",
      ...BACKEND_NAMES,
    ]),
    out: values.out ?? "cam-out",
    colormap: oneOf("--colormap", values.colormap ?? "jet", COLORMAP_NAMES),
    alpha,
    save: save.length === 0
      ? ["overlay", "heatmap"]
      : save.map((s) => oneOf("--save", s, SAVE_KINDS)),
    json: values.json ?? false,
    port,
    host: values.host ?? "127.0.0.1",
    dataset: parseDatasetFlags(values, { command, inputs }),
  };
}

/** The help text. */
export const HELP =
  `cam — class activation maps for TensorFlow.js image classifiers

Usage:
  cam explain <image-or-folder>... [options]   heat maps (CAM, Grad-CAM, Grad-CAM++)
  cam classify <image>... [options]            top-k predictions
  cam layers [options]                          layers, output shapes, default target
  cam demo [--out DIR] [--backend NAME] [--json]
                                                the built-in demo: shapes images, all three
                                                methods, a contact sheet in cam-out/
  cam serve [--port N] [--host ADDR]           the web page and the /api/explain API
  cam eval <images-dir> [--annotations FILE] [options]
                                                explanation quality: pointing game, energy,
                                                localisation, Average Drop, deletion/insertion
  cam shapes <out-dir> [--count N] [--seed=S] [--objects 1|2] [--size N] [--masks]
                                                write held-out shapes images + annotations.json

Options:
  -m, --model PATH|URL     TF.js model.json (layers or graph model), or its folder
      --method NAMES       cam, grad-cam, grad-cam++ or all; comma list (default grad-cam;
                           all for eval)
      --layer NAME         layer to explain (default: last layer with spatial output)
  -c, --class N|LABEL      class to explain; repeatable or comma list (default: top-1)
      --top-k N            predictions to report (default 5)
      --score KIND         logit (default) or softmax
      --counterfactual     show regions that argue against the class
      --preprocess NAME    unit [0,1] | symmetric x/127.5-1 | imagenet | caffe | raw 0..255
      --resize MODE        stretch (default) or crop (centre crop to the input's aspect)
      --labels FILE        class names: JSON array or one per line
      --backend NAME       auto (default), webgpu, wasm or cpu
  -o, --out DIR            output folder (default cam-out)
      --colormap NAME      jet (default), turbo, viridis, inferno, gray
      --alpha A            heat map opacity in the overlay, 0..1 (default 0.5)
      --save KINDS         overlay, heatmap, raw; comma list (default overlay,heatmap)
      --json               print one JSON document on stdout
      --port N             serve: port (default 8000; 0 picks a free one)
      --host ADDR          serve: interface (default 127.0.0.1)
      --annotations FILE   eval: annotation JSON (default <images-dir>/annotations.json)
      --steps N            eval: deletion/insertion steps (default 16)
      --limit N            eval: only the first N annotated images
      --count N            shapes: images to write (default 100)
      --seed=S             shapes: seed of image 0, image i uses S-i (default -1;
                           -2000000 with --objects 2: the demo model's test seeds)
      --objects N          shapes: 1 (default) or 2 objects per image
      --size N             shapes: image side in pixels (default 112)
      --masks              shapes: also write one mask PNG per object
  -h, --help               this help

A camkit.json beside model.json may set "preprocess", "labels", "inputSize"
and "layer"; flags win. Exit codes: 0 success, 1 failure, 2 usage error.`;
