import assert from "node:assert/strict";
import {
  generateDataset,
  generateScene,
  type Scene,
  SHAPE_CLASSES,
  toAnnotations,
} from "./generate.ts";

function sameBytes(a: Scene, b: Scene): boolean {
  if (a.image.data.length !== b.image.data.length) return false;
  if (!a.image.data.every((v, i) => v === b.image.data[i])) return false;
  return a.objects.length === b.objects.length &&
    a.objects.every((o, k) =>
      o.classIndex === b.objects[k].classIndex &&
      o.mask.every((v, i) => v === b.objects[k].mask[i])
    );
}

/** The box computed the slow way: every pixel of the mask. */
function tightBox(mask: Uint8Array, size: number) {
  const xs: number[] = [], ys: number[] = [];
  mask.forEach((v, i) => {
    if (v === 1) {
      xs.push(i % size);
      ys.push(Math.floor(i / size));
    }
  });
  const x = Math.min(...xs), y = Math.min(...ys);
  return {
    x,
    y,
    width: Math.max(...xs) - x + 1,
    height: Math.max(...ys) - y + 1,
  };
}

const SCENES = Array.from(
  { length: 60 },
  (_, i) => generateScene(1000 + i, { objects: i % 2 === 0 ? 1 : 2 }),
);

Deno.test("generateScene() gives identical bytes for the same seed", () => {
  for (
    const options of [{}, { objects: 2 as const }, { style: "plain" as const }]
  ) {
    assert.ok(sameBytes(generateScene(5, options), generateScene(5, options)));
  }
});

Deno.test("generateScene() gives different images for different seeds", () => {
  assert.ok(!sameBytes(generateScene(5), generateScene(6)));
  assert.ok(!sameBytes(SCENES[0], SCENES[2]));
});

Deno.test("generateScene() images are opaque RGBA of the requested size", () => {
  const scene = generateScene(3, { size: 80 });
  assert.equal(scene.image.width, 80);
  assert.equal(scene.image.height, 80);
  assert.equal(scene.image.data.length, 80 * 80 * 4);
  for (let i = 3; i < scene.image.data.length; i += 4) {
    assert.equal(scene.image.data[i], 255);
  }
  assert.equal(generateScene(3).image.width, 112);
});

Deno.test("generateScene() masks are non-empty 0/1 maps of the image size", () => {
  for (const scene of SCENES) {
    for (const object of scene.objects) {
      assert.equal(object.mask.length, 112 * 112);
      assert.ok(object.mask.every((v) => v === 0 || v === 1));
      assert.ok(object.mask.some((v) => v === 1), `empty mask`);
    }
  }
});

Deno.test("generateScene() boxes exactly enclose their masks", () => {
  for (const scene of SCENES) {
    for (const object of scene.objects) {
      assert.deepEqual({ ...object.box }, tightBox(object.mask, 112));
    }
  }
});

Deno.test("generateScene() objects span roughly 20-45% of the image side", () => {
  for (const scene of SCENES) {
    for (const { box } of scene.objects) {
      const side = Math.max(box.width, box.height) / 112;
      assert.ok(side >= 0.12 && side <= 0.46, `object side ${side}`);
    }
  }
});

Deno.test("generateScene() two-object scenes hold different, disjoint classes", () => {
  let pairs = 0;
  for (const scene of SCENES) {
    if (scene.objects.length !== 2) continue;
    pairs++;
    const [a, b] = scene.objects;
    assert.notEqual(a.classIndex, b.classIndex);
    assert.ok(a.mask.every((v, i) => v === 0 || b.mask[i] === 0), "overlap");
  }
  assert.equal(pairs, 30);
});

Deno.test("generateScene() labels match class indices and cover all classes", () => {
  const seen = new Set<number>();
  for (const scene of SCENES) {
    for (const object of scene.objects) {
      assert.equal(object.label, SHAPE_CLASSES[object.classIndex]);
      seen.add(object.classIndex);
    }
  }
  assert.equal(seen.size, SHAPE_CLASSES.length);
});

