/**
 * `cam demo`: the built-in demo. Generates shapes scenes (one of each class
 * and three two-object scenes), explains every object with CAM, Grad-CAM and
 * Grad-CAM++ using the embedded demo model, writes the scenes, the overlays
 * and one contact sheet, and prints whether each map's peak fell on its
 * object. Offline, no arguments.
 *
 * @module
 */
import { encodePng } from "../backends/image_io.ts";
import type { CliArgs } from "./args.ts";
import type { CommandContext } from "./context.ts";
import { prepareOutDir, writeAll } from "./files.ts";
import { resolveUserPath } from "./paths.ts";
import {
  DEMO_METHODS,
  demoSheet,
  POINTING_TOLERANCE,
  runDemo,
} from "./demo_scenes.ts";

/** The contact sheet's file name inside the output folder. */
export const SHEET_NAME = "demo_contact_sheet.png";

/** Runs `cam demo`; returns the exit code. */
export async function demoCommand(
  args: CliArgs,
  context: CommandContext,
): Promise<number> {
  const started = performance.now();
  const rows = await runDemo(context.model, {
    layer: context.layer,
    preprocess: context.preprocess,
  });
  const out = resolveUserPath(args.out);
  await prepareOutDir(out);
  await Deno.mkdir(`${out}/demo`, { recursive: true });
  const files = new Map<string, Uint8Array>();
  for (const row of rows) {
    const input = `${out}/demo/${row.name}.png`;
    if (!files.has(input)) files.set(input, await encodePng(row.image));
    for (const cell of row.cells) {
      files.set(
        `${out}/demo/${row.name}.${cell.method}.${row.classIndex}.overlay.png`,
        await encodePng(cell.overlay),
      );
    }
  }
  const sheet = `${out}/${SHEET_NAME}`;
  files.set(sheet, await encodePng(demoSheet(rows)));
  await writeAll(files);
  const seconds = (performance.now() - started) / 1000;
  const hits = DEMO_METHODS.map((_, m) =>
    rows.filter((row) => row.cells[m]?.hit).length
  );
  if (args.json) {
    console.log(JSON.stringify(
      {
        backend: context.backend,
        model: context.model.source,
        layer: context.layer,
        contactSheet: sheet,
        tolerance: POINTING_TOLERANCE,
        rows: rows.map((row) => ({
          image: `${out}/demo/${row.name}.png`,
          classIndex: row.classIndex,
          label: row.label,
          probability: row.probability,
          predicted: row.predicted,
          box: row.scene.objects[row.objectIndex].box,
          methods: row.cells.map((cell) => ({
            method: cell.method,
            peak: cell.peak,
            hit: cell.hit,
            ms: Math.round(cell.ms * 10) / 10,
          })),
        })),
        hits: Object.fromEntries(DEMO_METHODS.map((m, i) => [m, hits[i]])),
        objects: rows.length,
        seconds: Math.round(seconds * 10) / 10,
      },
      null,
      2,
    ));
    return 0;
  }
  const table = [
    ["image", "class", "prob", "CAM", "Grad-CAM", "Grad-CAM++"],
    ...rows.map((row) => [
      `${row.name}.png`,
      row.label,
      row.probability.toFixed(3),
      ...row.cells.map((cell) => cell.hit ? "on object" : "off"),
    ]),
  ];
  const widths = table[0].map((_, c) =>
    Math.max(...table.map((line) => line[c].length))
  );
  for (const line of table) {
    console.log(line.map((cell, c) => cell.padEnd(widths[c])).join("  "));
  }
  console.log(
    `\nPeak on the object (within ${POINTING_TOLERANCE} px): ` +
      DEMO_METHODS.map((m, i) => `${m} ${hits[i]}/${rows.length}`).join(
        ", ",
      ) +
      `\nContact sheet: ${sheet}\nOverlays: ${out}/demo/ · ${
        seconds.toFixed(1)
      } s on ${context.backend}`,
  );
  return 0;
}
