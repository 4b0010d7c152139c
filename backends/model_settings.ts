/**
 * What a model folder may hold besides model.json: `camkit.json` (settings)
 * and class labels (`labels.json`, `metadata.json`, or a file named in
 * camkit.json).
 *
 * @module
 */
import { PREPROCESS_NAMES, type PreprocessName } from "../core/preprocess.ts";

/** Settings a `camkit.json` beside model.json may hold. */
export interface ModelSettings {
  /** Input scaling the model was trained with. */
  readonly preprocess?: PreprocessName;
  /** Labels, or the name of a labels file beside model.json. */
  readonly labels?: string | readonly string[];
  /** Input `[height, width]` for models without a fixed input size. */
  readonly inputSize?: readonly [number, number];
  /** Default target layer. */
  readonly layer?: string;
}

const decoder = new TextDecoder();

/**
 * Parses a labels file: a JSON array, `{"labels": [...]}`, or one per line.
 *
 * @example
 * ```ts
 * import { parseLabels } from "./model_settings.ts";
 * if (parseLabels("cat\ndog\n", "labels.txt").length !== 2) throw new Error();
 * ```
 */
export function parseLabels(text: string, name: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new SyntaxError(
        `Cannot read labels "${name}": invalid JSON (${
          error instanceof Error ? error.message : error
        })`,
      );
    }
    const list = Array.isArray(json)
      ? json
      : (json as { labels?: unknown })?.labels;
    if (!Array.isArray(list)) {
      throw new SyntaxError(
        `Cannot read labels "${name}": expected a JSON array of names`,
      );
    }
    return list.map(String);
  }
  return trimmed.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
}

/** Parses and checks `camkit.json`. */
export function parseSettings(text: string, name: string): ModelSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(
      `Cannot read "${name}": invalid JSON (${(error as Error).message})`,
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new SyntaxError(`"${name}" must be a JSON object`);
  }
  const s = json as Record<string, unknown>;
  if (
    s.preprocess !== undefined &&
    !PREPROCESS_NAMES.includes(s.preprocess as PreprocessName)
  ) {
    throw new SyntaxError(
      `"${name}": unknown preprocess "${s.preprocess}"; use one of ${
        PREPROCESS_NAMES.join(", ")
      }`,
    );
  }
  if (
    s.inputSize !== undefined &&
    !(Array.isArray(s.inputSize) && s.inputSize.length === 2 &&
      s.inputSize.every((v) => Number.isInteger(v) && v > 0))
  ) {
    throw new SyntaxError(`"${name}": inputSize must be [height, width]`);
  }
  if (
    s.labels !== undefined && typeof s.labels !== "string" &&
    !Array.isArray(s.labels)
  ) {
    throw new SyntaxError(`"${name}": labels must be a file name or an array`);
  }
  if (s.layer !== undefined && typeof s.layer !== "string") {
    throw new SyntaxError(`"${name}": layer must be a layer name`);
  }
  return s as ModelSettings;
}

/** Reads camkit.json (if any) beside model.json. */
export async function readSettings(
  readSibling: (name: string) => Promise<Uint8Array | undefined>,
  source: string,
): Promise<ModelSettings> {
  const bytes = await readSibling("camkit.json");
  if (bytes === undefined) return {};
  return parseSettings(
    decoder.decode(bytes),
    siblingName(source, "camkit.json"),
  );
}

/** Labels found with the model: camkit.json's, labels.json or metadata.json. */
export async function readLabels(
  readSibling: (name: string) => Promise<Uint8Array | undefined>,
  settings: ModelSettings,
  source: string,
): Promise<string[] | undefined> {
  if (Array.isArray(settings.labels)) return settings.labels.map(String);
  if (typeof settings.labels === "string") {
    const bytes = await readSibling(settings.labels);
    if (bytes === undefined) {
      throw new Error(
        `Cannot find labels "${settings.labels}" named in ${
          siblingName(source, "camkit.json")
        }`,
      );
    }
    return parseLabels(decoder.decode(bytes), settings.labels);
  }
  for (const name of ["labels.json", "metadata.json"]) {
    const bytes = await readSibling(name);
    if (bytes === undefined) continue;
    try {
      return parseLabels(decoder.decode(bytes), name);
    } catch {
      // Not a labels file after all.
    }
  }
  return undefined;
}

/**
 * Matches labels to a model's classes: a list one short gets "background" at
 * index 0 (TF-Hub / slim models have 1001 outputs); any other mismatch gives
 * `undefined`.
 */
export function fitLabels(
  labels: readonly string[] | undefined,
  numClasses: number,
): string[] | undefined {
  if (!labels) return undefined;
  if (labels.length === numClasses - 1) return ["background", ...labels];
  return labels.length === numClasses ? [...labels] : undefined;
}

function siblingName(source: string, name: string): string {
  return /^https?:/i.test(source)
    ? new URL(name, source).href
    : source.replace(/[^/]*$/, name);
}
