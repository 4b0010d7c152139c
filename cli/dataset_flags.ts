/**
 * The flags of `cam eval` and `cam shapes`, checked before any model loads.
 *
 * @module
 */
import { UsageError } from "./errors.ts";

/** The `node:util` option specs of the dataset flags. */
export const DATASET_OPTIONS = {
  annotations: { type: "string" },
  steps: { type: "string" },
  limit: { type: "string" },
  count: { type: "string" },
  seed: { type: "string" },
  objects: { type: "string" },
  size: { type: "string" },
  masks: { type: "boolean" },
} as const;

/** Checked dataset flags. */
export interface DatasetFlags {
  /** `eval`: annotation file (default `<images-dir>/annotations.json`). */
  readonly annotations?: string;
  /** `eval`: deletion / insertion steps (default 16). */
  readonly steps: number;
  /** `eval`: evaluate only the first N annotated images. */
  readonly limit?: number;
  /** `shapes`: number of images (default 100). */
  readonly count: number;
  /** `shapes`: seed of the first scene (default −1, or −2000000 for two objects). */
  readonly seed?: number;
  /** `shapes`: objects per image (default 1). */
  readonly objects: 1 | 2;
  /** `shapes`: image side in pixels (default 112). */
  readonly size: number;
  /** `shapes`: also write one mask PNG per object. */
  readonly masks: boolean;
}

function wholeNumber(
  flag: string,
  value: unknown,
  range: { min: number; max: number },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(String(value)) || n < range.min || n > range.max) {
    throw new UsageError(
      `--${flag} must be a whole number from ${range.min} to ${range.max}, got "${value}"`,
    );
  }
  return n;
}

/** Options for {@linkcode parseDatasetFlags}. */
export interface DatasetFlagsOptions {
  /** The command, to check its positional arguments. */
  readonly command?: string;
  /** The positional arguments after the command. */
  readonly inputs?: readonly string[];
}

/**
 * Checks the dataset flags of a parsed command line; a bad value is a
 * {@linkcode UsageError} naming the flag and the allowed range, as is
 * `eval` or `shapes` without exactly one folder.
 *
 * @example
 * ```ts
 * import { parseDatasetFlags } from "./dataset_flags.ts";
 * const flags = parseDatasetFlags({ steps: "8", objects: "2" });
 * if (flags.steps !== 8 || flags.objects !== 2 || flags.count !== 100) throw new Error();
 * ```
 */
export function parseDatasetFlags(
  values: Readonly<Record<string, unknown>>,
  options: DatasetFlagsOptions = {},
): DatasetFlags {
  const { command, inputs = [] } = options;
  if (command === "eval" && inputs.length !== 1) {
    throw new UsageError(
      "cam eval takes one images folder: cam eval <images-dir> [--annotations FILE]",
    );
  }
  if (command === "shapes" && inputs.length !== 1) {
    throw new UsageError(
      "cam shapes takes one output folder: cam shapes <out-dir> [--count N]",
    );
  }
  const objects = wholeNumber("objects", values.objects, { min: 1, max: 2 });
  const annotations = values.annotations;
  return {
    annotations: typeof annotations === "string" ? annotations : undefined,
    steps: wholeNumber("steps", values.steps, { min: 1, max: 1000 }) ?? 16,
    limit: wholeNumber("limit", values.limit, { min: 1, max: 1e9 }),
    count: wholeNumber("count", values.count, { min: 1, max: 1e6 }) ?? 100,
    seed: wholeNumber("seed", values.seed, { min: -(2 ** 52), max: 2 ** 52 }),
    objects: objects === 2 ? 2 : 1,
    size: wholeNumber("size", values.size, { min: 16, max: 4096 }) ?? 112,
    masks: values.masks === true,
  };
}
