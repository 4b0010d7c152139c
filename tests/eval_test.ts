/**
 * `cam shapes` and `cam eval` as real subprocesses: a small generated set,
 * the JSON report's structure and plausible values with the demo model,
 * a tiny model without labels, and two-object images. Bad input:
 * `eval_bad_input_test.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import "../backends/engine.ts";
import { decodeImage } from "../backends/image_io.ts";
import { saveTinyModel } from "./fixtures/tiny_models.ts";
import { readAnnotations } from "./fixtures/annotations.ts";
import { describeRun, runAll, stdoutJson } from "./fixtures/cam_process.ts";
import { makeRunFolder } from "./fixtures/run_process.ts";

const METHODS = ["cam", "grad-cam", "grad-cam++"];

Deno.test("cam shapes writes held-out scenes, masks and annotations", async () => {
  const work = await makeRunFolder("camkit-shapes-");
  const [one, again, two] = await runAll(work, [
    ["shapes", "one", "--count", "3", "--masks", "--json"],
    ["shapes", "again", "--count", "3", "--masks"],
    ["shapes", "two", "--count", "2", "--objects", "2", "--size", "96"],
  ]);
  const summary = stdoutJson(one);
  assert.deepEqual(summary.seeds, { first: -1, last: -3 });
  assert.match(again.stdout, /Wrote 3 images .*seeds -1\.\.-3\) with masks/);
  const a = await readAnnotations(`${work}/one`);
  assert.equal(
    await Deno.readTextFile(`${work}/one/annotations.json`),
    await Deno.readTextFile(`${work}/again/annotations.json`),
  );
  assert.deepEqual(
    await Deno.readFile(`${work}/one/shape_0002.png`),
    await Deno.readFile(`${work}/again/shape_0002.png`),
  );
  assert.deepEqual(a.images.map((i) => i.seed), [-1, -2, -3]);
  for (const image of a.images) {
    assert.equal(image.objects.length, 1);
    const [object] = image.objects;
    assert.equal(a.classes[object.classIndex], object.class);
    // The box is the tightest box around the mask.
    const mask = await decodeImage(
      await Deno.readFile(`${work}/one/${object.mask}`),
    );
    let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
    for (let p = 0; p < mask.width * mask.height; p++) {
      if (!mask.data[p * 4]) continue;
      const x = p % mask.width, y = Math.floor(p / mask.width);
      [x0, y0, x1, y1] = [
        Math.min(x0, x),
        Math.min(y0, y),
        Math.max(x1, x),
        Math.max(y1, y),
      ];
    }
    assert.deepEqual(object.box, {
      x: x0,
      y: y0,
      width: x1 - x0 + 1,
      height: y1 - y0 + 1,
    });
  }
  const b = await readAnnotations(`${work}/two`);
  assert.equal(two.code, 0, describeRun(two));
  assert.deepEqual(b.images.map((i) => i.seed), [-2_000_000, -2_000_001]);
  assert.ok(b.images.every((i) => i.objects.length === 2 && i.width === 96));
  assert.ok(b.images.every((i) => i.objects.every((o) => !o.mask)));
  await Deno.remove(work, { recursive: true });
});

Deno.test("cam eval measures the demo model, a tiny model and two-object images", async () => {
  const work = await makeRunFolder("camkit-eval-");
  const made = await runAll(work, [
    ["shapes", "one", "--count", "12", "--masks"],
    ["shapes", "two", "--count", "3", "--objects", "2"],
  ]);
  for (const run of made) assert.equal(run.code, 0, describeRun(run));
  // The tiny model (12×12 input, 3 classes, no labels) on the same images,
  // with annotations by index.
  const tiny = await saveTinyModel("gapDense");
  const shapes = await readAnnotations(`${work}/one`);
  await Deno.writeTextFile(
    `${work}/tiny.json`,
    JSON.stringify({
      images: shapes.images.slice(0, 4).map((image) => ({
        file: image.file,
        objects: image.objects.map((o) => ({
          classIndex: o.classIndex % 3,
          box: o.box,
        })),
      })),
    }),
  );
  const runs = await runAll(work, [
    ["eval", "one", "--json", "--steps", "4", "--backend", "wasm"],
    ["eval", "two", "--json", "--steps", "2", "--method", "grad-cam++"],
    ["eval", "one", "--limit", "2", "--steps", "2"],
    [
      "eval",
      "one",
      "--annotations",
      "tiny.json",
      "-m",
      tiny,
      "--json",
      "--steps",
      "2",
      "--backend",
      "cpu",
    ],
  ]);
  const [demo, two, text, tinyRun] = runs;

  const report = stdoutJson(demo);
  assert.equal(report.backend, "wasm");
  assert.equal(report.images, 12);
  assert.equal(report.objects, 12);
  assert.deepEqual(report.methods, METHODS);
  assert.equal(report.settings.steps, 4);
  assert.equal(report.settings.tolerance, 15);
  // Worker threads share the scoring (one per core, up to 4 threads).
  assert.equal(report.threads, Math.min(navigator.hardwareConcurrency, 4));
  assert.ok(report.accuracy.rate >= 0.9, JSON.stringify(report.accuracy));
  assert.equal(report.accuracy.total, 12);
  for (const method of METHODS) {
    const s = report.summary[method];
    assert.equal(s.objects, 12);
    assert.ok(
      s.pointingGame.rate >= 0.9,
      `${method} pointing ${s.pointingGame.rate}`,
    );
    assert.ok(s.energyPointingGame > 0.3 && s.energyPointingGame <= 1);
    assert.ok(
      s.localization.rate >= 0.4,
      `${method} loc ${s.localization.rate}`,
    );
    assert.ok(s.meanIou > 0.3 && s.meanIou <= 1);
    assert.ok(s.averageDropPercent >= 0 && s.averageDropPercent < 80);
    assert.ok(
      s.increaseInConfidencePercent >= 0 &&
        s.increaseInConfidencePercent <= 100,
    );
    // A map that finds the object: deleting it first hurts more than
    // inserting it first helps the blurred canvas... both beat chance.
    assert.ok(s.deletionAuc < 0.5, `${method} deletion ${s.deletionAuc}`);
    assert.ok(s.insertionAuc > 0.5, `${method} insertion ${s.insertionAuc}`);
    assert.equal(s.ownObjectPeak, null);
  }
  // The demo model's head is GAP → Dense: Grad-CAM equals CAM.
  const { cam: c, "grad-cam": g } = report.summary;
  assert.equal(c.pointingGame.hits, g.pointingGame.hits);
  assert.ok(Math.abs(c.energyPointingGame - g.energyPointingGame) < 1e-4);
  assert.equal(report.perImage.length, 12);
  const first = report.perImage[0];
  assert.equal(first.file, "shape_0000.png");
  assert.equal(first.results.length, 3);
  assert.equal(first.results[0].label, shapes.images[0].objects[0].class);
  assert.ok(
    first.results.every((r: { original: number }) =>
      r.original > 0 && r.original <= 1
    ),
  );

  const pairs = stdoutJson(two);
  assert.deepEqual(pairs.methods, ["grad-cam++"]);
  assert.equal(pairs.objects, 6);
  assert.equal(pairs.accuracy, null); // no one-object images
  assert.equal(pairs.summary["grad-cam++"].ownObjectPeak.total, 6);
  assert.ok(pairs.summary["grad-cam++"].ownObjectPeak.rate >= 0.5);

  assert.equal(text.code, 0, describeRun(text));
  const lines = text.stdout.split("\n");
  assert.match(
    lines[0],
    /^cam eval: 2 images, 2 objects · .* · layer last_conv · .* · 2 steps/,
  );
  assert.match(text.stdout, /^method +pointing +energy PG +IoU≥0\.5/m);
  for (const method of METHODS) {
    assert.match(
      text.stdout,
      new RegExp(`^${method.replace("+", "\\+")} +\\d`, "m"),
    );
  }
  assert.match(text.stderr, /\[2\/2\] shape_0001\.png/);

  const small = stdoutJson(tinyRun);
  assert.equal(small.backend, "cpu");
  assert.equal(small.images, 4);
  assert.deepEqual(small.model.inputShape, [12, 12, 3]);
  assert.deepEqual(Object.keys(small.summary), METHODS);
  for (const image of small.perImage) {
    for (const r of image.results) {
      assert.ok(r.energy >= 0 && r.energy <= 1);
      assert.ok(r.deletion >= 0 && r.deletion <= 1);
    }
  }
  await Deno.remove(work, { recursive: true });
});
