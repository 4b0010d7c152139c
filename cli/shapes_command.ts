/**
 * `cam shapes <out-dir>`: writes a labelled set of synthetic shapes images
 * (PNGs, optional mask PNGs and `annotations.json`) for `cam eval`.
 *
 * By default the scenes are the demo model's held-out test scenes: image i
 * is `generateScene(−1 − i)` with one object, or `generateScene(−2000000 −
 * i, { objects: 2 })` with two — the seeds `backends/demo_model/MODEL_CARD.md`
 * reports. `--seed=S` starts at S instead (image i uses S − i). The model was
 * trained on positive seeds only, so negative seeds are never training data.
 *
 * @module
 */
import { generateScene, toAnnotations } from "../core/shapes/mod.ts";
import type { RgbaImage } from "../core/types.ts";
import { encodePng } from "../backends/png_encode.ts";
import type { CliArgs } from "./args.ts";
import { prepareOutDir, writeAll } from "./files.ts";
import { resolveUserPath } from "./paths.ts";

/** The first seed of the held-out test scenes with `objects` objects. */
export function testSeed(objects: 1 | 2): number {
  return objects === 2 ? -2_000_000 : -1;
}

function maskImage(mask: Uint8Array, size: number): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let p = 0; p < mask.length; p++) {
    const v = mask[p] ? 255 : 0;
    data[p * 4] = data[p * 4 + 1] = data[p * 4 + 2] = v;
    data[p * 4 + 3] = 255;
  }
  return { width: size, height: size, data };
}

/** Runs `cam shapes`; returns the exit code. */
export async function shapesCommand(args: CliArgs): Promise<number> {
  const { count, objects, size, masks } = args.dataset;
  const seed = args.dataset.seed ?? testSeed(objects);
  const out = resolveUserPath(args.inputs[0]);
  await prepareOutDir(out);
  if (seed > 0) {
    console.error(
      "note: positive seeds may repeat the demo model's training scenes; " +
        "use negative seeds (the default) for held-out images",
    );
  }
  const digits = Math.max(4, String(count - 1).length);
  const annotated: Record<string, unknown>[] = [];
  const chunk = 100;
  for (let start = 0; start < count; start += chunk) {
    const files = new Map<string, Uint8Array>();
    for (let i = start; i < Math.min(start + chunk, count); i++) {
      const scene = generateScene(seed - i, { objects, size });
      const stem = `shape_${String(i).padStart(digits, "0")}`;
      const entry = toAnnotations([scene], [`${stem}.png`]).images[0];
      files.set(`${out}/${stem}.png`, await encodePng(scene.image));
      if (masks) {
        for (const [j, o] of scene.objects.entries()) {
          files.set(
            `${out}/${stem}.mask${j}.png`,
            await encodePng(maskImage(o.mask, size)),
          );
        }
      }
      annotated.push({
        ...entry,
        seed: seed - i,
        objects: entry.objects.map((o, j) =>
          masks ? { ...o, mask: `${stem}.mask${j}.png` } : o
        ),
      });
    }
    await writeAll(files);
    Deno.stderr.writeSync(
      new TextEncoder().encode(
        `[${Math.min(start + chunk, count)}/${count}] images written\n`,
      ),
    );
  }
  const annotations = {
    classes: toAnnotations([], []).classes,
    generator: {
      command: "cam shapes",
      firstSeed: seed,
      seeds:
        `image i is generateScene(${seed} - i, { objects: ${objects}, size: ${size} })`,
    },
    images: annotated,
  };
  const path = `${out}/annotations.json`;
  // One image per line: readable, and diffs stay small.
  const text = `{
  "classes": ${JSON.stringify(annotations.classes)},
  "generator": ${JSON.stringify(annotations.generator)},
  "images": [
    ${annotated.map((a) => JSON.stringify(a)).join(",\n    ")}
  ]
}
`;
  await writeAll(new Map([[path, new TextEncoder().encode(text)]]));
  const summary = {
    out,
    annotations: path,
    count,
    objects,
    size,
    seeds: { first: seed, last: seed - count + 1 },
    masks,
  };
  if (args.json) console.log(JSON.stringify(summary, null, 2));
  else {
    console.log(
      `Wrote ${count} images (${objects} object${
        objects === 1 ? "" : "s"
      } each, ${size}×${size}, seeds ${seed}..${seed - count + 1})${
        masks ? " with masks" : ""
      } and ${path}`,
    );
  }
  return 0;
}
