import assert from "node:assert/strict";
import { contactSheet, drawBox, drawCross } from "./contact_sheet.ts";
import type { RgbaImage } from "./types.ts";

function solid(width: number, height: number, rgb: number[]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([...rgb, 255], p * 4);
  return { width, height, data };
}

function pixel(
  image: RgbaImage,
  x: number,
  y: number,
) {
  return [
    ...image.data.subarray(
      (y * image.width + x) * 4,
      (y * image.width + x) * 4 + 3,
    ),
  ];
}

Deno.test("contactSheet() lays panels out in rows under column titles", () => {
  const red = solid(4, 4, [255, 0, 0]), blue = solid(8, 8, [0, 0, 255]);
  const sheet = contactSheet(
    [[{ image: red, caption: "a" }, { image: blue, caption: "b" }], [{
      image: blue,
      caption: "c",
    }]],
    { columns: ["x", "y"], panelSize: 32, gap: 4 },
  );
  // Two columns of 32 with 4-pixel gaps.
  assert.equal(sheet.width, 4 + 2 * (32 + 4));
  // Title (14 + 4), then rows of 32 + caption (14 + 4) + gap 4.
  const top = 4 + 18, rowHeight = 32 + 18 + 4;
  assert.equal(sheet.height, top + 2 * rowHeight);
  assert.deepEqual(pixel(sheet, 4 + 16, top + 16), [255, 0, 0]);
  assert.deepEqual(pixel(sheet, 40 + 16, top + 16), [0, 0, 255]);
  assert.deepEqual(pixel(sheet, 4 + 16, top + rowHeight + 16), [0, 0, 255]);
  // The empty second cell of row two stays background.
  assert.deepEqual(pixel(sheet, 40 + 16, top + rowHeight + 16), [32, 32, 36]);
  assert.throws(() => contactSheet([], { panelSize: 8 }), RangeError);
});

Deno.test("contactSheet() keeps a panel's aspect ratio", () => {
  const wide = solid(8, 4, [0, 255, 0]);
  const sheet = contactSheet([[{ image: wide, caption: "" }]], {
    panelSize: 16,
    gap: 0,
  });
  assert.deepEqual(pixel(sheet, 8, 4), [0, 255, 0]);
  // Below the 16×8 picture: background.
  assert.deepEqual(pixel(sheet, 8, 12), [32, 32, 36]);
});

Deno.test("drawBox() outlines exactly the box; drawCross() marks the point", () => {
  const image = solid(6, 6, [0, 0, 0]);
  drawBox(image, { x: 1, y: 2, width: 3, height: 2 });
  const on = (x: number, y: number) => pixel(image, x, y)[1] === 255;
  assert.ok(on(1, 2) && on(3, 2) && on(1, 3) && on(3, 3) && on(2, 2));
  assert.ok(!on(0, 2) && !on(4, 2) && !on(2, 1) && !on(2, 4));
  const cross = solid(9, 9, [100, 100, 100]);
  drawCross(cross, { x: 4, y: 4 }, { radius: 2 });
  assert.deepEqual(pixel(cross, 4, 4), [255, 255, 255]);
  assert.deepEqual(pixel(cross, 6, 4), [255, 255, 255]);
  // A dark outline one pixel beyond the arm, then the image untouched.
  assert.deepEqual(pixel(cross, 7, 4), [0, 0, 0]);
  assert.deepEqual(pixel(cross, 8, 4), [100, 100, 100]);
  drawCross(cross, { x: -5, y: 100 }); // off the image: nothing, no throw
});
