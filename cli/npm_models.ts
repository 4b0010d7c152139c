/**
 * Real pretrained models from npm: nsfwjs 4.4.0 ships a MobileNetV2 layers
 * model and a MobileNetV2 graph model as browserify-wrapped JSON and base64
 * weight shards. This writes them out as ordinary model folders.
 *
 * @module
 */
import { MobileNetV2Model } from "nsfwjs/models/mobilenet_v2";
import { MobileNetV2MidModel } from "nsfwjs/models/mobilenet_v2_mid";

interface Bundle {
  modelJson(): Promise<unknown>;
  weightBundles: (() => Promise<unknown>)[];
}

function base64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function writeBundle(bundle: Bundle, dir: string): Promise<string> {
  const json =
    (await bundle.modelJson() as { default: Record<string, unknown> })
      .default;
  const manifest = json.weightsManifest as { paths: string[] }[];
  const paths = manifest.flatMap((g) => g.paths);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/model.json`, JSON.stringify(json));
  for (const [i, load] of bundle.weightBundles.entries()) {
    const text = (await load() as { default: string }).default;
    await Deno.writeFile(`${dir}/${paths[i]}`, base64(text));
  }
  return `${dir}/model.json`;
}

/**
 * Writes nsfwjs's MobileNetV2 layers and graph models into `dir` (a new
 * temporary folder by default); returns their model.json paths.
 */
export async function writeNsfwModels(
  dir?: string,
): Promise<{ layers: string; graph: string }> {
  dir ??= await Deno.makeTempDir({ prefix: "camkit-nsfwjs-" });
  return {
    layers: await writeBundle(MobileNetV2Model as Bundle, `${dir}/layers`),
    graph: await writeBundle(MobileNetV2MidModel as Bundle, `${dir}/graph`),
  };
}
