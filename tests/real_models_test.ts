/**
 * Real pretrained models: nsfwjs's MobileNetV2 (layers and graph, from npm)
 * and, when ../shared is present, ImageNet MobileNet v1 on the classic
 * dog-and-cat image. Also cross-backend agreement of the normalised maps.
 */
import assert from "node:assert/strict";
import { probeWebGpu, useBackend } from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import { decodeImage } from "../backends/image_io.ts";
import { explain, type ExplainOptions } from "../core/explain.ts";
import type { RgbaImage } from "../core/types.ts";
import { writeNsfwModels } from "../cli/npm_models.ts";

const SHARED = new URL("../../shared/", import.meta.url);
const hasShared = await Deno.stat(
  new URL("models/mobilenet_v1_025_layers/model.json", SHARED),
)
  .then(() => true, () => false);
const webgpu = await probeWebGpu();
const BACKENDS = webgpu.available
  ? ["cpu", "wasm", "webgpu"] as const
  : ["cpu", "wasm"] as const;
const METHODS = ["cam", "grad-cam", "grad-cam++"];

function syntheticPhoto(size: number): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const blob = Math.hypot(x - size * 0.65, y - size * 0.35) < size * 0.2;
      data.set([
        blob ? 220 : (x * 3) % 256,
        blob ? 180 : (y * 5) % 256,
        blob ? 150 : 90,
        255,
      ], i);
    }
  }
  return { width: size, height: size, data };
}

/** Maps of every backend for the same model, image and options. */
async function mapsPerBackend(
  modelPath: string,
  image: RgbaImage,
  options: ExplainOptions,
): Promise<Map<string, Float32Array[]>> {
  const result = new Map<string, Float32Array[]>();
  for (const backend of BACKENDS) {
    await useBackend(backend);
    const { model } = await loadModel(modelPath);
    try {
      const [explained] = await explain(model, [image], options);
      result.set(backend, explained.explanations.map((e) => e.map));
    } finally {
      model.dispose();
    }
  }
  return result;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

Deno.test("nsfwjs MobileNetV2 from npm: every backend gives the same maps (layers and graph)", async (t) => {
  const paths = await writeNsfwModels();
  const image = syntheticPhoto(160);
  for (const [format, path] of Object.entries(paths)) {
    await t.step(format, async () => {
      const methods = format === "graph" ? METHODS : ["grad-cam", "grad-cam++"];
      const maps = await mapsPerBackend(path, image, { methods, classes: [1] });
      const reference = maps.get("cpu")!;
      assert.equal(reference.length, methods.length);
      for (const map of reference) {
        assert.ok(map.some((v) => v > 0.5), "the map is not empty");
      }
      for (const [backend, list] of maps) {
        list.forEach((map, i) => {
          const diff = maxDifference(map, reference[i]);
          assert.ok(
            diff < 1e-3,
            `${format} ${methods[i]} on ${backend}: max difference ${diff}`,
          );
        });
      }
    });
  }
});

Deno.test("nsfwjs MobileNetV2 graph model: CAM applies (AvgPool → MatMul head), the layers one refuses it", async () => {
  await useBackend("wasm");
  const paths = await writeNsfwModels();
  const graph = await loadModel(paths.graph);
  const layers = await loadModel(paths.layers);
  try {
    assert.equal(graph.format, "graph");
    assert.match(graph.model.defaultLayer, /Conv_1\/Relu6$/);
    assert.equal(graph.model.linearHead(graph.model.defaultLayer).ok, true);
    assert.equal(layers.model.defaultLayer, "out_relu");
    const head = layers.model.linearHead("out_relu");
    assert.equal(head.ok, false);
    assert.match(!head.ok ? head.reason : "", /relu/);
  } finally {
    graph.model.dispose();
    layers.model.dispose();
  }
});

const CASES = [
  {
    format: "layers",
    dir: "mobilenet_v1_025_layers",
    preprocess: "symmetric",
    offset: 0,
  },
  {
    format: "graph",
    dir: "mobilenet_v1_025_graph",
    preprocess: "unit",
    offset: 1,
  },
] as const;
// ImageNet indices: 243 bull mastiff, 281 tabby, 282 tiger cat.
const DOG = 243;
const CATS = [281, 282];

Deno.test({
  name:
    "ImageNet MobileNet v1: the dog's map peaks on the dog, the cats' on the cat, every method, WASM and CPU",
  ignore: !hasShared,
  fn: async (t) => {
    const bytes = await Deno.readFile(
      new URL("images/gradcam-jacobgil_both.png", SHARED),
    );
    const image = await decodeImage(bytes);
    for (const c of CASES) {
      for (const backend of ["wasm", "cpu"] as const) {
        await t.step(`${c.format} on ${backend}`, async () => {
          await useBackend(backend);
          const { model } = await loadModel(
            new URL(`models/${c.dir}/model.json`, SHARED).pathname,
          );
          try {
            const classes = [DOG, ...CATS].map((i) => i + c.offset);
            const [result] = await explain(model, [image], {
              methods: METHODS,
              classes,
              preprocess: c.preprocess,
            });
            assert.equal(result.explanations.length, 9);
            for (const e of result.explanations) {
              const isDog = e.classIndex === DOG + c.offset;
              // The dog fills the upper part of the image, the cat the lower.
              if (isDog) {
                assert.ok(
                  e.peak.y < 112,
                  `${e.method} dog peak ${JSON.stringify(e.peak)}`,
                );
              } else {assert.ok(
                  e.peak.y >= 112,
                  `${e.method} cat ${e.classIndex} peak ${
                    JSON.stringify(e.peak)
                  }`,
                );}
            }
          } finally {
            model.dispose();
          }
        });
      }
    }
  },
});

Deno.test({
  name:
    "ImageNet MobileNet v1 graph model: WASM and WebGPU (when present) agree with CPU",
  ignore: !hasShared,
  fn: async () => {
    const bytes = await Deno.readFile(
      new URL("images/skimage_chelsea.png", SHARED),
    );
    const image = await decodeImage(bytes);
    const path =
      new URL("models/mobilenet_v1_025_graph/model.json", SHARED).pathname;
    const maps = await mapsPerBackend(path, image, {
      methods: METHODS,
      classes: [282],
    });
    const reference = maps.get("cpu")!;
    for (const [backend, list] of maps) {
      list.forEach((map, i) => {
        const diff = maxDifference(map, reference[i]);
        assert.ok(diff < 1e-3, `${METHODS[i]} on ${backend}: ${diff}`);
      });
    }
  },
});
