/**
 * `cam eval` and `cam shapes` on bad input, as real subprocesses: missing
 * or malformed arguments, folders and annotations each give one clear line
 * on stderr, the right exit code and nothing on stdout.
 *
 * @module
 */
import assert from "node:assert/strict";
import "../backends/engine.ts";
import { saveTinyModel } from "./fixtures/tiny_models.ts";
import { readAnnotations } from "./fixtures/annotations.ts";
import { cam, describeRun, runAll } from "./fixtures/cam_process.ts";
import { makeRunFolder } from "./fixtures/run_process.ts";

Deno.test("cam eval and cam shapes: bad input is one clear line", async () => {
  const work = await makeRunFolder("camkit-eval-bad-");
  const made = await cam(work, ["shapes", "set", "--count", "2"]);
  assert.equal(made.code, 0, describeRun(made));
  const good = await readAnnotations(`${work}/set`);
  const write = (name: string, value: unknown) =>
    Deno.writeTextFile(
      `${work}/${name}`,
      typeof value === "string" ? value : JSON.stringify(value),
    );
  const withObject = (object: Record<string, unknown>) => ({
    images: [{ file: "shape_0000.png", objects: [object] }],
  });
  const box = good.images[0].objects[0].box;
  await write("broken.json", '{"images": [');
  await write("missing.json", {
    images: [...good.images, { ...good.images[0], file: "nope.png" }],
  });
  await write("unknown.json", withObject({ class: "hexagon", box }));
  await write(
    "box.json",
    withObject({ class: "circle", box: { ...box, width: 0 } }),
  );
  await write(
    "outside.json",
    withObject({ class: "circle", box: { ...box, x: 100 } }),
  );
  await write("names.json", withObject({ class: "circle", box }));
  const tiny = await saveTinyModel("gapDense");
  const cases: [string, string[], number, RegExp][] = [
    ["no folder", ["eval"], 2, /cam eval takes one images folder/],
    [
      "bad steps",
      ["eval", "set", "--steps", "0"],
      2,
      /--steps must be a whole number from 1 to 1000, got "0"/,
    ],
    ["no out-dir", ["shapes"], 2, /cam shapes takes one output folder/],
    [
      "bad objects",
      ["shapes", "x", "--objects", "3"],
      2,
      /--objects must be a whole number from 1 to 2/,
    ],
    [
      "missing folder",
      ["eval", "nowhere"],
      1,
      /Cannot find images folder "nowhere"/,
    ],
    [
      "no annotations",
      ["eval", "set", "--annotations", "none.json"],
      1,
      /Cannot find annotations ".*none\.json"; pass --annotations FILE/,
    ],
    [
      "broken JSON",
      ["eval", "set", "--annotations", "broken.json"],
      1,
      /Annotations ".*broken\.json" are not valid JSON \(.*\); fix the file/,
    ],
    [
      "missing image",
      ["eval", "set", "--annotations", "missing.json"],
      1,
      /images\[2\] needs "nope\.png", which is not a file in ".*set"/,
    ],
    [
      "unknown class",
      ["eval", "set", "--annotations", "unknown.json"],
      1,
      /objects\[0\] has class "hexagon", which the model does not know \(circle, square, triangle, star, cross, ring\)/,
    ],
    [
      "bad box",
      ["eval", "set", "--annotations", "box.json"],
      1,
      /has box .*; x and y must be ≥ 0 and width and height > 0/,
    ],
    [
      "box outside",
      ["eval", "set", "--annotations", "outside.json"],
      1,
      /Image "shape_0000\.png" object 0 has box .* reaches outside the 112×112 image/,
    ],
    [
      "names, no labels",
      ["eval", "set", "--annotations", "names.json", "-m", tiny],
      1,
      /names class "circle" but the model has no class names/,
    ],
  ];
  const runs = await runAll(work, cases.map(([, args]) => args));
  cases.forEach(([name, , code, message], i) => {
    const run = runs[i];
    assert.equal(run.code, code, `${name}: ${describeRun(run)}`);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `${name}: ${describeRun(run)}`);
    assert.match(lines[0], /^cam: /, name);
    assert.match(lines[0], message, name);
    assert.doesNotMatch(run.stderr, /\n\s+at /, name);
    assert.equal(run.stdout, "", name);
  });
  await Deno.remove(work, { recursive: true });
});