Deno.test("generateScene() objects stand out from the background around them", () => {
  for (const scene of SCENES.slice(0, 20)) {
    const { data } = scene.image;
    for (const { mask, box } of scene.objects) {
      const inside = [0, 0, 0], outside = [0, 0, 0];
      let nIn = 0, nOut = 0;
      for (
        let y = Math.max(0, box.y - 3);
        y < Math.min(112, box.y + box.height + 3);
        y++
      ) {
        for (
          let x = Math.max(0, box.x - 3);
          x < Math.min(112, box.x + box.width + 3);
          x++
        ) {
          const i = y * 112 + x;
          const target = mask[i] === 1 ? inside : outside;
          for (let c = 0; c < 3; c++) target[c] += data[i * 4 + c];
          if (mask[i] === 1) nIn++;
          else if (scene.objects.every((o) => o.mask[i] === 0)) nOut++;
        }
      }
      const distance = Math.hypot(
        ...inside.map((v, c) => v / nIn - outside[c] / Math.max(1, nOut)),
      );
      assert.ok(distance > 40, `object barely visible: ${distance}`);
    }
  }
});

Deno.test("generateScene() honours forced classes and rejects bad options", () => {
  const scene = generateScene(9, { classIndices: [4, 1] });
  assert.deepEqual(scene.objects.map((o) => o.label), ["cross", "square"]);
  assert.throws(() => generateScene(1, { classIndices: [2, 2] }), {
    name: "RangeError",
    message: /classes must differ/,
  });
  assert.throws(() => generateScene(1, { classIndices: [6] }), {
    name: "RangeError",
    message: /from 0 to 5/,
  });
  assert.throws(() => generateScene(1, { size: 8 }), { name: "RangeError" });
  assert.throws(() => generateScene(1.5), { name: "RangeError" });
});

Deno.test("generateDataset() is deterministic and mixes one- and two-object scenes", () => {
  const a = generateDataset({
    count: 40,
    seed: 11,
    size: 48,
    twoObjectFraction: 0.5,
  });
  const b = generateDataset({
    count: 40,
    seed: 11,
    size: 48,
    twoObjectFraction: 0.5,
  });
  assert.equal(a.length, 40);
  assert.ok(a.every((scene, i) => sameBytes(scene, b[i])));
  const twos = a.filter((s) => s.objects.length === 2).length;
  assert.ok(twos > 8 && twos < 32, `${twos} two-object scenes of 40`);
  const ones = generateDataset({ count: 5, seed: 11, size: 48 });
  assert.ok(ones.every((s) => s.objects.length === 1));
  assert.throws(() => generateDataset({ count: -1, seed: 1 }), {
    name: "RangeError",
  });
});

Deno.test("toAnnotations() writes the documented JSON layout", () => {
  const scenes = [generateScene(1, { classIndices: [0, 5] })];
  const json = toAnnotations(scenes, ["shape_0000.png"]);
  assert.deepEqual(json.classes, [...SHAPE_CLASSES]);
  assert.equal(json.images.length, 1);
  const [image] = json.images;
  assert.equal(image.file, "shape_0000.png");
  assert.equal(image.width, 112);
  assert.deepEqual(image.objects.map((o) => [o.class, o.classIndex]), [
    ["circle", 0],
    ["ring", 5],
  ]);
  assert.deepEqual(image.objects[1].box, { ...scenes[0].objects[1].box });
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  assert.throws(() => toAnnotations(scenes, []), {
    name: "RangeError",
    message: /one name per scene/,
  });
});

Deno.test("generateScene() clutter scales the background's busyness", () => {
  // Mean absolute difference between horizontal neighbours: edges and noise.
  const busyness = (clutter: number) => {
    let sum = 0;
    for (let seed = 0; seed < 10; seed++) {
      const { data } = generateScene(seed, { clutter }).image;
      for (let i = 0; i < data.length - 4; i += 4) {
        if ((i / 4) % 112 !== 111) sum += Math.abs(data[i] - data[i + 4]);
      }
    }
    return sum;
  };
  assert.ok(busyness(0) < busyness(1) / 2);
  const plain = generateScene(4, { style: "plain" }).image.data;
  const first = [plain[0], plain[1], plain[2]];
  assert.ok(first.every((v) => v > 190), `plain background ${first}`);
  assert.throws(() => generateScene(1, { clutter: 2 }), {
    name: "RangeError",
    message: /between 0 and 1/,
  });
});
