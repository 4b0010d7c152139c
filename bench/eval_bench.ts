/**
 * `deno task bench-eval`: the demo model's explanation quality as recorded in
 * its model card. Writes the held-out shapes sets with `cam shapes` (500
 * one-object scenes, seeds −1…−500; 200 two-object scenes, seeds
 * −2000000…−2000199; masks included), runs `cam eval --method all --backend
 * wasm --json` on each as a subprocess with the `cam` task's permissions,
 * and writes `bench/results/<date>-eval.{json,md}`.
 *
 * Options: `--one N` (500), `--two N` (200), `--steps N` (16),
 * `--from DIR` (reuse `one.json` and `two.json` from an earlier run's work
 * folder instead of running), `--keep` (keep the work folder).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { cam, type CamRun } from "../tests/fixtures/cam_process.ts";
import { makeRunFolder } from "../tests/fixtures/run_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    one: { type: "string" },
    two: { type: "string" },
    steps: { type: "string" },
    from: { type: "string" },
    keep: { type: "boolean" },
  },
});
const one = Number(values.one ?? 500);
const two = Number(values.two ?? 200);
const steps = Number(values.steps ?? 16);

/** The `cam` command lines, as a user types them (from the work folder). */
const COMMANDS = {
  one: [
    ["shapes", "one", "--count", String(one), "--masks"],
    ["eval", "one", "--backend", "wasm", "--steps", String(steps), "--json"],
  ],
  two: [
    ["shapes", "two", "--count", String(two), "--objects", "2", "--masks"],
    ["eval", "two", "--backend", "wasm", "--steps", String(steps), "--json"],
  ],
};

function check(run: CamRun, what: string): string {
  if (run.code !== 0) {
    throw new Error(`${what} failed (exit ${run.code}): ${run.stderr.trim()}`);
  }
  return run.stdout;
}

// deno-lint-ignore no-explicit-any
type Report = any;

async function measure(work: string, set: "one" | "two"): Promise<Report> {
  const [shapes, evaluate] = COMMANDS[set];
  check(await cam(work, shapes), `cam ${shapes.join(" ")}`);
  console.error(`cam ${evaluate.join(" ")} …`);
  const started = performance.now();
  const out = check(await cam(work, evaluate), `cam ${evaluate.join(" ")}`);
  await Deno.writeTextFile(`${work}/${set}.json`, out);
  const report = JSON.parse(out);
  console.error(
    `  ${report.images} images in ${
      ((performance.now() - started) / 1000).toFixed(0)
    } s`,
  );
  return report;
}

const work = values.from ?? await makeRunFolder("camkit-bench-eval-");
const reports: Record<"one" | "two", Report> = values.from
  ? {
    one: JSON.parse(await Deno.readTextFile(`${work}/one.json`)),
    two: JSON.parse(await Deno.readTextFile(`${work}/two.json`)),
  }
  : { one: await measure(work, "one"), two: await measure(work, "two") };
if (!values.from && !values.keep) await Deno.remove(work, { recursive: true });

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function table(report: Report): string[] {
  const multi = report.accuracy === null;
  const rows = [
    `| method | pointing game | energy PG | IoU ≥ 0.5 | mean IoU | Average Drop ↓ | Increase in Conf. ↑ | deletion AUC ↓ | insertion AUC ↑ |${
      multi ? " own-object peak |" : ""
    }`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${
      multi ? " ---: |" : ""
    }`,
  ];
  for (const method of report.methods) {
    const s = report.summary[method];
    rows.push(
      `| ${method} | ${pct(s.pointingGame.rate)} | ${
        f3(s.energyPointingGame)
      } | ${pct(s.localization.rate)} | ${f3(s.meanIou)} | ${
        s.averageDropPercent.toFixed(1)
      }% | ${s.increaseInConfidencePercent.toFixed(1)}% | ${
        f3(s.deletionAuc)
      } | ${f3(s.insertionAuc)} |${
        multi
          ? ` ${
            pct(s.ownObjectPeak.rate)
          } (${s.ownObjectPeak.hits}/${s.ownObjectPeak.total}) |`
          : ""
      }`,
    );
  }
  return rows;
}

function describe(report: Report, set: "one" | "two"): string[] {
  const command = COMMANDS[set].map((args) =>
    `deno task cam ${args.join(" ")}`
  );
  return [
    "```sh",
    ...command,
    "```",
    "",
    `${report.images} images, ${report.objects} objects, backend ${report.backend}, ${report.threads} threads, ${report.seconds} s` +
    (report.accuracy
      ? `; top-1 accuracy ${
        pct(report.accuracy.rate)
      } (${report.accuracy.hits}/${report.accuracy.total})`
      : ""),
    "",
    ...table(report),
  ];
}

const date = new Date().toISOString().slice(0, 10);
const summary = (report: Report) => {
  const { perImage: _, ...rest } = report;
  return rest;
};
const result = {
  date,
  deno: Deno.version.deno,
  cores: navigator.hardwareConcurrency,
  commands: COMMANDS,
  oneObject: summary(reports.one),
  twoObjects: summary(reports.two),
};
await Deno.writeTextFile(
  new URL(`results/${date}-eval.json`, import.meta.url),
  JSON.stringify(result, null, 2) + "\n",
);
const md = [
  `# Explanation quality of the demo model, ${date}`,
  "",
  `Deno ${Deno.version.deno}, TF.js 4.22.0, ${navigator.hardwareConcurrency} CPU cores. ` +
  "Pointing: peak within 15 px of the object's mask; energy PG: share of the map inside the box; " +
  "IoU ≥ 0.5: CAM-paper box (largest region ≥ 20% of max); Average Drop / Increase in Confidence: " +
  "softmax on image × map (Grad-CAM++ §4.1); deletion (black) / insertion (blurred canvas, σ 5 px) AUC " +
  `over ${steps} steps (RISE); own-object peak: the class's map peaks on its own object (within 15 px, nearer than the other object).`,
  "",
  "## One object per image (held-out seeds −1…)",
  "",
  ...describe(reports.one, "one"),
  "",
  "## Two objects per image (held-out seeds −2000000…)",
  "",
  ...describe(reports.two, "two"),
  "",
].join("\n");
await Deno.writeTextFile(
  new URL(`results/${date}-eval.md`, import.meta.url),
  md,
);
console.log(md);
