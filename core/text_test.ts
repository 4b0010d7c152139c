import assert from "node:assert/strict";
import { drawText, measureText } from "./text.ts";

function blank(width: number, height: number) {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

function lit(image: ReturnType<typeof blank>): string[] {
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = "";
    for (let x = 0; x < image.width; x++) {
      row += image.data[(y * image.width + x) * 4 + 3] === 255 ? "#" : ".";
    }
    rows.push(row);
  }
  return rows;
}

Deno.test("drawText() draws the 5x7 glyph pixel for pixel", () => {
  const image = blank(5, 7);
  drawText(image, "T");
  assert.deepEqual(lit(image), [
    "#####",
    "..#..",
    "..#..",
    "..#..",
    "..#..",
    "..#..",
    "..#..",
  ]);
});

Deno.test("drawText() scales, advances six pixels and draws lower case as capitals", () => {
  const a = blank(24, 14), b = blank(24, 14);
  drawText(a, "hi", { scale: 2 });
  drawText(b, "HI", { scale: 2 });
  assert.deepEqual(a.data, b.data);
  // "H" at scale 2: its left stem fills columns 0-1 on every row.
  assert.ok(lit(a).every((row) => row.startsWith("##")));
  // The "I" starts at 6·2 = 12: its top bar spans columns 14..19.
  assert.equal(lit(a)[0].slice(12), "..######....");
});

Deno.test("drawText() clips at the edges and marks unknown characters", () => {
  const image = blank(3, 3);
  drawText(image, "W", { x: -2, y: -4 }); // no throw, partly drawn
  const unknown = blank(5, 7), question = blank(5, 7);
  drawText(unknown, "€");
  drawText(question, "?");
  assert.deepEqual(unknown.data, question.data);
  assert.throws(() => drawText(image, "A", { scale: 0 }), RangeError);
});

Deno.test("measureText() counts characters, not UTF-16 units", () => {
  assert.deepEqual(measureText(""), { width: 0, height: 7 });
  assert.deepEqual(measureText("a·b", 1), { width: 17, height: 7 });
});
