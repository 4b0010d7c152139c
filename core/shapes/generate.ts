/**
 * The synthetic "shapes" dataset: one or two filled shapes (circle, square,
 * triangle, star, cross, ring) on a cluttered background, with each object's
 * class, exact mask and tight box. Seeded and pure TypeScript: the same seed
 * gives the same bytes in Deno and in a browser. camkit's demo model is
 * trained on it, and because the true object location is known, explanation
 * quality (does the map point at the object?) can be measured.
 *
 * Annotation JSON ({@linkcode toAnnotations}):
 *
 * ```json
 * {
 *   "classes": ["circle", "square", "triangle", "star", "cross", "ring"],
 *   "images": [
 *     {
 *       "file": "shape_0000.png", "width": 112, "height": 112,
 *       "objects": [
 *         { "class": "circle", "classIndex": 0,
 *           "box": { "x": 31, "y": 40, "width": 37, "height": 37 } }
 *       ]
 *     }
 *   ]
 * }
 * ```
 *
 * Boxes are in pixels: `x`, `y` the top-left pixel inside the object, and
 * `width`, `height` the size of the tightest box around the object's mask.
 *
 * @module
 */
import type { Box, RgbaImage } from "../types.ts";
import {
  addNoise,
  contrastingColor,
  paintBackground,
  type SceneStyle,
} from "./background.ts";
import { fillShape, maskBox, shapeMask } from "./draw.ts";
import { classOutline, SHAPE_CLASSES, type ShapeLabel } from "./outlines.ts";
import { createRandom, hashSeed, type Random } from "./random.ts";

export { type SceneStyle, SHAPE_CLASSES, type ShapeLabel };

/** One object in a scene. */
export interface SceneObject {
  /** Index into {@linkcode SHAPE_CLASSES}. */
  readonly classIndex: number;
  /** The class name. */
  readonly label: ShapeLabel;
  /** The tightest box around `mask`. */
  readonly box: Box;
  /** `width * height` bytes, 1 where the pixel centre is inside the object. */
  readonly mask: Uint8Array;
}

/** A generated image and what is in it. */
export interface Scene {
  /** The picture (opaque RGBA). */
  readonly image: RgbaImage;
  /** One or two objects of different classes, not overlapping. */
  readonly objects: readonly SceneObject[];
}

/** Options for {@linkcode generateScene}. */
export interface SceneOptions {
  /** Image width and height in pixels (16–4096). Default 112. */
  size?: number;
  /** Number of objects. Default 1, or `classIndices.length` when given. */
  objects?: 1 | 2;
  /** `"clutter"` (default) or `"plain"`: a faint light gradient, no noise. */
  style?: SceneStyle;
  /**
   * How much clutter (blobs, stripes, strokes, noise) a `"clutter"` scene
   * gets, in [0, 1]. Default 1; lower values make easier scenes, for
   * example to start training.
   */
  clutter?: number;
  /** Force the classes (one or two different indices); random by default. */
  classIndices?: readonly number[];
}

const MIN_FRACTION = 0.2, MAX_FRACTION = 0.45;

function chooseClasses(random: Random, options: SceneOptions): number[] {
  const forced = options.classIndices;
  const count = options.objects ?? forced?.length ?? 1;
  if (count !== 1 && count !== 2) {
    throw new RangeError(`Cannot draw ${count} objects: use 1 or 2`);
  }
  if (forced !== undefined) {
    if (forced.length !== count) {
      throw new RangeError(
        `Cannot draw ${count} objects with ${forced.length} class indices: give one per object`,
      );
    }
    for (const c of forced) {
      if (!Number.isInteger(c) || c < 0 || c >= SHAPE_CLASSES.length) {
        throw new RangeError(
          `Cannot draw class ${c}: use an index from 0 to ${
            SHAPE_CLASSES.length - 1
          }`,
        );
      }
    }
    if (count === 2 && forced[0] === forced[1]) {
      throw new RangeError(
        `Cannot draw two objects of class ${
          forced[0]
        }: the classes must differ`,
      );
    }
    return [...forced];
  }
  const first = random.int(0, SHAPE_CLASSES.length);
  if (count === 1) return [first];
  const second = (first + random.int(1, SHAPE_CLASSES.length)) %
    SHAPE_CLASSES.length;
  return [first, second];
}

interface Placement {
  x: number;
  y: number;
  radius: number;
}

/** Random sizes and positions whose bounding circles stay apart and inside. */
function place(random: Random, size: number, count: number): Placement[] {
  const radii = Array.from(
    { length: count },
    () => (size * random.range(MIN_FRACTION, MAX_FRACTION)) / 2,
  );
  const gap = 2 * (size / 112);
  for (let shrink = 1;; shrink *= 0.95) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const placed: Placement[] = [];
      for (const r of radii) {
        const radius = r * shrink;
        const at = () => random.range(radius + 1, size - radius - 1);
        const p = { x: at(), y: at(), radius };
        const clear = placed.every((q) =>
          Math.hypot(p.x - q.x, p.y - q.y) >= p.radius + q.radius + gap
        );
        if (!clear) break;
        placed.push(p);
      }
      if (placed.length === count) return placed;
    }
  }
}

