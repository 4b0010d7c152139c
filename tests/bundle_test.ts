/**
 * The single-file build and the binary, end to end. `deno task bundle`'s
 * builder runs once; the bundle is copied into an empty folder outside the
 * repository and run from an empty `DENO_DIR` with `--cached-only` (nothing
 * can be downloaded), no `--allow-net`, a clean environment, and the README's
 * permission flags (its demo command may read only `cam-out`, so a read of
 * the repository, `node_modules` or the npm cache would fail). Its outputs
 * must equal the source tree's, byte for byte.
 */
import assert from "node:assert/strict";
import { buildBundle } from "../cli/build/bundle.ts";
import { cam, ROOT } from "./fixtures/cam_process.ts";
import { type ProcessRun, runProcess } from "./fixtures/run_process.ts";
import {
  permissionFlags,
  readmeCommands,
  shellWords,
  taskStep,
} from "./fixtures/task_flags.ts";

/** Runs `deno args` in `cwd` with only the variables a user's shell needs. */
function deno(
  cwd: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ProcessRun> {
  return runProcess(args, {
    cwd,
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", ...env },
  });
}

/** The README's command that runs `dist/camkit.js <command>`: its flags. */
async function readmeBundleFlags(command: string): Promise<string[]> {
  const line = (await readmeCommands()).find((l) =>
    l.startsWith("deno run ") && / dist\/camkit\.js /.test(l) &&
    shellWords(l)[shellWords(l).indexOf("dist/camkit.js") + 1] === command
  );
  assert.ok(line, `README has no "deno run ... dist/camkit.js ${command}"`);
  return permissionFlags(shellWords(line));
}

/** JSON with the run's folder, timings and file paths made comparable. */
function comparable(text: string, folder: string): unknown {
  return JSON.parse(
    text.replaceAll(folder, "<folder>"),
    (key, value) => key === "ms" || key === "seconds" ? undefined : value,
  );
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory) {
      names.push(...await listFiles(`${dir}/${entry.name}`, `${name}/`));
    } else names.push(name);
  }
  return names.sort();
}

async function assertSameFiles(a: string, b: string): Promise<number> {
  const names = await listFiles(a);
  assert.deepEqual(await listFiles(b), names);
  for (const name of names) {
    assert.deepEqual(
      await Deno.readFile(`${b}/${name}`),
      await Deno.readFile(`${a}/${name}`),
      `${name} differs`,
    );
  }
  return names.length;
}

async function makeFolder(root: string, name: string): Promise<string> {
  const dir = `${root}/${name}`;
  await Deno.mkdir(`${dir}/xdg`, { recursive: true, mode: 0o700 });
  for (const image of ["chelsea.png", "gradient.jpg"]) {
    await Deno.copyFile(`${ROOT}tests/testdata/${image}`, `${dir}/${image}`);
  }
  return dir;
}

const EXPLAIN = [
  "chelsea.png",
  "gradient.jpg",
  "--method",
  "all",
  "--save",
  "overlay,heatmap,raw",
  "--backend",
  "wasm",
  "--json",
];
const DEMO = ["--backend", "wasm", "--json"];

let bundled: Promise<string> | undefined;
/** Builds the bundle once per test run, into a folder outside the repo. */
function bundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "camkit-bundle-" });
    globalThis.addEventListener("unload", () => {
      Deno.removeSync(dir, { recursive: true });
    });
    const { path } = await buildBundle({
      out: `${dir}/camkit.js`,
      deno: Deno.execPath(),
    });
    return path;
  })();
  return bundled;
}

