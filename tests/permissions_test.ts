/**
 * Least privilege: every task in deno.json and every command in the README
 * names narrow permissions (no `-A`), and the documented `deno task` lines run
 * as users run them — `deno task` from their own folder, so exactly the
 * flags written in deno.json apply — and refuse a write outside that folder.
 * `deno task demo` runs the same way in demo_test.ts, and the bundle's README
 * commands in bundle_test.ts.
 */
import assert from "node:assert/strict";
import { denoTask, ROOT } from "./fixtures/run_process.ts";
import {
  permissionFlags,
  readmeCommands,
  shellWords,
  TASKS,
} from "./fixtures/task_flags.ts";

/** Tasks for developers, which may keep broad flags (temp folders, servers). */
const DEVELOPER_TASKS = /^(test|ok|bench(-[\w-]+)?|build-web)$/;
/** The only product tasks that may use the network. */
const NETWORK_TASKS = new Set(["cam", "serve", "compile"]);

function denoSteps(line: string): string[][] {
  return line.split("&&").map((step) => shellWords(step.trim()))
    .filter((words) =>
      words[0] === "deno" &&
      ["run", "serve", "compile", "test"].includes(words[1])
    );
}

function checkFlags(where: string, flags: readonly string[], narrow: boolean) {
  for (const flag of flags) {
    assert.ok(
      flag !== "-A" && !flag.startsWith("--allow-all"),
      `${where}: ${flag}`,
    );
    assert.ok(!/^--allow-(ffi|sys)/.test(flag), `${where}: ${flag}`);
    if (!narrow) continue;
    // Writes, environment and subprocesses always name what they allow.
    assert.ok(
      !/^--allow-(write|env|run)$/.test(flag),
      `${where}: ${flag} without a list`,
    );
  }
}

Deno.test("every deno.json task names narrow permissions", () => {
  let steps = 0;
  for (const [name, line] of Object.entries(TASKS)) {
    for (const words of denoSteps(line)) {
      steps++;
      const flags = permissionFlags(words);
      const narrow = !DEVELOPER_TASKS.test(name);
      checkFlags(`task ${name}`, flags, narrow);
      if (narrow && !NETWORK_TASKS.has(name)) {
        assert.ok(
          !flags.some((f) => f.startsWith("--allow-net")),
          `task ${name} must not use the network: ${line}`,
        );
      }
    }
  }
  assert.ok(steps >= 8, `only ${steps} deno steps in deno.json`);
  // The CLI's own tasks: the exact narrowing the README documents.
  for (const name of ["cam", "demo"]) {
    const flags = permissionFlags(shellWords(TASKS[name]));
    assert.ok(flags.includes("--allow-write=$INIT_CWD"), `${name}: ${flags}`);
    assert.ok(flags.includes("--allow-env=INIT_CWD"), `${name}: ${flags}`);
  }
});

Deno.test("every command in the README names narrow permissions", async () => {
  const commands = await readmeCommands();
  assert.ok(commands.length >= 3, commands.join("\n"));
  for (const command of commands) {
    const flags = permissionFlags(shellWords(command));
    assert.ok(flags.length > 0, `no permissions: ${command}`);
    checkFlags(command, flags, true);
  }
});

Deno.test("deno task cam and example run with their documented flags from the user's folder", async () => {
  const work = await Deno.makeTempDir({ prefix: "camkit-perm-" });
  try {
    const cwd = `${work}/user`;
    await Deno.mkdir(`${cwd}/xdg`, { recursive: true, mode: 0o700 });
    await Deno.copyFile(`${ROOT}tests/testdata/chelsea.png`, `${cwd}/cat.png`);

    const [explained, classified, layers, example] = await Promise.all([
      denoTask(cwd, "cam", ["explain", "cat.png", "--method", "all", "--json"]),
      denoTask(cwd, "cam", ["classify", "cat.png", "--json"]),
      denoTask(cwd, "cam", ["layers"]),
      denoTask(cwd, "example", []),
    ]);
    for (const run of [explained, classified, layers, example]) {
      assert.equal(run.code, 0, run.stderr);
    }
    const document = JSON.parse(explained.stdout);
    const files = document.images[0].explanations.flatMap((
      e: { files: Record<string, string> },
    ) => Object.values(e.files));
    assert.equal(files.length, 6);
    for (const file of files) {
      assert.ok(file.startsWith(`${cwd}/cam-out/`), file);
      assert.ok((await Deno.stat(file)).size > 0, file);
    }
    assert.equal(JSON.parse(classified.stdout).images[0].predictions.length, 5);
    assert.match(layers.stdout, /last_conv/);
    assert.match(example.stdout, /grad-cam\+\+/);
    await Deno.stat(`${cwd}/cam-out/chelsea.grad-cam.0.overlay.png`);

    // A folder beside the user's is outside --allow-write=$INIT_CWD.
    const outside = await denoTask(cwd, "cam", [
      "explain",
      "cat.png",
      "--out",
      "../elsewhere",
    ]);
    assert.equal(outside.code, 1);
    assert.equal(outside.stderr.trim().split("\n").length, 1, outside.stderr);
    assert.match(
      outside.stderr,
      /^cam: No write permission for ".*\/elsewhere": .*--allow-write=/,
    );
    await assert.rejects(() => Deno.stat(`${work}/elsewhere`));
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});
