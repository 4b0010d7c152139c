/**
 * The `cam` command run as a real subprocess, with the permissions of
 * `deno task cam`: explain (all methods, folders, classes, labels,
 * counterfactual, backends), classify, layers and help.
 *
 * @module
 */
import assert from "node:assert/strict";
import "../backends/engine.ts";
import { decodeImage, encodePng } from "../backends/image_io.ts";
import { decodeNpy } from "../core/npy.ts";
import type { RgbaImage } from "../core/types.ts";
import { saveTinyModel } from "./fixtures/tiny_models.ts";
import {
  type CamRun,
  ROOT,
  runAll as runList,
} from "./fixtures/cam_process.ts";

const METHODS = ["cam", "grad-cam", "grad-cam++"];

/** Runs every command line, a few at a time; results by name. */
async function runAll<K extends string>(
  cwd: string,
  commands: Record<K, readonly string[]>,
): Promise<Record<K, CamRun>> {
  const names = Object.keys(commands) as K[];
  const runs = await runList(cwd, names.map((name) => commands[name]));
  return Object.fromEntries(names.map((name, i) => [name, runs[i]])) as Record<
    K,
    CamRun
  >;
}

function describe(run: CamRun): string {
  return `exit ${run.code}\n--- stderr\n${run.stderr}\n--- stdout\n${
    run.stdout.slice(0, 2000)
  }`;
}

function json(run: CamRun, code = 0) {
  assert.equal(run.code, code, describe(run));
  return JSON.parse(run.stdout);
}

/** A 40×30 image with a gradient and a bright square: not model-sized. */
function testImage(invert = false): RgbaImage {
  const width = 40, height = 30;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const square = x >= 25 && x < 33 && y >= 5 && y < 13;
      data[i] = square ? 255 : x * 6;
      data[i + 1] = square ? 255 : y * 8;
      data[i + 2] = 128;
      data[i + 3] = 255;
      if (invert) {
        for (let c = 0; c < 3; c++) data[i + c] = 255 - data[i + c];
      }
    }
  }
  return { width, height, data };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

async function readNpy(path: string) {
  return decodeNpy(await Deno.readFile(path));
}

function maxAbs(values: Float32Array): number {
  return values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

/** Asserts `actual` ≈ `expected` element-wise, relative to the largest value. */
function assertArrayClose(
  actual: Float32Array,
  expected: Float32Array,
  rtol: number,
  what: string,
) {
  assert.equal(actual.length, expected.length, what);
  const scale = Math.max(maxAbs(expected), 1e-12);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= rtol * scale,
      `${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`,
    );
  }
}

interface Explanation {
  method: string;
  layer: string;
  classIndex: number;
  label: string;
  score: number;
  peak: { x: number; y: number };
  bbox: { x: number; y: number; width: number; height: number } | null;
  files: Record<string, string>;
  ms: number;
}

function byKey(explanations: Explanation[]): Map<string, Explanation> {
  return new Map(explanations.map((e) => [`${e.method}.${e.classIndex}`, e]));
}

