import assert from "node:assert/strict";
import { cam } from "./cam.ts";
import { gradCam } from "./grad_cam.ts";
import { gradCamPlusPlus } from "./grad_cam_plus_plus.ts";
import { METHOD_NAMES, parseMethods, resolveMethod } from "./methods.ts";
import type { CamStrategy } from "./types.ts";

Deno.test("METHOD_NAMES lists the built-in methods in order", () => {
  assert.deepEqual(METHOD_NAMES, ["cam", "grad-cam", "grad-cam++"]);
});

Deno.test("resolveMethod() finds methods by name, ignoring case and spaces", () => {
  assert.equal(resolveMethod("cam"), cam);
  assert.equal(resolveMethod(" Grad-CAM "), gradCam);
  assert.equal(resolveMethod("grad-cam++"), gradCamPlusPlus);
});

Deno.test("resolveMethod() passes strategy objects through", () => {
  const custom: CamStrategy = {
    name: "ones",
    requires: new Set(["activations"]),
    weights: (c) => new Float32Array(c.activations.channels).fill(1),
  };
  assert.equal(resolveMethod(custom), custom);
});

Deno.test("resolveMethod() names the valid methods for an unknown one", () => {
  assert.throws(() => resolveMethod("foo"), {
    name: "RangeError",
    message: 'Unknown method "foo": use one of cam, grad-cam, grad-cam++',
  });
});

Deno.test("parseMethods() reads comma lists, expands all, and dedupes in order", () => {
  const names = (list: string) => parseMethods(list).map((m) => m.name);
  assert.deepEqual(names("grad-cam"), ["grad-cam"]);
  assert.deepEqual(names("grad-cam++, cam,"), ["grad-cam++", "cam"]);
  assert.deepEqual(names("all"), ["cam", "grad-cam", "grad-cam++"]);
  assert.deepEqual(names("grad-cam++,all,cam"), [
    "grad-cam++",
    "cam",
    "grad-cam",
  ]);
});

Deno.test("parseMethods() rejects empty lists and unknown names", () => {
  assert.throws(() => parseMethods(" , "), {
    name: "RangeError",
    message: /Empty method list/,
  });
  assert.throws(() => parseMethods("cam,foo"), {
    name: "RangeError",
    message: /Unknown method "foo"/,
  });
});
