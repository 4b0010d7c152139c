/**
 * What `cam demo` shows: a fixed set of generated shapes scenes (one of each
 * class, then two-object scenes), explained with every method, laid out as
 * contact-sheet rows. No files and no console here: `demo_command.ts` does
 * that.
 *
 * @module
 */
import { explain } from "../core/explain.ts";
import { overlay } from "../core/overlay.ts";
import { pointingGame } from "../core/metrics/pointing_game.ts";
import { contactSheet, drawBox, drawCross } from "../core/contact_sheet.ts";
import type { SheetPanel } from "../core/contact_sheet.ts";
import { generateScene, type Scene } from "../core/shapes/generate.ts";
import type { CamModel } from "../core/graph.ts";
import type { PreprocessName } from "../core/preprocess.ts";
import type { Point, RgbaImage } from "../core/types.ts";

/** The methods the demo compares, in column order. */
export const DEMO_METHODS = ["cam", "grad-cam", "grad-cam++"] as const;
const TITLES = ["input", "CAM", "Grad-CAM", "Grad-CAM++"];

/** Pixels around the object that still count as on it (Zhang et al.). */
export const POINTING_TOLERANCE = 15;

/**
 * The demo scenes: seeds far from the training seeds (all positive) and from
 * the evaluation sets (−1 − i, −10⁶ − i, −2·10⁶ − i).
 */
export function demoScenes(): { name: string; scene: Scene }[] {
  const one = [0, 1, 2, 3, 4, 5].map((c) => ({
    seed: -4_000_001 - c,
    classIndices: [c],
  }));
  const two = [[0, 3], [1, 5], [2, 4]].map((classIndices, i) => ({
    seed: -4_000_101 - i,
    classIndices,
  }));
  return [...one, ...two].map(({ seed, classIndices }, i) => {
    const scene = generateScene(seed, { classIndices });
    const labels = scene.objects.map((o) => o.label).join("+");
    return { name: `demo${i + 1}_${labels}`, scene };
  });
}

/** One method's result for one object of one scene. */
export interface DemoCell {
  readonly method: string;
  readonly peak: Point;
  /** The peak is on the object (or within the tolerance). */
  readonly hit: boolean;
  readonly overlay: RgbaImage;
  readonly ms: number;
}

/** One row of the demo: an object of a scene and every method's map. */
export interface DemoRow {
  readonly name: string;
  readonly image: RgbaImage;
  readonly classIndex: number;
  readonly label: string;
  /** The model's probability for this class. */
  readonly probability: number;
  /** The model's top class for the whole image. */
  readonly predicted: number;
  readonly objects: number;
  readonly cells: readonly DemoCell[];
  readonly scene: Scene;
  readonly objectIndex: number;
}

/** Explains every demo scene with every method, one row per object. */
export async function runDemo(
  model: CamModel,
  options: { layer?: string; preprocess?: PreprocessName } = {},
): Promise<DemoRow[]> {
  const rows: DemoRow[] = [];
  for (const { name, scene } of demoScenes()) {
    const [result] = await explain(model, [scene.image], {
      methods: DEMO_METHODS,
      layer: options.layer,
      preprocess: options.preprocess,
      classes: scene.objects.map((o) => o.classIndex),
      topK: model.numClasses,
    });
    scene.objects.forEach((object, objectIndex) => {
      const cells = result.explanations
        .filter((e) => e.classIndex === object.classIndex)
        .map((e) => ({
          method: e.method,
          peak: e.peak,
          hit: pointingGame(
            {
              width: scene.image.width,
              height: scene.image.height,
              data: e.map,
            },
            object,
            { tolerance: POINTING_TOLERANCE },
          ).hit,
          overlay: overlay(scene.image, e.map, { alpha: 0.5 }),
          ms: e.ms,
        }));
      const score = result.predictions.find((p) =>
        p.index === object.classIndex
      );
      rows.push({
        name,
        image: scene.image,
        classIndex: object.classIndex,
        label: object.label,
        probability: score?.probability ?? 0,
        predicted: result.predictions[0].index,
        objects: scene.objects.length,
        cells,
        scene,
        objectIndex,
      });
    });
  }
  return rows;
}

/** The contact sheet: input (object box in green) | each method (peak cross). */
export function demoSheet(rows: readonly DemoRow[]): RgbaImage {
  const sheetRows = rows.map((row): SheetPanel[] => {
    const input = copy(row.image);
    drawBox(input, row.scene.objects[row.objectIndex].box);
    const which = row.objects > 1 ? ` ${row.objectIndex + 1}/2` : "";
    return [
      { image: input, caption: `${row.label}${which}` },
      ...row.cells.map((cell) => {
        const image = copy(cell.overlay);
        drawCross(image, cell.peak);
        return {
          image,
          caption: `${row.label} ${row.probability.toFixed(2)} ${
            cell.hit ? "hit" : "miss"
          }`,
        };
      }),
    ];
  });
  return contactSheet(sheetRows, { columns: TITLES });
}

function copy(image: RgbaImage): RgbaImage {
  return { ...image, data: new Uint8ClampedArray(image.data) };
}
