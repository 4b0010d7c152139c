/**
 * The demo model's training data: seeds, the epoch schedule, and batches of
 * generated scenes cut to crops around the object.
 *
 * @module
 */
import { tf } from "../../backends/engine.ts";
import {
  generateScene,
  type Scene,
  SHAPE_CLASSES,
} from "../../core/shapes/generate.ts";
import { createRandom } from "../../core/shapes/random.ts";

export const SIZE = 112;
export const CLASSES = SHAPE_CLASSES.length;
export const LAST_CONV = "last_conv";
/** Scene seeds: training `seed·10⁹ + epoch·10⁶ + i + 1`, evaluation < 0. */
export const HELD_OUT_SEED = -1, VALIDATION_SEED = -1_000_000;
export const TWO_OBJECT_SEED = -2_000_000, CHECK_SEED = -3_000_000;

/** Epochs: crop side, batch size and fresh scenes (× `--scale`). */
export const SCHEDULE: readonly {
  crop: number;
  batch: number;
  scenes: number;
}[] = [
  ...Array(10).fill({ crop: 64, batch: 32, scenes: 4000 }),
  ...Array(2).fill({ crop: 80, batch: 24, scenes: 2400 }),
  ...Array(2).fill({ crop: 96, batch: 24, scenes: 2400 }),
  ...Array(3).fill({ crop: 112, batch: 20, scenes: 2000 }),
];

/** The settings that shape the training plan. */
export interface PlanSettings {
  seed: number;
  scale: number;
}

/** What a batch holds: scenes by seed and class, cut to `crop` pixels. */
export interface BatchSpec {
  crop: number;
  seeds: number[];
  classes: number[];
  plain: boolean[];
  clutter: number;
}

/** Scene `i` of a batch, whole (before {@linkcode makeBatch} crops it). */
export function batchScene(spec: BatchSpec, i: number): Scene {
  return generateScene(spec.seeds[i], {
    classIndices: [spec.classes[i]],
    style: spec.plain[i] ? "plain" : "clutter",
    clutter: spec.clutter,
  });
}

/** The input values of a batch: crops around each object, in [0, 1]. */
export function makeBatch(spec: BatchSpec): Float32Array {
  const { crop } = spec;
  const data = new Float32Array(spec.seeds.length * crop * crop * 3);
  spec.seeds.forEach((seed, i) => {
    const scene = batchScene(spec, i);
    const { box } = scene.objects[0];
    const random = createRandom(seed, 7);
    const start = (from: number, length: number) => {
      const low = Math.max(0, from + length - crop);
      const high = Math.min(SIZE - crop, from);
      return low <= high ? random.int(low, high + 1) : Math.min(
        SIZE - crop,
        Math.max(0, Math.round(from + length / 2 - crop / 2)),
      );
    };
    const x0 = start(box.x, box.width), y0 = start(box.y, box.height);
    const pixels = scene.image.data;
    let o = i * crop * crop * 3;
    for (let y = y0; y < y0 + crop; y++) {
      for (let x = x0; x < x0 + crop; x++) {
        const p = (y * SIZE + x) * 4;
        data[o++] = pixels[p] / 255;
        data[o++] = pixels[p + 1] / 255;
        data[o++] = pixels[p + 2] / 255;
      }
    }
  });
  return data;
}

/** Every batch of training, in order: balanced, shuffled, seeded. */
export function* trainingPlan(
  s: PlanSettings,
): Generator<BatchSpec & { epoch: number }> {
  const total = SCHEDULE.reduce((sum, e) => sum + e.scenes, 0);
  let done = 0;
  for (const [epoch, { crop, batch, scenes }] of SCHEDULE.entries()) {
    const count = Math.max(batch, Math.round(scenes * s.scale));
    const random = createRandom(s.seed, epoch + 1);
    const classes = Array.from({ length: count }, (_, i) => i % CLASSES);
    for (let i = count - 1; i > 0; i--) {
      const j = random.int(0, i + 1);
      [classes[i], classes[j]] = [classes[j], classes[i]];
    }
    // Curriculum: some plain backgrounds and lighter clutter at first.
    const t = done / total;
    const clutter = Math.min(1, t / 0.4);
    const plain = classes.map(() => random.chance(0.6 - 1.5 * t));
    for (let b = 0; b < count; b += batch) {
      const seeds = classes.slice(b, b + batch).map((_, k) =>
        s.seed * 1e9 + epoch * 1e6 + b + k + 1
      );
      yield {
        epoch,
        crop,
        seeds,
        classes: classes.slice(b, b + batch),
        plain: plain.slice(b, b + batch),
        clutter,
      };
    }
    done += scenes;
  }
}

export function fullImages(scenes: readonly Scene[]): tf.Tensor4D {
  const data = new Float32Array(scenes.length * SIZE * SIZE * 3);
  scenes.forEach((scene, i) => {
    const pixels = scene.image.data;
    for (let p = 0, o = i * SIZE * SIZE * 3; p < pixels.length; p += 4) {
      data[o++] = pixels[p] / 255;
      data[o++] = pixels[p + 1] / 255;
      data[o++] = pixels[p + 2] / 255;
    }
  });
  return tf.tensor4d(data, [scenes.length, SIZE, SIZE, 3]);
}

export function scenesFrom(first: number, count: number, objects: 1 | 2 = 1) {
  return Array.from(
    { length: count },
    (_, i) => generateScene(first - i, { objects }),
  );
}
