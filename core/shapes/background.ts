/**
 * Backgrounds for the shapes generator: gradients, soft texture blobs,
 * stripes and random strokes, plus sensor-like noise, and the choice of an
 * object colour that stands out from what lies under it.
 *
 * @module
 */
import type { RgbaImage } from "../types.ts";
import { blendPixel, fillShape, maskBox, type Rgb, stroke } from "./draw.ts";
import type { Random } from "./random.ts";

/** How busy a scene's background is. */
export type SceneStyle = "clutter" | "plain";

/**
 * A random colour, uniform in hue with a wide spread of saturation and value.
 *
 * @example
 * ```ts
 * import { randomColor } from "./background.ts";
 * import { createRandom } from "./random.ts";
 * const [r, g, b] = randomColor(createRandom(1));
 * if (![r, g, b].every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) throw new Error();
 * ```
 */
export function randomColor(random: Random): Rgb {
  const h = random.range(0, 6), s = random.range(0, 1);
  const v = random.range(0.15, 1);
  const f = h - Math.floor(h), p = v * (1 - s);
  const q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  const rgb =
    [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][
      Math.floor(h)
    ];
  return [
    Math.round(rgb[0] * 255),
    Math.round(rgb[1] * 255),
    Math.round(rgb[2] * 255),
  ];
}

function mixColor(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    a[0] + (b[0] - a[0]) * t,
    a[1] + (b[1] - a[1]) * t,
    a[2] + (b[2] - a[2]) * t,
  ];
}

function paintGradient(image: RgbaImage, from: Rgb, to: Rgb, angle: number) {
  const { width, height, data } = image;
  const cx = Math.cos(angle), cy = Math.sin(angle);
  const span = Math.abs(cx) * width + Math.abs(cy) * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ((x - width / 2) * cx + (y - height / 2) * cy) / span + 0.5;
      const c = mixColor(from, to, t);
      const o = (y * width + x) * 4;
      data[o] = c[0];
      data[o + 1] = c[1];
      data[o + 2] = c[2];
      data[o + 3] = 255;
    }
  }
}

/** A soft-edged ellipse whose opacity falls smoothly to zero at its rim. */
function paintBlob(image: RgbaImage, random: Random, scale: number) {
  const { width, height } = image;
  const x = random.range(0, width), y = random.range(0, height);
  const rx = random.range(6, 40) * scale, ry = rx * random.range(0.4, 1);
  const angle = random.range(0, Math.PI), opacity = random.range(0.3, 0.9);
  const color = randomColor(random);
  const cos = Math.cos(angle), sin = Math.sin(angle);
  const x0 = Math.max(0, Math.floor(x - rx)),
    x1 = Math.min(width, Math.ceil(x + rx));
  const y0 = Math.max(0, Math.floor(y - rx)),
    y1 = Math.min(height, Math.ceil(y + rx));
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const dx = px + 0.5 - x, dy = py + 0.5 - y;
      const u = (dx * cos + dy * sin) / rx, v = (dy * cos - dx * sin) / ry;
      const q = 1 - (u * u + v * v);
      if (q > 0) blendPixel(image, py * width + px, color, opacity * q * q);
    }
  }
}

/** Faint sinusoidal stripes over the whole image (a texture). */
function paintStripes(image: RgbaImage, random: Random, scale: number) {
  const { width, height } = image;
  const angle = random.range(0, Math.PI), period = random.range(4, 16) * scale;
  const opacity = random.range(0.1, 0.35), color = randomColor(random);
  const kx = Math.cos(angle) * 2 * Math.PI / period;
  const ky = Math.sin(angle) * 2 * Math.PI / period;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = 0.5 + 0.5 * Math.sin(x * kx + y * ky);
      blendPixel(image, y * width + x, color, opacity * s);
    }
  }
}

/** A thin stroke or a short polyline of random colour. */
function paintLine(image: RgbaImage, random: Random, scale: number) {
  const size = Math.max(image.width, image.height);
  const width = random.range(0.8, 3) * scale, opacity = random.range(0.5, 1);
  const color = randomColor(random);
  let from = {
    x: random.range(-10, size + 10),
    y: random.range(-10, size + 10),
  };
  const segments = random.chance(0.3) ? random.int(2, 4) : 1;
  for (let i = 0; i < segments; i++) {
    const length = random.range(0.15, 1) * size / segments;
    const angle = random.range(0, 2 * Math.PI);
    const to = {
      x: from.x + length * Math.cos(angle),
      y: from.y + length * Math.sin(angle),
    };
    fillShape(image, stroke({ from, to, width }), { color, opacity });
    from = to;
  }
}

/** Options for {@linkcode paintBackground}. */
export interface BackgroundOptions {
  /** `"clutter"` or `"plain"`. */
  style: SceneStyle;
  /** For `"clutter"`: how much, in [0, 1]; scales blob and stroke counts. */
  clutter: number;
}