Deno.test("dist/camkit.js runs alone (empty DENO_DIR, no network, README flags) and matches the source tree", async () => {
  const work = await Deno.makeTempDir({ prefix: "camkit-single-" });
  try {
    const built = await bundle();
    const single = await makeFolder(work, "single");
    await Deno.copyFile(built, `${single}/camkit.js`);
    const denoDir = `${work}/deno-dir`;
    await Deno.mkdir(denoDir);
    const runBundle = async (command: string, args: readonly string[]) =>
      await deno(single, [
        "run",
        "--cached-only",
        ...await readmeBundleFlags(command),
        "camkit.js",
        command,
        ...args,
      ], { DENO_DIR: denoDir });

    const source = await makeFolder(work, "source");
    const [bundleDemo, sourceDemo] = await Promise.all([
      runBundle("demo", DEMO),
      cam(source, ["demo", ...DEMO]),
    ]);
    assert.equal(bundleDemo.code, 0, bundleDemo.stderr);
    assert.equal(sourceDemo.code, 0, sourceDemo.stderr);
    assert.deepEqual(
      comparable(bundleDemo.stdout, single),
      comparable(sourceDemo.stdout, source),
    );
    const [bundleExplain, sourceExplain] = await Promise.all([
      runBundle("explain", EXPLAIN),
      cam(source, ["explain", ...EXPLAIN]),
    ]);
    assert.equal(bundleExplain.code, 0, bundleExplain.stderr);
    assert.equal(sourceExplain.code, 0, sourceExplain.stderr);
    const explained = comparable(bundleExplain.stdout, single) as {
      backend: string;
      model: { source: string };
      images: { explanations: unknown[] }[];
    };
    assert.deepEqual(explained, comparable(sourceExplain.stdout, source));
    assert.equal(explained.backend, "wasm");
    assert.equal(explained.model.source, "camkit:demo_model/model.json");
    assert.equal(explained.images.length, 2);
    assert.equal(explained.images[0].explanations.length, 3);

    // Demo scenes, overlays, contact sheet, heat maps and raw .npy maps.
    const files = await assertSameFiles(
      `${source}/cam-out`,
      `${single}/cam-out`,
    );
    assert.ok(files > 30, `only ${files} files`);

    // Nothing was fetched or installed: Deno made an npm cache folder but
    // left it empty, and no remote module cache.
    for (const cache of ["npm", "remote"]) {
      const files = await listFiles(`${denoDir}/${cache}`).catch(() => []);
      assert.deepEqual(files, [], `${cache} cache`);
    }
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});

Deno.test("dist/camkit.js refuses what it cannot do with one line", async () => {
  const work = await Deno.makeTempDir({ prefix: "camkit-single-" });
  try {
    const single = await makeFolder(work, "single");
    await Deno.copyFile(await bundle(), `${single}/camkit.js`);
    const flags = await readmeBundleFlags("explain");
    // A write outside the folder the flags allow.
    const outside = await deno(single, [
      "run",
      ...flags,
      "camkit.js",
      "explain",
      "chelsea.png",
      "--out",
      `${work}/elsewhere`,
    ]);
    assert.equal(outside.code, 1);
    assert.match(
      outside.stderr,
      /^cam: No write permission for ".*elsewhere": .*--allow-write=/,
    );
    assert.equal(outside.stderr.trim().split("\n").length, 1, outside.stderr);
    await assert.rejects(() => Deno.stat(`${work}/elsewhere`));
    // The web server needs the source tree.
    const serve = await deno(single, ["run", ...flags, "camkit.js", "serve"]);
    assert.equal(serve.code, 2);
    assert.match(serve.stderr, /^cam: cam serve runs from the source tree/);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});

const DENORT_BIN = Deno.env.get("DENORT_BIN");
const compileSkip = DENORT_BIN
  ? ""
  : " (skipped: set DENORT_BIN to a denort 2.9.6 binary; deno compile " +
    "downloads its runtime from dl.deno.land otherwise)";
if (compileSkip) console.log(`bundle_test: deno task compile${compileSkip}`);

Deno.test({
  name:
    `deno task compile's binary runs demo and explain like the bundle${compileSkip}`,
  ignore: !DENORT_BIN,
  async fn() {
    const work = await Deno.makeTempDir({ prefix: "camkit-binary-" });
    try {
      // The task's own deno compile step, on the bundle built above.
      const step = taskStep("compile", "compile");
      const words = shellWords(step).slice(2);
      const input = words.indexOf("dist/camkit.js");
      const output = words.indexOf("--output");
      assert.ok(input > 0 && output > 0, step);
      words[input] = await bundle();
      words[output + 1] = `${work}/cam`;
      const compiled = await deno(ROOT, ["compile", ...words], {
        DENORT_BIN: DENORT_BIN!,
        DENO_DIR: `${work}/deno-dir`,
      });
      assert.equal(compiled.code, 0, compiled.stderr);

      const folder = await makeFolder(work, "binary");
      const run = (args: readonly string[]) =>
        runProcess(args, {
          program: `${work}/cam`,
          cwd: folder,
          clearEnv: true,
        });
      const source = await makeFolder(work, "source");
      for (const args of [["demo", ...DEMO], ["explain", ...EXPLAIN]]) {
        const [binary, tree] = await Promise.all([
          run(args),
          cam(source, args),
        ]);
        assert.equal(binary.code, 0, binary.stderr);
        assert.equal(tree.code, 0, tree.stderr);
        assert.deepEqual(
          comparable(binary.stdout, folder),
          comparable(tree.stdout, source),
        );
      }
      await assertSameFiles(`${source}/cam-out`, `${folder}/cam-out`);
    } finally {
      await Deno.remove(work, { recursive: true });
    }
  },
});
