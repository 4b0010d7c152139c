/**
 * `deno task bench`: on each available backend, the forward pass and each
 * method's explanation (one capture + the map) for a MobileNetV2-shaped
 * 224×224 model with seeded weights, camkit's demo model, and the shared
 * MobileNet v1 when present. Prints explanation ÷ forward and writes bench/results/.
 *
 * Options: --backends wasm,cpu,webgpu (default: wasm, cpu, and webgpu when an
 * adapter exists) --iterations N (default 10).
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  type BackendName,
  probeWebGpu,
  tf,
  useBackend,
} from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import { DEMO_MODEL } from "../backends/assets.ts";
import { computeMap } from "../core/map.ts";
import { normalizeMap } from "../core/normalize.ts";
import type { CamModel, InputBatch } from "../core/graph.ts";
import { saveLayersModel } from "../tests/fixtures/save_model.ts";
import { mobileNetV2 } from "./mobilenet_v2.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { backends: { type: "string" }, iterations: { type: "string" } },
});
const iterations = Number(values.iterations ?? 10);
const gpu = await probeWebGpu();
const backends = (values.backends?.split(",") ??
  (gpu.available
    ? ["wasm", "cpu", "webgpu"]
    : ["wasm", "cpu"])) as BackendName[];

const SHARED = new URL("../../shared/models/", import.meta.url);
const models: { name: string; path: string }[] = [];
{
  const dir = await Deno.makeTempDir({ prefix: "camkit-bench-" });
  const model = mobileNetV2(1);
  models.push({
    name: "MobileNetV2 (seeded, layers)",
    path: await saveLayersModel(model, dir),
  });
  model.dispose();
  models.push({ name: "camkit demo (shapes, 112×112)", path: DEMO_MODEL });
  for (
    const [name, folder] of [
      ["MobileNet v1 0.25 (layers)", "mobilenet_v1_025_layers"],
      ["MobileNet v1 0.25 (graph)", "mobilenet_v1_025_graph"],
    ]
  ) {
    const path = new URL(`${folder}/model.json`, SHARED).pathname;
    if (await Deno.stat(path).then(() => true, () => false)) {
      models.push({ name, path });
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: shader/kernel compilation, CAM weight probe
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

interface Row {
  backend: string;
  model: string;
  forwardMs: number;
  tfPredictMs?: number;
  methods: Record<string, { ms: number; ratio: number }>;
}

async function benchModel(
  model: CamModel,
  backend: string,
  name: string,
  tfPredict?: () => Promise<unknown>,
): Promise<Row> {
  const [height, width, channels] = model.inputShape;
  const input: InputBatch = {
    data: new Float32Array(height * width * channels).map((_, i) =>
      Math.sin(i) * 0.5 + 0.5
    ),
    batch: 1,
    height,
    width,
    channels,
  };
  const forwardMs = await time(() => model.predict(input));
  const row: Row = { backend, model: name, forwardMs, methods: {} };
  if (tfPredict) row.tfPredictMs = await time(tfPredict);
  const layer = model.defaultLayer;
  const camOk = model.linearHead(layer).ok;
  for (const method of ["cam", "grad-cam", "grad-cam++"]) {
    if (method === "cam" && !camOk) continue;
    const needsGrad = method !== "cam";
    const ms = await time(async () => {
      const [image] = await model.capture(input, {
        layer,
        score: "logit",
        gradients: needsGrad,
        classifierWeights: !needsGrad,
      });
      const map = computeMap(method, image.captures[0]);
      normalizeMap(map, { width, height });
    });
    row.methods[method] = { ms, ratio: ms / forwardMs };
  }
  return row;
}

const rows: Row[] = [];
for (const backend of backends) {
  await useBackend(backend, { allowFallbackAdapter: true });
  for (const { name, path } of models) {
    const { model } = await loadModel(path);
    try {
      rows.push(await benchModel(model, backend, name));
    } finally {
      model.dispose();
    }
    const last = rows[rows.length - 1];
    console.log(
      `${backend.padEnd(7)} ${name.padEnd(30)} forward ${
        last.forwardMs.toFixed(1).padStart(7)
      } ms  ` +
        Object.entries(last.methods).map(([m, r]) =>
          `${m} ${r.ms.toFixed(1)} ms (${r.ratio.toFixed(2)}×)`
        ).join("  "),
    );
  }
}

const stamp = new Date().toISOString().slice(0, 10);
const device = gpu.available ? gpu.description : "no WebGPU adapter";
const result = {
  date: new Date().toISOString(),
  deno: Deno.version.deno,
  tfjs: tf.version_core,
  device,
  iterations,
  rows,
};
await Deno.writeTextFile(
  new URL(`results/${stamp}-${backends.join("-")}.json`, import.meta.url),
  JSON.stringify(result, null, 2) + "\n",
);
const table = [
  `| backend | model | forward ms | cam | grad-cam | grad-cam++ |`,
  `| --- | --- | ---: | ---: | ---: | ---: |`,
  ...rows.map((r) =>
    `| ${r.backend} | ${r.model} | ${r.forwardMs.toFixed(1)} | ${
      ["cam", "grad-cam", "grad-cam++"].map((m) =>
        r.methods[m]
          ? `${r.methods[m].ms.toFixed(1)} ms (${
            r.methods[m].ratio.toFixed(2)
          }×)`
          : "n/a"
      ).join(" | ")
    } |`
  ),
].join("\n");
console.log(
  `\n${table}\n\nMedian of ${iterations} runs after one warm-up; ratio = explanation ÷ forward, same run. WebGPU adapter: ${device}.`,
);
await Deno.writeTextFile(
  new URL(`results/${stamp}-${backends.join("-")}.md`, import.meta.url),
  `${table}\n\nMedian of ${iterations} runs after one warm-up; ratio = explanation ÷ forward in the same run. Deno ${Deno.version.deno}, TF.js ${tf.version_core}, WebGPU adapter: ${device}.\n`,
);