/**
 * Paints a fresh background over the whole image: for `"clutter"` a gradient
 * between two random colours, then (at `clutter` 1) 3–8 soft blobs, stripes
 * 40% of the time and 2–9 strokes, fewer in proportion to `clutter`; for
 * `"plain"` a faint light gradient.
 *
 * @example
 * ```ts
 * import { paintBackground } from "./background.ts";
 * import { createRandom } from "./random.ts";
 * const image = { width: 16, height: 16, data: new Uint8ClampedArray(16 * 16 * 4) };
 * paintBackground(image, createRandom(3), { style: "clutter", clutter: 1 });
 * if (image.data[3] !== 255) throw new Error("background must be opaque");
 * ```
 */
export function paintBackground(
  image: RgbaImage,
  random: Random,
  options: BackgroundOptions,
): void {
  const angle = random.range(0, 2 * Math.PI);
  if (options.style === "plain") {
    const light = (): Rgb => {
      const base = random.range(215, 245);
      return [base + random.range(-8, 8), base + random.range(-8, 8), base];
    };
    paintGradient(image, light(), light(), angle);
    return;
  }
  const amount = options.clutter;
  const scale = Math.max(image.width, image.height) / 112;
  paintGradient(image, randomColor(random), randomColor(random), angle);
  const blobs = Math.round(amount * random.int(3, 9));
  for (let i = 0; i < blobs; i++) paintBlob(image, random, scale);
  if (random.chance(0.4 * amount)) paintStripes(image, random, scale);
  const lines = Math.round(amount * random.int(2, 10));
  for (let i = 0; i < lines; i++) paintLine(image, random, scale);
}

/**
 * Adds Gaussian noise of standard deviation `sigma` (in 8-bit levels) to every
 * colour channel.
 *
 * @example
 * ```ts
 * import { addNoise } from "./background.ts";
 * import { createRandom } from "./random.ts";
 * const image = { width: 4, height: 4, data: new Uint8ClampedArray(64).fill(128) };
 * addNoise(image, { sigma: 10, random: createRandom(1) });
 * if (image.data.every((v) => v === 128)) throw new Error("no noise");
 * ```
 */
export function addNoise(
  image: RgbaImage,
  options: { sigma: number; random: Random },
): void {
  const { sigma, random } = options;
  const data = image.data;
  for (let i = 0; i < data.length; i += 4) {
    data[i] += sigma * random.normal();
    data[i + 1] += sigma * random.normal();
    data[i + 2] += sigma * random.normal();
  }
}

/**
 * A colour for an object covering `mask` that stands out from the pixels
 * beneath and around it: at least 100 levels (RGB distance) from their mean
 * colour, and within 50 levels of at most 2% of them. Tries 24 random colours
 * and keeps the first that passes, else the best.
 *
 * @example
 * ```ts
 * import { contrastingColor } from "./background.ts";
 * import { createRandom } from "./random.ts";
 * const image = { width: 4, height: 4, data: new Uint8ClampedArray(64).fill(255) };
 * const [r, g, b] = contrastingColor(image, { mask: new Uint8Array(16).fill(1), random: createRandom(2) });
 * if (Math.hypot(255 - r, 255 - g, 255 - b) < 100) throw new Error();
 * ```
 */
export function contrastingColor(
  image: RgbaImage,
  options: { mask: Uint8Array; random: Random },
): Rgb {
  const { mask, random } = options;
  const { width, height, data } = image;
  const pixels: number[] = [];
  const pad = 2;
  const box = maskBox(mask, image);
  if (box !== undefined) {
    const x0 = Math.max(0, box.x - pad),
      x1 = Math.min(width, box.x + box.width + pad);
    const y0 = Math.max(0, box.y - pad),
      y1 = Math.min(height, box.y + box.height + pad);
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        let near = false;
        for (let dy = -pad; dy <= pad && !near; dy += pad) {
          for (let dx = -pad; dx <= pad && !near; dx += pad) {
            const yy = y + dy, xx = x + dx;
            near = yy >= 0 && yy < height && xx >= 0 && xx < width &&
              mask[yy * width + xx] === 1;
          }
        }
        if (near) pixels.push((y * width + x) * 4);
      }
    }
  }
  let mean: Rgb = [0, 0, 0];
  if (pixels.length > 0) {
    const sum = [0, 0, 0];
    for (const o of pixels) {
      sum[0] += data[o];
      sum[1] += data[o + 1];
      sum[2] += data[o + 2];
    }
    mean = [
      sum[0] / pixels.length,
      sum[1] / pixels.length,
      sum[2] / pixels.length,
    ];
  }
  let best: Rgb = [0, 0, 0];
  let bestScore = -Infinity;
  for (let attempt = 0; attempt < 24; attempt++) {
    const c = randomColor(random);
    const fromMean = Math.hypot(c[0] - mean[0], c[1] - mean[1], c[2] - mean[2]);
    let close = 0;
    for (const o of pixels) {
      const d = Math.hypot(
        c[0] - data[o],
        c[1] - data[o + 1],
        c[2] - data[o + 2],
      );
      if (d < 50) close++;
    }
    const closeFraction = pixels.length > 0 ? close / pixels.length : 0;
    if (fromMean >= 100 && closeFraction <= 0.02) return c;
    const score = Math.min(fromMean, 100) / 100 - 4 * closeFraction;
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}
