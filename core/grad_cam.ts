/**
 * Grad-CAM: Selvaraju, Cogswell, Das, Vedantam, Parikh and Batra, "Grad-CAM:
 * Visual Explanations from Deep Networks via Gradient-based Localization",
 * ICCV 2017 (arXiv:1610.02391).
 *
 * The weight of channel k is the global average of the gradient of the class
 * logit y_c with respect to that channel's activations, G = ∂y_c/∂A:
 * w_k = (1/HW) Σ_ij G_kij. For a GAP → dense head G_kij = W_ck/(HW), so
 * Grad-CAM's weights are CAM's divided by HW: the same map up to scale.
 *
 * @module
 */
import type { CamStrategy, CaptureKind, LayerCapture } from "./types.ts";
import { channelSums, gradientsOf } from "./_capture.ts";

/**
 * Grad-CAM (Selvaraju et al. 2017): w_k = mean over positions of ∂y_c/∂A_k.
 * Needs `activations` and `gradients`; `weights()` throws a `TypeError` when
 * the gradients are missing or do not match the activations.
 *
 * @example
 * ```ts
 * import { gradCam } from "./grad_cam.ts";
 * const activations = { height: 1, width: 2, channels: 1, data: new Float32Array([1, 1]) };
 * const gradients = { ...activations, data: new Float32Array([1, 3]) };
 * const w = gradCam.weights({ activations, gradients }); // (1 + 3) / 2
 * if (w[0] !== 2) throw new Error(String(w));
 * ```
 */
export const gradCam: CamStrategy = {
  name: "grad-cam",
  requires: new Set<CaptureKind>(["activations", "gradients"]),
  weights(capture: LayerCapture): Float32Array {
    const g = gradientsOf(capture, "grad-cam");
    const area = g.height * g.width;
    return Float32Array.from(channelSums(g), (sum) => sum / area);
  },
};
