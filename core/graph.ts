/**
 * The abstract model graph: what a model must offer for camkit to explain it.
 * Backends implement {@linkcode CamModel}; `core/` only depends on this shape.
 *
 * @module
 */
import type { LayerCapture } from "./types.ts";

/** One layer (layers model) or node (graph model). */
export interface LayerInfo {
  /** Unique name, usable as `--layer`. */
  readonly name: string;
  /** Layer class or op, for example `"Conv2D"`. */
  readonly kind: string;
  /** Output shape without the batch dimension, `null` where unknown. */
  readonly outputShape: readonly (number | null)[];
}

/** Which score a class is explained by. */
export type ScoreKind = "logit" | "softmax";

/** A preprocessed batch of images in NHWC layout. */
export interface InputBatch {
  /** `batch * height * width * channels` values. */
  readonly data: Float32Array;
  /** Number of images. */
  readonly batch: number;
  /** Model input height. */
  readonly height: number;
  /** Model input width. */
  readonly width: number;
  /** Model input channels. */
  readonly channels: number;
}

/** What to capture in one pass. */
export interface CaptureRequest {
  /** Layer to explain. */
  readonly layer: string;
  /**
   * For each image of the batch, the classes to explain. When absent, each
   * image's `top` highest-scoring classes are explained (one forward pass).
   */
  readonly classes?: readonly (readonly number[])[];
  /** How many top classes to explain when `classes` is absent. Default 1. */
  readonly top?: number;
  /** Score to differentiate; `"logit"` unless asked otherwise. */
  readonly score: ScoreKind;
  /** Whether gradients are needed (Grad-CAM family). */
  readonly gradients: boolean;
  /** Whether CAM's classifier weights are needed. */
  readonly classifierWeights: boolean;
}

/** The model's outputs for one image. */
export interface Prediction {
  /** Pre-softmax logits. */
  readonly logits: Float32Array;
  /** Softmax probabilities. */
  readonly probabilities: Float32Array;
}

/** Captures for one image: one per requested class, plus the predictions. */
export interface ImageCapture extends Prediction {
  /** The classes explained, in the order of `captures`. */
  readonly classes: readonly number[];
  /** `captures[i]` belongs to the i-th requested class of this image. */
  readonly captures: readonly LayerCapture[];
}

/** Whether CAM applies at a layer, and why not when it does not. */
export type LinearHead = { readonly ok: true } | {
  readonly ok: false;
  readonly reason: string;
};

/** What a model must offer: layers, a default target, captures as values. */
export interface CamModel {
  /** Where the model came from (path or URL). */
  readonly source: string;
  /** Input `[height, width, channels]`. */
  readonly inputShape: readonly [number, number, number];
  /** Number of classes (length of the logits). */
  readonly numClasses: number;
  /** Layers in execution order. */
  readonly layers: readonly LayerInfo[];
  /** The last layer whose output still has height and width > 1. */
  readonly defaultLayer: string;
  /** Whether everything after `layer` is linear and spatially pooled. */
  linearHead(layer: string): LinearHead;
  /** Logits and probabilities for a batch. */
  predict(input: InputBatch): Promise<Prediction[]>;
  /** One forward pass, then activations, gradients and weights as values. */
  capture(input: InputBatch, request: CaptureRequest): Promise<ImageCapture[]>;
  /** Frees the model's weights. */
  dispose(): void;
}
