/**
 * The `cam` command on bad input, run as a real subprocess: a non-zero exit
 * (2 for usage errors, 1 for the rest), one line on stderr naming the culprit
 * and no stack trace, and no file left behind for the failed item. The cases
 * are in `fixtures/bad_input_cases.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import "../backends/engine.ts";
import { encodePng } from "../backends/image_io.ts";
import { crc32 } from "../backends/png_encode.ts";
import type { RgbaImage } from "../core/types.ts";
import { saveTinyModel } from "./fixtures/tiny_models.ts";
import { runAll } from "./fixtures/cam_process.ts";
import { badInputCases } from "./fixtures/bad_input_cases.ts";
import { walk } from "./fixtures/files.ts";
import { makeRunFolder } from "./fixtures/run_process.ts";

function gradient(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    data.set([(p % width) * 6, Math.floor(p / width) * 8, 128, 255], p * 4);
  }
  return { width, height, data };
}

/** A PNG signature and a well-formed IHDR chunk claiming `size`×`size` pixels. */
function absurdPng(size: number): Uint8Array {
  const bytes = new Uint8Array(8 + 25);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set(new TextEncoder().encode("IHDR"), 12);
  view.setUint32(16, size);
  view.setUint32(20, size);
  bytes.set([8, 6, 0, 0, 0], 24); // 8-bit RGBA, no interlace
  view.setUint32(29, crc32(bytes.subarray(12, 29)));
  return bytes;
}

Deno.test("cam CLI fails on bad input with one line and no files", async (t) => {
  const work = await makeRunFolder("camkit-bad-");
  const png = await encodePng(gradient(40, 30));
  await Deno.writeFile(`${work}/good.png`, png);
  await Deno.writeFile(`${work}/empty.png`, new Uint8Array());
  await Deno.writeTextFile(`${work}/text.png`, "This is not a picture.\n");
  await Deno.writeFile(`${work}/truncated.png`, png.slice(0, 100));
  await Deno.writeFile(`${work}/huge.png`, absurdPng(100000));
  await Deno.writeTextFile(`${work}/labels.txt`, "cat\ndog\nbird\n");
  await Deno.writeTextFile(`${work}/five-labels.txt`, "a\nb\nc\nd\ne\n");
  await Deno.writeTextFile(`${work}/taken`, "not a folder\n");
  await Deno.mkdir(`${work}/no-images`);
  await Deno.writeTextFile(`${work}/no-images/notes.txt`, "no pictures here\n");

  const model = await saveTinyModel("gapDense");
  const modelDir = model.replace(/\/model\.json$/, "");
  const modelJson = await Deno.readTextFile(model);
  const weights = await Deno.readFile(`${modelDir}/weights.bin`);
  for (const dir of ["not-json", "not-model", "no-shard", "cut-shard"]) {
    await Deno.mkdir(`${work}/${dir}`);
  }
  await Deno.writeTextFile(
    `${work}/not-json/model.json`,
    modelJson.slice(0, 40),
  );
  await Deno.writeTextFile(`${work}/not-model/model.json`, '{"foo":1}');
  await Deno.writeTextFile(`${work}/no-shard/model.json`, modelJson);
  await Deno.writeTextFile(`${work}/cut-shard/model.json`, modelJson);
  await Deno.writeFile(
    `${work}/cut-shard/weights.bin`,
    weights.slice(0, weights.length / 2),
  );

  const m = ["-m", model, "--backend", "cpu"];
  const cases = badInputCases(model);
  const commandLines = cases.map((c, i) => {
    const command = c.command ?? "explain";
    const out = c.args.includes("-o") || command !== "explain"
      ? []
      : ["-o", `out/${i}`];
    return [command, ...c.args, ...out];
  });
  const mixedOut = `${work}/out/mixed`;
  const [mixed, ...runs] = await runAll(work, [
    [
      "explain",
      "good.png",
      "truncated.png",
      ...m,
      "--save",
      "overlay,heatmap,raw",
      "-o",
      mixedOut,
    ],
    ...commandLines,
  ]);

  for (const [i, c] of cases.entries()) {
    await t.step(
      `${c.name}: exit ${c.code}, one line on stderr, no files`,
      async () => {
        const run = runs[i];
        const context = `cam ${commandLines[i].join(" ")}\nexit ${run.code}\n` +
          `--- stderr\n${run.stderr}--- stdout\n${run.stdout}`;
        assert.equal(run.code, c.code, context);
        assert.doesNotMatch(run.stderr, / {4}at /, context);
        const lines = run.stderr.split("\n");
        assert.equal(lines.length, 2, `exactly one line on stderr\n${context}`);
        assert.equal(lines[1], "", context);
        assert.match(lines[0], /^cam: \S/, context);
        for (const name of c.names) {
          assert.ok(lines[0].includes(name), `names ${name}\n${context}`);
        }
        assert.equal(run.stdout, "", context);
        assert.deepEqual(await walk(`${work}/out/${i}`), [], context);
      },
    );
  }

  await t.step(
    "one bad image of two: the good one's files are written, exit 1",
    async () => {
      const context =
        `exit ${mixed.code}\n--- stderr\n${mixed.stderr}--- stdout\n${mixed.stdout}`;
      assert.equal(mixed.code, 1, context);
      assert.doesNotMatch(mixed.stderr, / {4}at /, context);
      const errors = mixed.stderr.split("\n").filter((l) =>
        !/^\[\d\/2\] /.test(l) && l !== ""
      );
      assert.equal(errors.length, 1, context);
      assert.match(errors[0], /^cam: .*truncated\.png/, context);
      assert.match(mixed.stdout, /good\.png \(40x30\)/, context);
      const files = await walk(mixedOut);
      assert.equal(files.length, 3, files.join());
      assert.ok(
        files.every((f) =>
          /^good\.grad-cam\.\d\.(overlay\.png|heatmap\.png|raw\.npy)$/.test(f)
        ),
        files.join(),
      );
    },
  );

  await t.step("the output path that is a file is left alone", async () => {
    assert.equal(await Deno.readTextFile(`${work}/taken`), "not a folder\n");
  });

  await t.step("no temporary files anywhere", async () => {
    const left = (await walk(work)).filter((f) => f.includes(".tmp-"));
    assert.deepEqual(left, []);
  });

  await Deno.remove(work, { recursive: true });
  await Deno.remove(modelDir, { recursive: true });
});
