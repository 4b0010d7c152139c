import assert from "node:assert/strict";
import { checkAnnotatedImage, parseAnnotations } from "./annotations.ts";

const LABELS = ["circle", "square", "triangle"];
const box = { x: 1, y: 2, width: 3, height: 4 };

/** `labels` null: a model without class names. */
function parse(json: unknown, labels: readonly string[] | null = LABELS) {
  return parseAnnotations(
    typeof json === "string" ? json : JSON.stringify(json),
    { numClasses: 3, labels: labels ?? undefined, source: "ann.json" },
  );
}

function one(
  object: Record<string, unknown>,
  labels: readonly string[] | null = LABELS,
) {
  return parse({ images: [{ file: "a.png", objects: [object] }] }, labels);
}

Deno.test("parseAnnotations() reads names, indices, masks and sizes", () => {
  const images = parse({
    classes: ["ignored"],
    images: [
      {
        file: "a.png",
        width: 20,
        height: 10,
        objects: [
          { class: "Square", box, mask: "a.mask0.png" },
          { classIndex: 2, box: { x: 0.5, y: 1, width: 2, height: 2.2 } },
          { class: "circle", classIndex: 0, box },
        ],
      },
      { file: "sub/b.png", objects: [{ class: "triangle", box }] },
    ],
  });
  assert.deepEqual(images, [
    {
      file: "a.png",
      width: 20,
      height: 10,
      objects: [
        { classIndex: 1, label: "Square", box, mask: "a.mask0.png" },
        // Fractional boxes widen to whole pixels: x 0.5..2.5 → 0..2.
        { classIndex: 2, box: { x: 0, y: 1, width: 3, height: 3 } },
        { classIndex: 0, label: "circle", box },
      ],
    },
    {
      file: "sub/b.png",
      objects: [{ classIndex: 2, label: "triangle", box }],
    },
  ]);
  // Without model labels an index still works, with the name kept.
  assert.equal(
    one({ class: "x", classIndex: 1, box }, null)[0].objects[0].classIndex,
    1,
  );
});

Deno.test("parseAnnotations() errors name the file, the object and the fix", () => {
  const cases: [unknown, RegExp, ErrorConstructor][] = [
    [
      "{ images: [",
      /^Annotations "ann.json" are not valid JSON \(.*\); fix the file$/,
      SyntaxError,
    ],
    [[], /need an object with an "images" array/, TypeError],
    [{ images: [] }, /list no images; add some/, RangeError],
    [{ images: [{ objects: [] }] }, /images\[0\] has no "file"/, TypeError],
    [
      { images: [{ file: "a.png" }] },
      /images\[0\] \("a.png"\) has no "objects"; list at least one/,
      TypeError,
    ],
    [
      {
        images: [{
          file: "a.png",
          width: -3,
          objects: [{ class: "circle", box }],
        }],
      },
      /has width -3; give a whole number/,
      RangeError,
    ],
  ];
  for (const [json, message, type] of cases) {
    assert.throws(
      () => parse(json),
      (e) => e instanceof type && message.test((e as Error).message),
      String(message),
    );
  }
  const objectCases: [Record<string, unknown>, RegExp][] = [
    [
      { class: "hexagon", box },
      /images\[0\] \("a.png"\) objects\[0\] has class "hexagon", which the model does not know \(circle, square, triangle\); fix the name or evaluate with the matching --model/,
    ],
    [
      { class: "circle", classIndex: 2, box },
      /has class "circle" \(class 0 of the model\) but classIndex 2; make them agree/,
    ],
    [{ classIndex: 3, box }, /classIndex 3 but the model has classes 0..2/],
    [
      { classIndex: 1.5, box },
      /classIndex 1.5; use a whole number from 0 to 2/,
    ],
    [{ box }, /has no class; give "class" \(a name\) or "classIndex"/],
    [{ class: 4, box }, /give the class name as a string/],
    [
      { class: "circle" },
      /has box undefined; give \{"x", "y", "width", "height"\} in pixels/,
    ],
    [
      { class: "circle", box: { x: 0, y: 0, width: 0, height: 3 } },
      /x and y must be ≥ 0 and width and height > 0/,
    ],
    [
      { class: "circle", box: { x: -1, y: 0, width: 2, height: 3 } },
      /x and y must be ≥ 0/,
    ],
    [
      { class: "circle", box: { x: "1", y: 0, width: 2, height: 3 } },
      /give \{"x", "y", "width", "height"\}/,
    ],
    [{ class: "circle", box, mask: 7 }, /has "mask" 7; give a PNG path/],
  ];
  for (const [object, message] of objectCases) {
    assert.throws(() => one(object), message);
  }
  assert.throws(
    () => one({ class: "circle", box }, null),
    /names class "circle" but the model has no class names; add "classIndex" or give the model's labels/,
  );
});

Deno.test("checkAnnotatedImage() checks the declared size and that boxes fit", () => {
  const [image] = parse({
    images: [{
      file: "a.png",
      width: 10,
      objects: [{ class: "circle", box: { x: 6, y: 0, width: 4, height: 4 } }],
    }],
  });
  checkAnnotatedImage(image, { width: 10, height: 5 });
  assert.throws(
    () => checkAnnotatedImage(image, { width: 12, height: 5 }),
    /Image "a.png" is 12×5 but its annotation says 10×\?; fix the annotation or the image/,
  );
  const [wide] = parse({
    images: [{
      file: "b.png",
      objects: [{ class: "circle", box: { x: 6, y: 0, width: 5, height: 4 } }],
    }],
  });
  assert.throws(
    () => checkAnnotatedImage(wide, { width: 10, height: 5 }),
    /Image "b.png" object 0 has box \{"x":6,"y":0,"width":5,"height":4\}, which reaches outside the 10×5 image; fix the box/,
  );
});
