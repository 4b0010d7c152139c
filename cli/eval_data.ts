/**
 * The data side of `cam eval`: the annotation file (format in
 * `core/metrics/annotations.ts` and the README), checked against the model
 * and the images folder before any image is explained.
 *
 * @module
 */
import {
  type AnnotatedImage,
  checkAnnotatedImage,
  parseAnnotations,
} from "../core/metrics/annotations.ts";
import type { Box, RgbaImage } from "../core/types.ts";
import type { ModelSetup } from "./model_config.ts";
import { readImage } from "./context.ts";
import { resolveUserPath } from "./paths.ts";

/** The annotated images of a run and where they live. */
export interface EvalDataset {
  /** Absolute path of the images folder. */
  readonly imagesDir: string;
  /** Absolute path of the annotation file. */
  readonly annotationsPath: string;
  /** The images to evaluate (after `--limit`). */
  readonly images: readonly AnnotatedImage[];
}

/** Options for {@linkcode loadDataset}. */
export interface LoadDatasetOptions {
  /** `--annotations`; default `<imagesDir>/annotations.json`. */
  readonly annotations?: string;
  /** `--limit`: only the first N images. */
  readonly limit?: number;
}

async function isDirectory(path: string): Promise<boolean | undefined> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Joins a path from the annotation file to the images folder. */
export function inFolder(imagesDir: string, file: string): string {
  return file.startsWith("/") ? file : `${imagesDir}/${file}`;
}

/**
 * Reads and checks the annotation file: JSON, classes against the model,
 * and every image and mask file present in the images folder.
 */
export async function loadDataset(
  imagesArg: string,
  setup: Pick<ModelSetup, "labels" | "model">,
  options: LoadDatasetOptions = {},
): Promise<EvalDataset> {
  const imagesDir = resolveUserPath(imagesArg).replace(/\/+$/, "");
  const kind = await isDirectory(imagesDir);
  if (kind === undefined) {
    throw new Error(`Cannot find images folder "${imagesArg}"`);
  }
  if (!kind) {
    throw new Error(
      `"${imagesArg}" is a file: cam eval takes the folder that holds the images`,
    );
  }
  const annotationsPath = options.annotations === undefined
    ? `${imagesDir}/annotations.json`
    : resolveUserPath(options.annotations);
  let text: string;
  try {
    text = await Deno.readTextFile(annotationsPath);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        `Cannot find annotations "${annotationsPath}"; pass --annotations FILE (cam shapes writes one)`,
      );
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new Error(
        `Annotations "${annotationsPath}" is a folder; pass the JSON file with --annotations`,
      );
    }
    throw error;
  }
  const parsed = parseAnnotations(text, {
    numClasses: setup.model.numClasses,
    labels: setup.labels,
    source: annotationsPath,
  });
  const images = parsed.slice(0, options.limit ?? parsed.length);
  for (const [i, image] of images.entries()) {
    const files = [image.file, ...image.objects.flatMap((o) => o.mask ?? [])];
    for (const file of files) {
      if (await isDirectory(inFolder(imagesDir, file)) !== false) {
        throw new Error(
          `Annotations "${annotationsPath}": images[${i}] needs "${file}", which is not a file in "${imagesDir}"; ` +
            `fix the path or pass the folder that holds it`,
        );
      }
    }
  }
  return { imagesDir, annotationsPath, images };
}

/** An object ready for the metrics. */
export interface EvalObject {
  /** The model's class index. */
  readonly classIndex: number;
  /** Its box in image pixels. */
  readonly box: Box;
  /** Its mask (one byte per image pixel), when annotated. */
  readonly mask?: Uint8Array;
}

/** A decoded image and its objects. */
export interface EvalImage {
  /** Path as in the annotation file. */
  readonly file: string;
  /** The pixels. */
  readonly image: RgbaImage;
  /** Its objects. */
  readonly objects: readonly EvalObject[];
}

/**
 * Decodes an annotated image and its masks, and checks the boxes and masks
 * against its size.
 */
export async function readEvalImage(
  imagesDir: string,
  entry: AnnotatedImage,
): Promise<EvalImage> {
  const image = await readImage(inFolder(imagesDir, entry.file));
  checkAnnotatedImage(entry, image);
  const objects: EvalObject[] = [];
  for (const object of entry.objects) {
    if (object.mask === undefined) {
      objects.push({ classIndex: object.classIndex, box: object.box });
      continue;
    }
    const picture = await readImage(inFolder(imagesDir, object.mask));
    if (picture.width !== image.width || picture.height !== image.height) {
      throw new RangeError(
        `Mask "${object.mask}" is ${picture.width}×${picture.height} but its image "${entry.file}" is ` +
          `${image.width}×${image.height}; give the mask at the image's size`,
      );
    }
    const mask = new Uint8Array(image.width * image.height);
    const d = picture.data;
    for (let p = 0; p < mask.length; p++) {
      mask[p] = d[p * 4] || d[p * 4 + 1] || d[p * 4 + 2] ? 1 : 0;
    }
    objects.push({ classIndex: object.classIndex, box: object.box, mask });
  }
  return { file: entry.file, image, objects };
}
