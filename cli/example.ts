/**
 * `deno task example`: explains the bundled cat photo with a real pretrained
 * model that npm ships (nsfwjs's MobileNetV2 graph model, five classes:
 * drawing, hentai, neutral, porn, sexy), with CAM, Grad-CAM and Grad-CAM++.
 * Offline once dependencies are installed. Writes into `cam-out/`.
 *
 * @module
 */
import { main } from "./main.ts";
import { writeNsfwModels } from "./npm_models.ts";
import { resolveUserPath } from "./paths.ts";

const out = resolveUserPath("cam-out");
const modelDir = `${out}/models/nsfwjs-mobilenet-v2`;
const graph = `${modelDir}/graph/model.json`;
if (!(await Deno.stat(graph).then(() => true, () => false))) {
  await writeNsfwModels(modelDir);
  await Deno.writeTextFile(
    `${modelDir}/graph/labels.json`,
    JSON.stringify(["drawing", "hentai", "neutral", "porn", "sexy"]),
  );
}
const image =
  new URL("../tests/testdata/chelsea.png", import.meta.url).pathname;
Deno.exit(
  await main([
    "explain",
    image,
    "--model",
    graph,
    "--method",
    "all",
    "--out",
    out,
    ...Deno.args,
  ]),
);
