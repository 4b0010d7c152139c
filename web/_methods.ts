/**
 * The methods the page explains with and shows side by side, and their
 * display names (also used by the API's HTML answer). Private to `web/`.
 *
 * @module
 */

/**
 * The methods the page computes and shows, in order.
 *
 * @example
 * ```ts
 * import { PAGE_METHODS } from "./_methods.ts";
 * if (PAGE_METHODS.join() !== "cam,grad-cam,grad-cam++") throw new Error();
 * ```
 */
export const PAGE_METHODS = ["cam", "grad-cam", "grad-cam++"] as const;

/**
 * Display names of the methods.
 *
 * @example
 * ```ts
 * import { METHOD_TITLES } from "./_methods.ts";
 * if (METHOD_TITLES["grad-cam++"] !== "Grad-CAM++") throw new Error();
 * ```
 */
export const METHOD_TITLES: Readonly<Record<string, string>> = {
  "cam": "CAM",
  "grad-cam": "Grad-CAM",
  "grad-cam++": "Grad-CAM++",
};
