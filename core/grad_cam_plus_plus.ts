/**
 * Grad-CAM++: Chattopadhyay, Sarkar, Howlader and Balasubramanian,
 * "Grad-CAM++: Generalized Gradient-based Visual Explanations for Deep
 * Convolutional Networks", WACV 2018 (arXiv:1710.11063).
 *
 * Paper Eq. 19 with the exponential trick (the score is exp(y_c), so the
 * second and third derivatives are powers of the first), as pytorch-grad-cam
 * computes it, with G = ∂y_c/∂A and S_k = Σ_ab A_kab:
 *
 *   α_kij = G_kij² / (2·G_kij² + S_k·G_kij³ + 1e-6), α_kij = 0 where G_kij = 0
 *   w_k = Σ_ij relu(G_kij)·α_kij
 *
 * For a GAP → dense head (G_kij = W_ck/(HW) everywhere) this gives
 * w_k = W_ck / (2 + W_ck·mean(A_k)) up to the 1e-6: not CAM's weights in
 * general, but W_ck/2 when the activations average to zero.
 *
 * @module
 */
import type { CamStrategy, CaptureKind, LayerCapture } from "./types.ts";
import { activationsOf, channelSums, gradientsOf } from "./_capture.ts";

/** The 1e-6 in the denominator of α, as in pytorch-grad-cam. */
const EPSILON = 1e-6;

/**
 * Grad-CAM++ (Chattopadhyay et al. 2018): w_k = Σ_ij relu(G_kij)·α_kij.
 * Needs `activations` and `gradients`. A denominator that is exactly zero
 * (only possible with negative activations) gives α = 0 instead of infinity.
 *
 * @example
 * ```ts
 * import { gradCamPlusPlus } from "./grad_cam_plus_plus.ts";
 * const activations = { height: 1, width: 2, channels: 1, data: new Float32Array([1, 1]) };
 * const gradients = { ...activations, data: new Float32Array([1, -1]) };
 * // S = 2; at G = 1: α = 1 / (2 + 2 + 1e-6); relu(-1) = 0
 * const [w] = gradCamPlusPlus.weights({ activations, gradients });
 * if (Math.abs(w - 0.25) > 1e-6) throw new Error(String(w));
 * ```
 */
export const gradCamPlusPlus: CamStrategy = {
  name: "grad-cam++",
  requires: new Set<CaptureKind>(["activations", "gradients"]),
  weights(capture: LayerCapture): Float32Array {
    const g = gradientsOf(capture, "grad-cam++");
    const sums = channelSums(activationsOf(capture));
    const { channels, data } = g;
    const weights = new Float64Array(channels);
    for (let i = 0; i < data.length; i += channels) {
      for (let k = 0; k < channels; k++) {
        const grad = data[i + k];
        if (grad <= 0) continue; // relu(G) = 0, and α = 0 where G = 0
        const g2 = grad * grad;
        const denominator = 2 * g2 + sums[k] * g2 * grad + EPSILON;
        if (denominator !== 0) weights[k] += grad * (g2 / denominator);
      }
    }
    return Float32Array.from(weights);
  },
};
