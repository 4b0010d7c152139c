/**
 * The `cam` command on bad input, run as a real subprocess: a non-zero exit
 * (2 for usage errors, 1 for the rest), one line on stderr naming the culprit
 * and no stack trace, and no file left behind for the failed item.
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

/** Every file under `dir` (relative paths); none when it does not exist. */
async function walk(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory) {
        files.push(...await walk(`${dir}/${entry.name}`, `${name}/`));
      } else files.push(name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return files.sort();
}

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

interface BadCase {
  /** What is wrong, for the step's name. */
  name: string;
  /** Arguments after the command; `-o out/<i>` is added for explain. */
  args: string[];
  /** Expected exit code. */
  code: 1 | 2;
  /** Strings the one stderr line must contain (the culprit). */
  names: string[];
  /** The command; default `explain`. */
  command?: string;
}

Deno.test("cam CLI fails on bad input with one line and no files", async (t) => {
  const work = await Deno.makeTempDir({ prefix: "camkit-bad-" });
  await Deno.mkdir(`${work}/xdg`, { mode: 0o700 });
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
  const cases: BadCase[] = [
    {
      name: "missing image",
      args: ["missing.png", ...m],
      code: 1,
      names: ["missing.png"],
    },
    {
      name: "empty image file",
      args: ["empty.png", ...m],
      code: 1,
      names: ["empty.png", "empty"],
    },
    {
      name: "text file named .png",
      args: ["text.png", ...m],
      code: 1,
      names: ["text.png"],
    },
    {
      name: "truncated PNG",
      args: ["truncated.png", ...m],
      code: 1,
      names: ["truncated.png"],
    },
    {
      name: "absurd PNG dimensions",
      args: ["huge.png", ...m],
      code: 1,
      names: ["huge.png", "100000x100000"],
    },
    {
      name: "image is a folder without images",
      args: ["no-images", ...m],
      code: 1,
      names: ["no-images"],
    },
    {
      name: "missing model.json",
      args: ["good.png", "-m", "nowhere/model.json", "--backend", "cpu"],
      code: 1,
      names: ["nowhere/model.json"],
    },
    {
      name: "model.json that is not JSON",
      args: ["good.png", "-m", "not-json/model.json", "--backend", "cpu"],
      code: 1,
      names: ["not-json/model.json", "JSON"],
    },
    {
      name: "JSON that is not a model",
      args: ["good.png", "-m", "not-model/model.json", "--backend", "cpu"],
      code: 1,
      names: ["not-model/model.json"],
    },
    {
      name: "missing weight shard",
      args: ["good.png", "-m", "no-shard/model.json", "--backend", "cpu"],
      code: 1,
      names: ["weights.bin"],
    },
    {
      name: "truncated weight shard",
      args: ["good.png", "-m", "cut-shard/model.json", "--backend", "cpu"],
      code: 1,
      names: ["weights.bin", "truncated"],
    },
    {
      name: "unknown --layer",
      args: ["good.png", ...m, "--layer", "conv9"],
      code: 1,
      names: ['"conv9"'],
    },
    {
      name: "--layer without spatial output",
      args: ["good.png", ...m, "--layer", "fc"],
      code: 1,
      names: ['"fc"'],
    },
    {
      name: "--class out of range",
      args: ["good.png", ...m, "--class", "99"],
      code: 1,
      names: ["99"],
    },
    {
      name: "unknown class label",
      args: ["good.png", ...m, "--labels", "labels.txt", "--class", "zebra"],
      code: 1,
      names: ['"zebra"'],
    },
    {
      name: "class label without labels",
      args: ["good.png", ...m, "--class", "zebra"],
      code: 2,
      names: ['"zebra"', "--labels"],
    },
    {
      name: "missing --labels file",
      args: ["good.png", ...m, "--labels", "nolabels.txt"],
      code: 1,
      names: ["nolabels.txt"],
    },
    {
      name: "--labels with the wrong count",
      args: ["good.png", ...m, "--labels", "five-labels.txt"],
      code: 1,
      names: ["five-labels.txt", "5 names", "3 classes"],
    },
    {
      name: "--out is an existing file",
      args: ["good.png", ...m, "-o", "taken"],
      code: 1,
      names: ["taken", "--out"],
    },
    { name: "no image given", args: [...m], code: 2, names: ["image"] },
    {
      name: "unknown flag",
      args: ["good.png", ...m, "--frobnicate"],
      code: 2,
      names: ["--frobnicate"],
    },
    {
      name: "-m without a value",
      args: ["good.png", "-m", "-o", "out/m"],
      code: 2,
      names: ["'-m'"],
    },
    {
      name: "--model without a value",
      args: ["good.png", "--model"],
      code: 2,
      names: ["--model"],
    },
    {
      name: "unknown command",
      args: ["good.png", ...m],
      command: "explian",
      code: 2,
      names: ['"explian"'],
    },
    {
      name: "unknown --method",
      args: ["good.png", ...m, "--method", "foo"],
      code: 2,
      names: ["method", '"foo"'],
    },
    {
      name: "unknown --backend",
      args: ["good.png", "-m", model, "--backend", "foo"],
      code: 2,
      names: ["--backend", '"foo"'],
    },
    {
      name: "unknown --preprocess",
      args: ["good.png", ...m, "--preprocess", "foo"],
      code: 2,
      names: ["--preprocess", '"foo"'],
    },
    {
      name: "unknown --colormap",
      args: ["good.png", ...m, "--colormap", "foo"],
      code: 2,
      names: ["--colormap", '"foo"'],
    },
    {
      name: "unknown --score",
      args: ["good.png", ...m, "--score", "foo"],
      code: 2,
      names: ["--score", '"foo"'],
    },
    {
      name: "unknown --resize",
      args: ["good.png", ...m, "--resize", "foo"],
      code: 2,
      names: ["--resize", '"foo"'],
    },
    {
      name: "unknown --save kind",
      args: ["good.png", ...m, "--save", "overlay,foo"],
      code: 2,
      names: ["--save", '"foo"'],
    },
    {
      name: "--alpha above 1",
      args: ["good.png", ...m, "--alpha", "2"],
      code: 2,
      names: ["--alpha", '"2"'],
    },
    {
      name: "--alpha not a number",
      args: ["good.png", ...m, "--alpha", "half"],
      code: 2,
      names: ["--alpha", '"half"'],
    },
    {
      name: "--top-k 0",
      args: ["good.png", ...m, "--top-k", "0"],
      code: 2,
      names: ["--top-k", '"0"'],
    },
    {
      name: "--top-k not an integer",
      args: ["good.png", ...m, "--top-k", "2.5"],
      code: 2,
      names: ["--top-k", '"2.5"'],
    },
    {
      name: "classify a missing image",
      command: "classify",
      args: ["missing.png", ...m],
      code: 1,
      names: ["missing.png"],
    },
    {
      name: "classify a truncated PNG",
      command: "classify",
      args: ["truncated.png", ...m],
      code: 1,
      names: ["truncated.png"],
    },
    {
      name: "classify without an image",
      command: "classify",
      args: [...m],
      code: 2,
      names: ["image"],
    },
    {
      name: "layers of a missing model",
      command: "layers",
      args: ["-m", "nowhere/model.json", "--backend", "cpu"],
      code: 1,
      names: ["nowhere/model.json"],
    },
  ];
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
