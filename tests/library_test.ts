/**
 * The library as published: deno.json names the package, its version and its
 * entry points; every export of those entry points has JSDoc, and every
 * exported value a runnable `@example` (which `deno test --doc` runs); and
 * `core/` stays free of Deno-only APIs and dependencies, so that browsers and
 * edge runtimes can use it.
 */
import assert from "node:assert/strict";
import { ROOT, runProcess } from "./fixtures/run_process.ts";

const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)) as {
  name?: string;
  version?: string;
  exports?: Record<string, string>;
};

Deno.test("deno.json names the package, its version and its entry points", async () => {
  assert.match(config.name ?? "", /^@[a-z0-9-]+\/[a-z0-9-]+$/);
  assert.match(config.version ?? "", /^\d+\.\d+\.\d+(-[\w.]+)?$/);
  assert.equal(config.exports?.["."], "./mod.ts");
  for (const [name, path] of Object.entries(config.exports ?? {})) {
    assert.match(name, /^\.(\/[a-z-]+)?$/);
    assert.ok((await Deno.stat(`${ROOT}${path}`)).isFile, path);
  }
});

interface DocTag {
  kind: string;
  doc?: string;
}
interface DocDeclaration {
  kind: string;
  jsDoc?: { doc?: string; tags?: DocTag[] };
  location: { filename: string; line: number };
}
interface DocSymbol {
  name: string;
  declarations: DocDeclaration[];
}

const VALUE_KINDS = new Set(["function", "variable", "class", "enum"]);

function runnable(example: DocTag): boolean {
  // A ```ts block without `ignore` is type-checked and run by --doc.
  const fence = /```(\S*)([^\n]*)\n/.exec(example.doc ?? "");
  return fence !== null && /^(ts|typescript)?$/.test(fence[1]) &&
    !/\bignore\b/.test(fence[2]);
}

async function documentedSymbols(entry: string): Promise<DocSymbol[]> {
  // One entry point per run: deno doc shows a symbol that another entry of
  // the same run documents as a bare reference.
  const { code, stdout, stderr } = await runProcess(["doc", "--json", entry]);
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout) as {
    nodes: Record<string, { symbols: DocSymbol[] }>;
  };
  return Object.values(doc.nodes).flatMap((node) => node.symbols);
}

Deno.test("every export of the entry points has JSDoc and every value a runnable example", async () => {
  const problems: string[] = [];
  let values = 0;
  for (const entry of Object.values(config.exports ?? {})) {
    for (const symbol of await documentedSymbols(entry)) {
      for (const declaration of symbol.declarations) {
        const where = `${symbol.name} (${
          declaration.location.filename.slice(`file://${ROOT}`.length)
        }:${declaration.location.line}, exported by ${entry})`;
        if (!declaration.jsDoc?.doc?.trim()) {
          problems.push(`no JSDoc: ${where}`);
        }
        if (!VALUE_KINDS.has(declaration.kind)) continue;
        values++;
        const examples = (declaration.jsDoc?.tags ?? []).filter((t) =>
          t.kind === "example"
        );
        if (!examples.some(runnable)) {
          problems.push(`no runnable @example: ${where}`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(values > 40, `only ${values} exported values`);
});

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.isFile && path.endsWith(".ts")) yield path;
  }
}

Deno.test("core/ uses no Deno-only API and imports nothing outside core/", async () => {
  const problems: string[] = [];
  let files = 0;
  for await (const path of walk(`${ROOT}core`)) {
    if (path.endsWith("_test.ts")) continue;
    files++;
    const name = path.slice(ROOT.length);
    const text = await Deno.readTextFile(path);
    text.split("\n").forEach((line, i) => {
      if (/\bDeno\./.test(line)) {
        problems.push(`${name}:${i + 1}: ${line.trim()}`);
      }
    });
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      const specifier = match[1];
      const target = new URL(specifier, `file://${path}`).pathname;
      if (!specifier.startsWith(".") || !target.startsWith(`${ROOT}core/`)) {
        problems.push(`${name}: imports "${specifier}"`);
      }
    }
  }
  assert.ok(files > 20, `only ${files} files in core/`);
  assert.deepEqual(problems, []);
});
