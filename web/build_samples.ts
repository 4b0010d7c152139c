/**
 * The page's sample images: seeded shapes scenes drawn by
 * `core/shapes` (four single shapes and a two-object scene the demo model
 * splits its vote on) and the dog-and-cat photo from the README's figure,
 * plus `samples.json` listing them for the page.
 *
 * @module
 */
import { generateScene } from "../core/shapes/mod.ts";
import type { RgbaImage } from "../core/types.ts";
import { decodeImage } from "../backends/image_io.ts";
import { encodePng } from "../backends/png_encode.ts";

/** Where the samples go, relative to the repository root. */
export const SAMPLES_DIR = "web/static/samples";

/** One entry of `samples.json`. */
export interface SampleEntry {
  /** Id and file stem. */
  readonly id: string;
  /** File name in the samples folder. */
  readonly file: string;
  /** What it shows. */
  readonly title: string;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

const SIZE = 224;
const SCENES = [
  { id: "star", seed: 17, classIndices: [3], title: "Star" },
  { id: "ring", seed: 12, classIndices: [5], title: "Ring" },
  { id: "triangle", seed: 16, classIndices: [2], title: "Triangle" },
  { id: "cross", seed: 25, classIndices: [4], title: "Cross" },
  {
    id: "circle_square",
    seed: 35,
    classIndices: [0, 1],
    title: "Circle and square",
  },
] as const;

function crop(image: RgbaImage, width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    data.set(
      image.data.subarray(y * image.width * 4, (y * image.width + width) * 4),
      y * width * 4,
    );
  }
  return { width, height, data };
}

/**
 * Every sample file by name (PNGs and `samples.json`), generated from seeds
 * and from `web/static/examples/dog_cat.png` (its first 224×224 panel is the
 * photo). Same inputs, same bytes.
 *
 * @example
 * ```ts ignore
 * import { buildSamples } from "./build_samples.ts";
 * const files = await buildSamples(".");
 * console.log([...files.keys()]);
 * ```
 */
export async function buildSamples(
  root: string,
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const entries: SampleEntry[] = [];
  for (const s of SCENES) {
    const scene = generateScene(s.seed, {
      size: SIZE,
      classIndices: s.classIndices,
    });
    files.set(`${s.id}.png`, await encodePng(scene.image));
    entries.push({
      id: s.id,
      file: `${s.id}.png`,
      title: s.title,
      width: SIZE,
      height: SIZE,
    });
  }
  const figure = await decodeImage(
    await Deno.readFile(`${root}/web/static/examples/dog_cat.png`),
    { name: "web/static/examples/dog_cat.png" },
  );
  const photo = crop(figure, 224, 224);
  files.set("dog_cat.png", await encodePng(photo));
  entries.push({
    id: "dog_cat",
    file: "dog_cat.png",
    title: "Photo: dog and cat",
    width: photo.width,
    height: photo.height,
  });
  files.set(
    "samples.json",
    new TextEncoder().encode(JSON.stringify(entries, null, 2) + "\n"),
  );
  return files;
}
