/**
 * `deno task demo` end to end: the README's first command, run as a real
 * subprocess from an empty folder, with no arguments and no network.
 */
import assert from "node:assert/strict";
import { decodeImage } from "../backends/image_io.ts";
import { denoTask } from "./fixtures/run_process.ts";

Deno.test("deno task demo writes the contact sheet, the overlays and the table", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "camkit-demo-" });
  try {
    const run = (...extra: string[]) => denoTask(cwd, "demo", extra);
    const text = await run();
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trim().split("\n");
    assert.match(
      lines[0],
      /^image\s+class\s+prob\s+CAM\s+Grad-CAM\s+Grad-CAM\+\+/,
    );
    // Six one-object scenes and three two-object scenes: 12 object rows.
    const rows = lines.slice(1).filter((line) => /^demo\d+_/.test(line));
    assert.equal(rows.length, 12);
    assert.match(
      text.stdout,
      /Peak on the object \(within 15 px\): cam \d+\/12/,
    );

    const sheet = await Deno.readFile(`${cwd}/cam-out/demo_contact_sheet.png`);
    const image = await decodeImage(sheet);
    // A title row plus 12 rows of 224-pixel panels, four columns.
    assert.equal(image.width, 8 + 4 * (224 + 8));
    assert.ok(image.height > 12 * 224);
    const names = [];
    for await (const entry of Deno.readDir(`${cwd}/cam-out/demo`)) {
      names.push(entry.name);
    }
    assert.equal(names.filter((n) => n.endsWith(".overlay.png")).length, 36);
    assert.equal(
      names.filter((n) => /^demo\d+_[a-z+]+\.png$/.test(n)).length,
      9,
    );
    assert.ok(!names.some((n) => n.includes(".tmp")));

    const json = await run("--json");
    assert.equal(json.code, 0, json.stderr);
    const document = JSON.parse(json.stdout);
    assert.equal(document.objects, 12);
    assert.equal(document.rows[0].label, "circle");
    // The demo model is good: almost every peak lands on its object.
    for (const method of ["cam", "grad-cam", "grad-cam++"]) {
      assert.ok(
        document.hits[method] >= 10,
        `${method}: ${document.hits[method]}`,
      );
    }
    const one = document.rows.filter((r: { image: string }) =>
      !r.image.includes("+")
    );
    assert.ok(
      one.every((r: { predicted: number; classIndex: number }) =>
        r.predicted === r.classIndex
      ),
    );

    const refused = await run("--model", "other/model.json");
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /cam demo takes no images and no --model/);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
