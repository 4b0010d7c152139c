/**
 * CAM, the original class activation map: Zhou, Khosla, Lapedriza, Oliva and
 * Torralba, "Learning Deep Features for Discriminative Localization", CVPR
 * 2016 (arXiv:1512.04150).
 *
 * When everything between the target layer and the class logit y_c is linear
 * and spatially pooled (GAP → dense, GAP → 1×1 conv, 1×1 conv → GAP), y_c is
 * a weighted sum of the pooled channels and the map is M = Σ_k w_k A_k with
 * w_k the effective linear weight from channel k to class c. The backend
 * works those weights out and hands them over as `classifierWeights`.
 *
 * @module
 */
import type { CamStrategy, CaptureKind, LayerCapture } from "./types.ts";
import { classifierWeightsOf } from "./_capture.ts";

/**
 * CAM (Zhou et al. 2016): w_k = the classifier's weight from channel k to the
 * class. Needs `activations` and `classifierWeights`; `weights()` throws a
 * `TypeError` when the weights are missing or not one per channel.
 *
 * @example
 * ```ts
 * import { cam } from "./cam.ts";
 * const activations = { height: 1, width: 1, channels: 2, data: new Float32Array([3, 4]) };
 * const w = cam.weights({ activations, classifierWeights: new Float32Array([0.5, -1]) });
 * if (w.join() !== "0.5,-1") throw new Error(String(w));
 * ```
 */
export const cam: CamStrategy = {
  name: "cam",
  requires: new Set<CaptureKind>(["activations", "classifierWeights"]),
  weights(capture: LayerCapture): Float32Array {
    return classifierWeightsOf(capture, "cam").slice();
  },
};
