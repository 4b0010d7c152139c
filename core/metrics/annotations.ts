/**
 * Ground-truth annotations for `cam eval`: which objects each image shows,
 * of which class, where. The format (written by `cam shapes`):
 *
 * ```json
 * {
 *   "classes": ["circle", "square", "triangle", "star", "cross", "ring"],
 *   "images": [
 *     {
 *       "file": "shape_0000.png", "width": 112, "height": 112,
 *       "objects": [
 *         { "class": "ring", "classIndex": 5,
 *           "box": { "x": 31, "y": 40, "width": 37, "height": 37 },
 *           "mask": "shape_0000.mask0.png" }
 *       ]
 *     }
 *   ]
 * }
 * ```
 *
 * - `file` (required): the image, relative to the images folder.
 * - `width`, `height` (optional): checked against the decoded image.
 * - `objects` (required, at least one per image), each with a class and a
 *   box. The class is `class` (a name, matched case-insensitively against
 *   the model's labels) and/or `classIndex` (the model's output index); when
 *   both are given they must agree.
 * - `box`: pixels of the image as stored, `x`, `y` the top-left pixel inside
 *   the object, `width`, `height` ≥ 1; it must lie inside the image.
 *   Fractional values are widened outwards to whole pixels.
 * - `mask` (optional): a PNG of the image's size, relative to the images
 *   folder, non-zero (any channel of R, G, B) inside the object. When given,
 *   the pointing games measure distance to the mask instead of the box.
 * - `classes` (optional) is informational; classes are always matched
 *   against the model.
 *
 * @module
 */
import type { Box, Size } from "../types.ts";

/** One annotated object, its class resolved against the model. */
export interface AnnotatedObject {
  /** The model's output index of the object's class. */
  readonly classIndex: number;
  /** The name given in the file, if any. */
  readonly label?: string;
  /** Its box in image pixels. */
  readonly box: Box;
  /** Mask PNG path as written in the file (relative to the images folder). */
  readonly mask?: string;
}

/** One annotated image. */
export interface AnnotatedImage {
  /** Image path as written in the file (relative to the images folder). */
  readonly file: string;
  /** Declared size, if the file gives one. */
  readonly width?: number;
  /** Declared size, if the file gives one. */
  readonly height?: number;
  /** Its objects, at least one. */
  readonly objects: readonly AnnotatedObject[];
}

/** Options for {@linkcode parseAnnotations}. */
export interface ParseAnnotationsOptions {
  /** The model's number of classes. */
  numClasses: number;
  /** The model's class names, in output order (when it has them). */
  labels?: readonly string[];
  /** The file's name, for error messages. Default `"annotations"`. */
  source?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates annotation JSON against a model's classes. Broken
 * JSON is a `SyntaxError`, a wrong structure a `TypeError`, a bad box or an
 * unknown class a `RangeError`; every message names the file, the image and
 * the object, and says what to fix.
 *
 * @example
 * ```ts
 * import { parseAnnotations } from "./annotations.ts";
 * const text = JSON.stringify({ images: [{ file: "a.png", objects: [
 *   { class: "Star", box: { x: 1, y: 2, width: 3, height: 4 } }] }] });
 * const [image] = parseAnnotations(text, { numClasses: 3, labels: ["circle", "square", "star"] });
 * if (image.objects[0].classIndex !== 2) throw new Error();
 * ```
 */
export function parseAnnotations(
  text: string,
  options: ParseAnnotationsOptions,
): AnnotatedImage[] {
  const source = options.source ?? "annotations";
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(
      `Annotations "${source}" are not valid JSON (${
        error instanceof Error ? error.message : error
      }); fix the file`,
    );
  }
  if (!isObject(json) || !Array.isArray(json.images)) {
    throw new TypeError(
      `Annotations "${source}" need an object with an "images" array; see "Evaluating explanations" in the README`,
    );
  }
  if (json.images.length === 0) {
    throw new RangeError(`Annotations "${source}" list no images; add some`);
  }
  return json.images.map((entry, i) => parseImage(entry, `images[${i}]`));

  function parseImage(entry: unknown, where: string): AnnotatedImage {
    if (!isObject(entry)) {
      throw new TypeError(`Annotations "${source}": ${where} is not an object`);
    }
    const file = entry.file;
    if (typeof file !== "string" || file.trim() === "") {
      throw new TypeError(
        `Annotations "${source}": ${where} has no "file"; give the image's path in the images folder`,
      );
    }
    const at = `${where} ("${file}")`;
    const size: { width?: number; height?: number } = {};
    for (const key of ["width", "height"] as const) {
      const v = entry[key];
      if (v === undefined) continue;
      if (!Number.isInteger(v) || (v as number) < 1) {
        throw new RangeError(
          `Annotations "${source}": ${at} has ${key} ${
            JSON.stringify(v)
          }; give a whole number of pixels or leave it out`,
        );
      }
      size[key] = v as number;
    }
    if (!Array.isArray(entry.objects) || entry.objects.length === 0) {
      throw new TypeError(
        `Annotations "${source}": ${at} has no "objects"; list at least one object with a class and a box`,
      );
    }
    const objects = entry.objects.map((o, j) =>
      parseObject(o, `${at} objects[${j}]`)
    );
    return { file, ...size, objects };
  }