/**
 * Draws scene `seed`: a background (cluttered by default), then one or two
 * objects of different random classes, each 20–45% of the image side across
 * (its bounding circle), randomly rotated, in a colour that stands out from
 * the background under it, then noise. Same seed and options, same bytes.
 *
 * @example
 * ```ts
 * import { generateScene } from "./generate.ts";
 * const scene = generateScene(7, { size: 64 });
 * const [object] = scene.objects;
 * if (scene.image.width !== 64 || scene.objects.length !== 1) throw new Error();
 * if (object.mask.length !== 64 * 64 || object.box.width < 5) throw new Error();
 * ```
 */
export function generateScene(seed: number, options: SceneOptions = {}): Scene {
  const size = options.size ?? 112;
  if (!Number.isInteger(size) || size < 16 || size > 4096) {
    throw new RangeError(
      `Cannot draw a scene of size ${size}: use an integer from 16 to 4096`,
    );
  }
  const style = options.style ?? "clutter";
  if (style !== "clutter" && style !== "plain") {
    throw new RangeError(
      `Unknown scene style "${style}": use "clutter" or "plain"`,
    );
  }
  const clutter = options.clutter ?? 1;
  if (!(clutter >= 0 && clutter <= 1)) {
    throw new RangeError(
      `Cannot use clutter ${clutter}: it must be between 0 and 1`,
    );
  }
  const random = createRandom(seed);
  const image: RgbaImage = {
    width: size,
    height: size,
    data: new Uint8ClampedArray(size * size * 4),
  };
  const classes = chooseClasses(random, options);
  paintBackground(image, random, { style, clutter });
  const placements = place(random, size, classes.length);
  const objects: SceneObject[] = classes.map((classIndex, i) => {
    const outline = classOutline(classIndex, {
      ...placements[i],
      angle: random.range(0, 2 * Math.PI),
      random,
    });
    const mask = shapeMask(outline, image);
    const color = contrastingColor(image, { mask, random });
    fillShape(image, outline, { color });
    const box = maskBox(mask, image);
    if (box === undefined) throw new Error(`Scene ${seed} drew an empty mask`);
    return { classIndex, label: SHAPE_CLASSES[classIndex], box, mask };
  });
  if (style === "clutter") {
    addNoise(image, { sigma: clutter * random.range(0, 12), random });
  }
  return { image, objects };
}

/** Options for {@linkcode generateDataset}. */
export interface DatasetOptions {
  /** Number of scenes. */
  count: number;
  /** Dataset seed; scene `i` is drawn with seed `hashSeed(seed, i + 1)`. */
  seed: number;
  /** Image side in pixels. Default 112. */
  size?: number;
  /** Fraction of scenes (drawn at random) with two objects. Default 0. */
  twoObjectFraction?: number;
  /** Background style. Default `"clutter"`. */
  style?: SceneStyle;
}

/**
 * `count` scenes from one seed, a random `twoObjectFraction` of them with two
 * objects.
 *
 * @example
 * ```ts
 * import { generateDataset } from "./generate.ts";
 * const scenes = generateDataset({ count: 4, seed: 1, size: 48, twoObjectFraction: 0.5 });
 * if (scenes.length !== 4) throw new Error();
 * ```
 */
export function generateDataset(options: DatasetOptions): Scene[] {
  const { count, seed } = options;
  const fraction = options.twoObjectFraction ?? 0;
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot generate ${count} scenes: count must be a whole number`,
    );
  }
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(
      `Cannot use twoObjectFraction ${fraction}: it must be between 0 and 1`,
    );
  }
  const picker = createRandom(seed, 0x5ce7e);
  return Array.from(
    { length: count },
    (_, i) =>
      generateScene(hashSeed(seed, i + 1), {
        size: options.size,
        style: options.style,
        objects: picker.chance(fraction) ? 2 : 1,
      }),
  );
}

/** The annotation file's layout (see the module documentation). */
export interface Annotations {
  /** Class names in class-index order. */
  classes: string[];
  /** One entry per image. */
  images: {
    file: string;
    width: number;
    height: number;
    objects: { class: string; classIndex: number; box: Box }[];
  }[];
}

/**
 * The annotation JSON value for `scenes` saved as `fileNames` (one name per
 * scene, in order).
 *
 * @example
 * ```ts
 * import { generateScene, toAnnotations } from "./generate.ts";
 * const scene = generateScene(1, { size: 32, classIndices: [5] });
 * const json = toAnnotations([scene], ["a.png"]);
 * if (json.images[0].objects[0].class !== "ring" || json.classes.length !== 6) throw new Error();
 * ```
 */
export function toAnnotations(
  scenes: readonly Scene[],
  fileNames: readonly string[],
): Annotations {
  if (scenes.length !== fileNames.length) {
    throw new RangeError(
      `Cannot annotate ${scenes.length} scenes with ${fileNames.length} file names: give one name per scene`,
    );
  }
  return {
    classes: [...SHAPE_CLASSES],
    images: scenes.map((scene, i) => ({
      file: fileNames[i],
      width: scene.image.width,
      height: scene.image.height,
      objects: scene.objects.map((o) => ({
        class: o.label,
        classIndex: o.classIndex,
        box: {
          x: o.box.x,
          y: o.box.y,
          width: o.box.width,
          height: o.box.height,
        },
      })),
    })),
  };
}
