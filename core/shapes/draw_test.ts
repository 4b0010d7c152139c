import assert from "node:assert/strict";
import {
  circle,
  fillShape,
  maskBox,
  polygon,
  ring,
  shapeMask,
  stroke,
} from "./draw.ts";

const size = { width: 20, height: 20 };

function blank() {
  return { ...size, data: new Uint8ClampedArray(20 * 20 * 4) };
}

Deno.test("shapeMask() of a circle holds the pixels whose centres are inside", () => {
  const mask = shapeMask(circle({ x: 10, y: 10, radius: 5 }), size);
  let count = 0;
  for (let y = 0; y < 20; y++) {
    for (let x = 0; x < 20; x++) {
      const inside = Math.hypot(x + 0.5 - 10, y + 0.5 - 10) <= 5;
      assert.equal(mask[y * 20 + x], inside ? 1 : 0);
      if (inside) count++;
    }
  }
  assert.ok(Math.abs(count - Math.PI * 25) < 6, `${count}`);
});

Deno.test("polygon() distances are signed Euclidean distances (concave too)", () => {
  // An L shape: the notch at (3, 3) is outside.
  const l = polygon([
    { x: 0, y: 0 },
    { x: 2, y: 0 },
    { x: 2, y: 2 },
    { x: 4, y: 2 },
    { x: 4, y: 4 },
    { x: 0, y: 4 },
  ]);
  assert.equal(l.distance(1, 1), -1);
  assert.equal(l.distance(3, 1), 1);
  assert.equal(l.distance(3, 3), -1);
  assert.equal(l.distance(7, 4), 3);
  assert.throws(() => polygon([{ x: 0, y: 0 }]), { name: "RangeError" });
});

Deno.test("ring() has a hole and stroke() has round caps", () => {
  const r = ring({ x: 10, y: 10, innerRadius: 3, outerRadius: 6 });
  assert.ok(r.distance(10, 10) > 0);
  assert.ok(r.distance(14.5, 10) < 0);
  const s = stroke({ from: { x: 2, y: 2 }, to: { x: 8, y: 2 }, width: 2 });
  assert.equal(s.distance(11, 6), 4);
});

Deno.test("fillShape() paints solid insides and anti-aliased edges", () => {
  const image = blank();
  fillShape(
    image,
    polygon([
      { x: 5, y: 5 },
      { x: 15.5, y: 5 },
      { x: 15.5, y: 15 },
      { x: 5, y: 15 },
    ]),
    { color: [200, 100, 0] },
  );
  const at = (x: number, y: number) => image.data[(y * 20 + x) * 4];
  assert.equal(at(10, 10), 200);
  assert.equal(at(15, 10), 100); // the pixel straddling x = 15.5 is half covered
  assert.equal(at(17, 10), 0);
  assert.equal(image.data[(10 * 20 + 10) * 4 + 3], 255);
});

Deno.test("maskBox() is tight and undefined for an empty mask", () => {
  const mask = shapeMask(circle({ x: 10, y: 10, radius: 4 }), size);
  assert.deepEqual(maskBox(mask, size), { x: 6, y: 6, width: 8, height: 8 });
  assert.equal(maskBox(new Uint8Array(400), size), undefined);
  assert.throws(() => maskBox(new Uint8Array(3), size), { name: "TypeError" });
});