Deno.test("cam CLI explains, classifies and lists layers as a subprocess", async (t) => {
  const work = await Deno.makeTempDir({ prefix: "camkit-cli-" });
  await Deno.mkdir(`${work}/xdg`, { mode: 0o700 });
  await Deno.mkdir(`${work}/imgs`);
  await Deno.writeFile(`${work}/imgs/a.png`, await encodePng(testImage()));
  await Deno.writeFile(`${work}/imgs/b.png`, await encodePng(testImage(true)));
  await Deno.writeTextFile(`${work}/imgs/readme.txt`, "not an image\n");
  await Deno.writeTextFile(`${work}/labels.txt`, "cat\ndog\nbird\n");
  // gapDense copied under INIT_CWD so that it can be named relatively.
  const savedGap = await saveTinyModel("gapDense");
  await Deno.mkdir(`${work}/gap`);
  for (const name of ["model.json", "weights.bin"]) {
    await Deno.copyFile(
      savedGap.replace(/model\.json$/, name),
      `${work}/gap/${name}`,
    );
  }
  const gap = `${work}/gap/model.json`;
  const relu = await saveTinyModel("reluHead");
  const image = ["explain", "imgs/a.png"];

  const runs = await runAll(work, {
    // Relative image, model and output: all resolved against INIT_CWD.
    json: [
      ...image,
      "-m",
      "gap/model.json",
      "--method",
      "all",
      "--json",
      "--save",
      "overlay,heatmap,raw",
      "-o",
      "out-json",
    ],
    folder: [
      "explain",
      "imgs",
      "-m",
      gap,
      "-o",
      "out-folder",
      "--backend",
      "cpu",
    ],
    cpu: [
      ...image,
      "-m",
      gap,
      "--class",
      "0,2",
      "--method",
      "all",
      "--json",
      "--save",
      "raw,heatmap",
      "-o",
      "out-cpu",
      "--backend",
      "cpu",
    ],
    wasm: [
      ...image,
      "-m",
      gap,
      "--class",
      "0",
      "-c",
      "2",
      "--method",
      "all",
      "--json",
      "--save",
      "raw",
      "-o",
      "out-wasm",
      "--backend",
      "wasm",
    ],
    counterfactual: [
      ...image,
      "-m",
      gap,
      "--counterfactual",
      "--class",
      "0,2",
      "--method",
      "cam,grad-cam",
      "--json",
      "--save",
      "raw",
      "-o",
      "out-cf",
      "--backend",
      "cpu",
    ],
    reluCam: [
      ...image,
      "-m",
      relu,
      "--method",
      "cam",
      "-o",
      "out-relu-cam",
      "--backend",
      "cpu",
    ],
    reluAll: [
      ...image,
      "-m",
      relu,
      "--method",
      "all",
      "--json",
      "-o",
      "out-relu-all",
      "--backend",
      "cpu",
    ],
    labels: [
      ...image,
      "-m",
      gap,
      "--labels",
      "labels.txt",
      "--class",
      "bird",
      "--json",
      "-o",
      "out-labels",
      "--backend",
      "cpu",
    ],
    classify: [
      "classify",
      "imgs/a.png",
      "-m",
      gap,
      "--top-k",
      "2",
      "--json",
      "--backend",
      "cpu",
    ],
    layers: ["layers", "-m", gap, "--json", "--backend", "cpu"],
    layersText: ["layers", "-m", gap, "--backend", "cpu"],
    help: ["help"],
  });

  await t.step(
    "explain --json reports backend, model and the original image size",
    () => {
      const doc = json(runs.json);
      assert.ok(["webgpu", "wasm", "cpu"].includes(doc.backend), doc.backend);
      assert.deepEqual(doc.model, {
        source: gap,
        inputShape: [12, 12, 3],
        layer: "conv2",
        score: "logit",
      });
      assert.equal(doc.images.length, 1);
      const [img] = doc.images;
      assert.equal(img.path, `${work}/imgs/a.png`);
      assert.equal(img.width, 40);
      assert.equal(img.height, 30);
      assert.deepEqual(img.skipped, []);
    },
  );

  await t.step(
    "explain --json predictions are all classes, sorted, summing to 1",
    () => {
      const { predictions } = json(runs.json).images[0];
      assert.equal(predictions.length, 3);
      assert.deepEqual(
        predictions.map((p: { index: number }) => p.index).sort(),
        [0, 1, 2],
      );
      for (const p of predictions) assert.equal(p.label, String(p.index));
      for (let i = 1; i < predictions.length; i++) {
        assert.ok(predictions[i - 1].score >= predictions[i].score);
      }
      const sum = predictions.reduce(
        (s: number, p: { score: number }) => s + p.score,
        0,
      );
      assert.ok(Math.abs(sum - 1) < 1e-5, String(sum));
    },
  );

  await t.step(
    "explain --method all explains the top class with every method",
    async () => {
      const img = json(runs.json).images[0];
      const top = img.predictions[0].index;
      const explanations: Explanation[] = img.explanations;
      assert.deepEqual(explanations.map((e) => e.method), METHODS);
      for (const e of explanations) {
        assert.equal(e.layer, "conv2");
        assert.equal(e.classIndex, top);
        assert.equal(e.label, String(top));
        assert.ok(Number.isFinite(e.score) && Number.isFinite(e.ms));
        assert.ok(
          e.peak.x >= 0 && e.peak.x < 40 && e.peak.y >= 0 && e.peak.y < 30,
          JSON.stringify(e.peak),
        );
        if (e.bbox !== null) {
          const { x, y, width, height } = e.bbox;
          assert.ok(
            x >= 0 && y >= 0 && width >= 1 && height >= 1,
            JSON.stringify(e.bbox),
          );
          assert.ok(
            x + width <= 40 && y + height <= 30,
            JSON.stringify(e.bbox),
          );
        }
        const base = `${work}/out-json/a.${e.method}.${top}`;
        assert.deepEqual(e.files, {
          overlay: `${base}.overlay.png`,
          heatmap: `${base}.heatmap.png`,
          raw: `${base}.raw.npy`,
        });
        for (const file of Object.values(e.files)) {
          assert.ok(
            await exists(file),
            file,
          );
        }
      }
      assert.equal((await listDir(`${work}/out-json`)).length, 9);
    },
  );

  await t.step(
    "relative paths resolve against INIT_CWD, not the process folder",
    async () => {
      assert.ok(await exists(`${work}/out-json`));
      assert.equal(await exists(`${ROOT}/out-json`), false);
    },
  );

  await t.step(
    "overlay and heatmap PNGs have the original image's size",
    async () => {
      const original = testImage();
      for (const e of json(runs.json).images[0].explanations as Explanation[]) {
        const overlay = await decodeImage(await Deno.readFile(e.files.overlay));
        assert.equal(overlay.width, 40);
        assert.equal(overlay.height, 30);
        assert.notDeepEqual(
          overlay.data,
          original.data,
          "the overlay blends a heat map in",
        );
        const heat = await decodeImage(await Deno.readFile(e.files.heatmap));
        assert.equal(heat.width, 40);
        assert.equal(heat.height, 30);
        let brightest = 0;
        for (let p = 0; p < 40 * 30; p++) {
          const [r, g, b] = heat.data.subarray(p * 4, p * 4 + 3);
          assert.ok(r === g && g === b, "the heat map is grey");
          brightest = Math.max(brightest, r);
        }
        assert.ok(brightest > 0, `${e.method}: the heat map is not all black`);
        const atPeak = heat.data[(e.peak.y * 40 + e.peak.x) * 4];
        assert.equal(
          atPeak,
          brightest,
          `${e.method}: the peak is the brightest pixel`,
        );
      }
    },
  );

  await t.step(
    "raw.npy is the target layer's 12×12 map; CAM = 144 × Grad-CAM on a GAP head",
    async () => {
      const explanations = byKey(json(runs.json).images[0].explanations);
      const raws = new Map<string, Float32Array>();
      for (const e of explanations.values()) {
        const { shape, data } = await readNpy(e.files.raw);
        assert.deepEqual(shape, [12, 12], e.method);
        assert.ok(data.every(Number.isFinite), e.method);
        assert.ok(maxAbs(data) > 0, `${e.method}: raw map is not all zero`);
        raws.set(e.method, data);
      }
      // With GAP → dense and logit scores, Grad-CAM's weights are the dense
      // weights divided by the 12×12 positions pooled: the same map, scaled.
      const scaled = raws.get("grad-cam")!.map((v) => v * 144);
      assertArrayClose(scaled, raws.get("cam")!, 1e-3, "144 × grad-cam vs cam");
    },
  );

  await t.step(
    "explaining a folder prints progress on stderr and skips non-images",
    async () => {
      const run = runs.folder;
      assert.equal(run.code, 0, describe(run));
      assert.match(run.stderr, new RegExp(`\\[1/2\\] ${work}/imgs/a\\.png`));
      assert.match(run.stderr, new RegExp(`\\[2/2\\] ${work}/imgs/b\\.png`));
      assert.doesNotMatch(run.stderr, /readme|\/3\]/);
      assert.match(run.stdout, /a\.png \(40x30\)/);
      assert.match(run.stdout, /b\.png \(40x30\)/);
      const files = await listDir(`${work}/out-folder`);
      assert.equal(files.length, 4, files.join());
      for (const stem of ["a", "b"]) {
        for (const kind of ["overlay.png", "heatmap.png"]) {
          assert.ok(
            files.some((f) =>
              new RegExp(`^${stem}\\.grad-cam\\.\\d\\.${kind}$`).test(f)
            ),
            `${stem} ${kind} in ${files.join()}`,
          );
        }
      }
    },
  );

  await t.step(
    "--class 0,2 explains classes 0 and 2 with every method",
    async () => {
      const img = json(runs.cpu).images[0];
      const keys = [...byKey(img.explanations).keys()].sort();
      assert.deepEqual(
        keys,
        METHODS.flatMap((m) => [`${m}.0`, `${m}.2`]).sort(),
      );
      assert.equal(img.predictions.length, 3);
      assert.deepEqual(
        (await listDir(`${work}/out-cpu`)).filter((f) => f.endsWith(".npy")),
        METHODS.flatMap((m) => [`a.${m}.0.raw.npy`, `a.${m}.2.raw.npy`]).sort(),
      );
      // The score reported is the class's own logit, different per class.
      const e = byKey(img.explanations);
      assert.notEqual(e.get("grad-cam.0")!.score, e.get("grad-cam.2")!.score);
    },
  );

  await t.step(
    "--backend cpu and --backend wasm give the same peaks and maps",
    async () => {
      const cpu = json(runs.cpu);
      const wasm = json(runs.wasm);
      assert.equal(cpu.backend, "cpu");
      assert.equal(wasm.backend, "wasm");
      const a = byKey(cpu.images[0].explanations);
      const b = byKey(wasm.images[0].explanations);
      assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
      for (const [key, e] of a) {
        const w = b.get(key)!;
        assert.deepEqual(w.peak, e.peak, key);
        assert.ok(Math.abs(w.score - e.score) < 1e-4, key);
        assertArrayClose(
          (await readNpy(w.files.raw)).data,
          (await readNpy(e.files.raw)).data,
          1e-3,
          key,
        );
      }
    },
  );

  await t.step(
    "--counterfactual runs and negates the CAM and Grad-CAM maps",
    async () => {
      const plain = byKey(json(runs.cpu).images[0].explanations);
      const counter = byKey(json(runs.counterfactual).images[0].explanations);
      assert.deepEqual([...counter.keys()].sort(), [
        "cam.0",
        "cam.2",
        "grad-cam.0",
        "grad-cam.2",
      ]);
      for (const [key, e] of counter) {
        const flipped = (await readNpy(e.files.raw)).data;
        const original = (await readNpy(plain.get(key)!.files.raw)).data;
        assertArrayClose(flipped.map((v) => -v), original, 1e-5, key);
        assert.equal(
          e.score,
          plain.get(key)!.score,
          `${key}: same class score`,
        );
      }
    },
  );

  await t.step(
    "--method cam on a non-linear head fails and suggests grad-cam",
    async () => {
      const run = runs.reluCam;
      assert.equal(run.code, 1, describe(run));
      const lines = run.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], /^cam: .*grad-cam/);
      assert.doesNotMatch(run.stderr, / {4}at /);
      assert.deepEqual(await listDir(`${work}/out-relu-cam`), []);
    },
  );

  await t.step(
    "--method all on a non-linear head skips CAM with a note",
    async () => {
      const run = runs.reluAll;
      const img = json(run).images[0];
      assert.match(run.stderr, /^note: cam skipped: .*grad-cam/m);
      assert.deepEqual(img.explanations.map((e: Explanation) => e.method), [
        "grad-cam",
        "grad-cam++",
      ]);
      assert.equal(img.skipped.length, 1);
      assert.equal(img.skipped[0].method, "cam");
      assert.match(img.skipped[0].reason, /relu/);
      const files = await listDir(`${work}/out-relu-all`);
      assert.equal(files.length, 4, files.join());
      assert.ok(files.every((f) => f.startsWith("a.grad-cam")), files.join());
    },
  );

  await t.step("--labels names classes and --class takes a label", () => {
    const img = json(runs.labels).images[0];
    const names = ["cat", "dog", "bird"];
    for (const p of img.predictions) assert.equal(p.label, names[p.index]);
    assert.equal(img.explanations.length, 1);
    assert.equal(img.explanations[0].classIndex, 2);
    assert.equal(img.explanations[0].label, "bird");
    assert.match(
      img.explanations[0].files.overlay,
      /\/a\.grad-cam\.2\.overlay\.png$/,
    );
  });

  await t.step("classify --top-k 2 --json reports the two best classes", () => {
    const doc = json(runs.classify);
    assert.equal(doc.backend, "cpu");
    assert.equal(doc.model.layer, "conv2");
    const [img] = doc.images;
    assert.equal(img.width, 40);
    assert.equal(img.height, 30);
    assert.equal(img.predictions.length, 2);
    // Same model, same image, same backend as the explain --backend cpu run.
    const explained = json(runs.cpu).images[0].predictions.slice(0, 2);
    assert.deepEqual(
      img.predictions.map((p: { index: number }) => p.index),
      explained.map((p: { index: number }) => p.index),
    );
    for (const [i, p] of img.predictions.entries()) {
      assert.equal(p.label, String(p.index));
      assert.ok(Math.abs(p.score - explained[i].score) < 1e-6);
      assert.ok(Number.isFinite(p.logit));
    }
    assert.ok(img.predictions[0].score >= img.predictions[1].score);
    assert.ok(img.predictions[0].logit >= img.predictions[1].logit);
  });

  await t.step(
    "layers --json lists layers, the default layer and CAM's availability",
    () => {
      const doc = json(runs.layers);
      assert.deepEqual(doc.layers, [
        { name: "conv1", kind: "Conv2D", outputShape: [12, 12, 4] },
        { name: "conv2", kind: "Conv2D", outputShape: [12, 12, 5] },
        { name: "gap", kind: "GlobalAveragePooling2D", outputShape: [5] },
        { name: "fc", kind: "Dense", outputShape: [3] },
      ]);
      assert.equal(doc.model.defaultLayer, "conv2");
      assert.equal(doc.model.layer, "conv2");
      assert.equal(doc.model.numClasses, 3);
      assert.deepEqual(doc.cam, { ok: true });
    },
  );

  await t.step("layers without --json marks the target layer", () => {
    const run = runs.layersText;
    assert.equal(run.code, 0, describe(run));
    assert.match(run.stdout, /^conv2 .*← target$/m);
    assert.match(
      run.stdout,
      /4 layers · 3 classes · input 12x12x3 · backend cpu/,
    );
    assert.match(run.stdout, /CAM: available/);
  });

  await t.step("help prints the usage and exits 0", () => {
    const run = runs.help;
    assert.equal(run.code, 0, describe(run));
    assert.match(run.stdout, /Usage:/);
    assert.match(run.stdout, /cam explain/);
    assert.equal(run.stderr, "");
  });

  await Deno.remove(work, { recursive: true });
  await Deno.remove(savedGap.replace(/\/model\.json$/, ""), {
    recursive: true,
  });
  await Deno.remove(relu.replace(/\/model\.json$/, ""), { recursive: true });
});