  function parseObject(entry: unknown, at: string): AnnotatedObject {
    if (!isObject(entry)) {
      throw new TypeError(`Annotations "${source}": ${at} is not an object`);
    }
    const label = entry.class;
    if (label !== undefined && typeof label !== "string") {
      throw new TypeError(
        `Annotations "${source}": ${at} has "class" ${
          JSON.stringify(label)
        }; give the class name as a string (or use "classIndex")`,
      );
    }
    const classIndex = resolveClass(label, entry.classIndex, at);
    const box = parseBox(entry.box, at);
    const mask = entry.mask;
    if (mask !== undefined && (typeof mask !== "string" || mask === "")) {
      throw new TypeError(
        `Annotations "${source}": ${at} has "mask" ${
          JSON.stringify(mask)
        }; give a PNG path in the images folder or leave it out`,
      );
    }
    return {
      classIndex,
      ...(label === undefined ? {} : { label }),
      box,
      ...(mask === undefined ? {} : { mask }),
    };
  }

  function resolveClass(
    label: string | undefined,
    index: unknown,
    at: string,
  ): number {
    const n = options.numClasses;
    if (index !== undefined) {
      if (!Number.isInteger(index) || (index as number) < 0) {
        throw new RangeError(
          `Annotations "${source}": ${at} has classIndex ${
            JSON.stringify(index)
          }; use a whole number from 0 to ${n - 1}`,
        );
      }
      if ((index as number) >= n) {
        throw new RangeError(
          `Annotations "${source}": ${at} has classIndex ${index} but the model has classes 0..${
            n - 1
          }; fix the index or evaluate with the matching --model`,
        );
      }
    }
    if (label === undefined) {
      if (index === undefined) {
        throw new TypeError(
          `Annotations "${source}": ${at} has no class; give "class" (a name) or "classIndex"`,
        );
      }
      return index as number;
    }
    const labels = options.labels;
    if (!labels) {
      if (index !== undefined) return index as number;
      throw new RangeError(
        `Annotations "${source}": ${at} names class "${label}" but the model has no class names; ` +
          `add "classIndex" or give the model's labels (--labels FILE)`,
      );
    }
    const wanted = label.trim().toLowerCase();
    const found = labels.findIndex((l) => l.trim().toLowerCase() === wanted);
    if (found < 0) {
      const list = labels.length <= 12
        ? labels.join(", ")
        : `${labels.slice(0, 12).join(", ")}, …`;
      throw new RangeError(
        `Annotations "${source}": ${at} has class "${label}", which the model does not know (${list}); ` +
          `fix the name or evaluate with the matching --model`,
      );
    }
    if (index !== undefined && index !== found) {
      throw new RangeError(
        `Annotations "${source}": ${at} has class "${label}" (class ${found} of the model) but classIndex ${index}; make them agree`,
      );
    }
    return found;
  }

  function parseBox(value: unknown, at: string): Box {
    const keys = ["x", "y", "width", "height"] as const;
    if (
      !isObject(value) ||
      !keys.every((k) => typeof value[k] === "number" && isFinite(value[k]))
    ) {
      throw new TypeError(
        `Annotations "${source}": ${at} has box ${
          JSON.stringify(value)
        }; give {"x", "y", "width", "height"} in pixels`,
      );
    }
    const [x, y, w, h] = keys.map((k) => value[k] as number);
    if (x < 0 || y < 0 || w <= 0 || h <= 0) {
      throw new RangeError(
        `Annotations "${source}": ${at} has box ${
          JSON.stringify(value)
        }; x and y must be ≥ 0 and width and height > 0`,
      );
    }
    const x0 = Math.floor(x), y0 = Math.floor(y);
    return {
      x: x0,
      y: y0,
      width: Math.ceil(x + w) - x0,
      height: Math.ceil(y + h) - y0,
    };
  }
}

/**
 * Throws a `RangeError` when an annotated image's declared size differs from
 * the decoded image, or a box does not fit inside it.
 *
 * @example
 * ```ts
 * import { checkAnnotatedImage } from "./annotations.ts";
 * const image = { file: "a.png", objects: [{ classIndex: 0, box: { x: 0, y: 0, width: 8, height: 8 } }] };
 * checkAnnotatedImage(image, { width: 8, height: 8 });
 * ```
 */
export function checkAnnotatedImage(image: AnnotatedImage, size: Size): void {
  const declared = image.width !== undefined || image.height !== undefined;
  if (
    declared &&
    ((image.width ?? size.width) !== size.width ||
      (image.height ?? size.height) !== size.height)
  ) {
    throw new RangeError(
      `Image "${image.file}" is ${size.width}×${size.height} but its annotation says ${
        image.width ?? "?"
      }×${image.height ?? "?"}; fix the annotation or the image`,
    );
  }
  image.objects.forEach((o, j) => {
    const { x, y, width, height } = o.box;
    if (x + width > size.width || y + height > size.height) {
      throw new RangeError(
        `Image "${image.file}" object ${j} has box ${
          JSON.stringify(o.box)
        }, which reaches outside the ${size.width}×${size.height} image; fix the box`,
      );
    }
  });
}
