/**
 * Methods by name: the registry of built-in {@linkcode CamStrategy}s.
 *
 * @module
 */
import type { CamStrategy } from "./types.ts";
import { cam } from "./cam.ts";
import { gradCam } from "./grad_cam.ts";
import { gradCamPlusPlus } from "./grad_cam_plus_plus.ts";

const STRATEGIES: readonly CamStrategy[] = [cam, gradCam, gradCamPlusPlus];

/**
 * Names of the built-in methods, in the order `"all"` expands to.
 *
 * @example
 * ```ts
 * import { METHOD_NAMES } from "./methods.ts";
 * if (!METHOD_NAMES.includes("grad-cam++")) throw new Error("missing");
 * ```
 */
export const METHOD_NAMES: readonly string[] = STRATEGIES.map((s) => s.name);

/**
 * A method given by name (case-insensitive) or as a strategy object, which
 * passes through unchanged. Unknown names throw a `RangeError` that lists the
 * valid ones.
 *
 * @example
 * ```ts
 * import { resolveMethod } from "./methods.ts";
 * if (resolveMethod("Grad-CAM").name !== "grad-cam") throw new Error("name");
 * ```
 */
export function resolveMethod(method: string | CamStrategy): CamStrategy {
  if (typeof method !== "string") return method;
  const name = method.trim().toLowerCase();
  const found = STRATEGIES.find((s) => s.name === name);
  if (found === undefined) {
    throw new RangeError(
      `Unknown method "${method}": use one of ${METHOD_NAMES.join(", ")}`,
    );
  }
  return found;
}

/**
 * Methods from a comma-separated list such as `"cam,grad-cam++"`; `"all"`
 * stands for every built-in method. Duplicates are dropped, first mention
 * wins the order. An empty list or unknown name throws a `RangeError`.
 *
 * @example
 * ```ts
 * import { parseMethods } from "./methods.ts";
 * const names = parseMethods("grad-cam, all").map((m) => m.name);
 * if (names.join() !== "grad-cam,cam,grad-cam++") throw new Error(String(names));
 * ```
 */
export function parseMethods(list: string): CamStrategy[] {
  const methods = new Set<CamStrategy>();
  for (const item of list.split(",")) {
    const name = item.trim();
    if (name === "") continue;
    if (name.toLowerCase() === "all") {
      STRATEGIES.forEach((s) => methods.add(s));
    } else {
      try {
        methods.add(resolveMethod(name));
      } catch (error) {
        throw new RangeError(`${(error as Error).message}, or all`);
      }
    }
  }
  if (methods.size === 0) {
    throw new RangeError(
      `Empty method list "${list}": use one or more of ${
        METHOD_NAMES.join(", ")
      }, or all`,
    );
  }
  return [...methods];
}
