/**
 * Contact sheets: a grid of labelled image panels (for example input | CAM |
 * Grad-CAM | Grad-CAM++, one row per explained class) in one RGBA image, and
 * the marks drawn on panels (a box outline, a peak cross).
 *
 * @module
 */
import type { Box, Point, RgbaImage } from "./types.ts";
import { resizeRgba } from "./resize.ts";
import { drawText, measureText } from "./text.ts";
import { checkWholeNumber } from "./_checks.ts";

/** One panel: an image and the caption under it. */
export interface SheetPanel {
  /** The picture; scaled to the sheet's panel size. */
  readonly image: RgbaImage;
  /** One line under the picture (cut to fit the panel). */
  readonly caption: string;
}

/** Options for {@linkcode contactSheet}. */
export interface ContactSheetOptions {
  /** Column titles drawn above the first row. Default none. */
  columns?: readonly string[];
  /** Panel width and height in pixels (16–2048). Default 224. */
  panelSize?: number;
  /** Pixels between panels and around the sheet. Default 8. */
  gap?: number;
  /** Background colour. Default dark grey `[32, 32, 36]`. */
  background?: readonly [number, number, number];
}

const CAPTION_SCALE = 2, TITLE_SCALE = 2;

/**
 * Lays rows of panels out on one sheet. Every row may have a different
 * number of panels; the sheet is as wide as the longest row.
 *
 * @example
 * ```ts
 * import { contactSheet } from "./contact_sheet.ts";
 * const red = { width: 1, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255]) };
 * const sheet = contactSheet([[{ image: red, caption: "red" }]], { panelSize: 32, gap: 4 });
 * if (sheet.width !== 40) throw new Error(String(sheet.width));
 * // The panel's top-left pixel is red.
 * if (sheet.data[(4 * sheet.width + 4) * 4] !== 255) throw new Error("no panel");
 * ```
 */
export function contactSheet(
  rows: readonly (readonly SheetPanel[])[],
  options: ContactSheetOptions = {},
): RgbaImage {
  const size = options.panelSize ?? 224;
  checkWholeNumber(size, [16, 2048], "Panel size");
  const gap = options.gap ?? 8;
  const columns = options.columns ?? [];
  const captionHeight = measureText("X", CAPTION_SCALE).height + gap;
  const titleHeight = columns.length > 0
    ? measureText("X", TITLE_SCALE).height + gap
    : 0;
  const count = Math.max(columns.length, ...rows.map((row) => row.length), 1);
  const width = gap + count * (size + gap);
  const rowHeight = size + captionHeight + gap;
  const height = gap + titleHeight + rows.length * rowHeight;
  const [r, g, b] = options.background ?? [32, 32, 36];
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    data.set([r, g, b, 255], p * 4);
  }
  const sheet: RgbaImage = { width, height, data };
  const maxChars = (scale: number) => Math.floor((size + 1) / (6 * scale));
  columns.forEach((title, i) => {
    drawText(sheet, title.slice(0, maxChars(TITLE_SCALE)), {
      x: gap + i * (size + gap),
      y: gap,
      scale: TITLE_SCALE,
      color: [255, 220, 120],
    });
  });
  rows.forEach((row, j) => {
    const top = gap + titleHeight + j * rowHeight;
    row.forEach((panel, i) => {
      const left = gap + i * (size + gap);
      paste(sheet, fit(panel.image, size), left, top);
      drawText(sheet, panel.caption.slice(0, maxChars(CAPTION_SCALE)), {
        x: left,
        y: top + size + gap / 2,
        scale: CAPTION_SCALE,
      });
    });
  });
  return sheet;
}

/** Scales `image` to fit a `size`×`size` square, keeping its aspect. */
function fit(image: RgbaImage, size: number): RgbaImage {
  const scale = size / Math.max(image.width, image.height);
  return resizeRgba(image, {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  });
}

function paste(into: RgbaImage, image: RgbaImage, x0: number, y0: number) {
  for (let y = 0; y < image.height; y++) {
    const from = y * image.width * 4;
    into.data.set(
      image.data.subarray(from, from + image.width * 4),
      ((y0 + y) * into.width + x0) * 4,
    );
  }
}

/** Options for the marks drawn by {@linkcode drawBox} and {@linkcode drawCross}. */
export interface MarkOptions {
  /** RGB colour. Default green `[0, 255, 0]` for boxes, white for crosses. */
  color?: readonly [number, number, number];
}

/**
 * Draws the one-pixel outline of `box` onto `image` in place (clipped).
 *
 * @example
 * ```ts
 * import { drawBox } from "./contact_sheet.ts";
 * const image = { width: 4, height: 4, data: new Uint8ClampedArray(64) };
 * drawBox(image, { x: 1, y: 1, width: 2, height: 2 });
 * if (image.data[(1 * 4 + 1) * 4 + 1] !== 255) throw new Error("no corner");
 * ```
 */
export function drawBox(
  image: RgbaImage,
  box: Box,
  options: MarkOptions = {},
): void {
  const color = options.color ?? [0, 255, 0];
  const right = box.x + box.width - 1, bottom = box.y + box.height - 1;
  for (let x = box.x; x <= right; x++) {
    setPixel(image, x, box.y, color);
    setPixel(image, x, bottom, color);
  }
  for (let y = box.y; y <= bottom; y++) {
    setPixel(image, box.x, y, color);
    setPixel(image, right, y, color);
  }
}

/**
 * Draws a small cross (arms of `radius` pixels, default 3) centred on
 * `point` onto `image` in place, with a dark outline so it shows on any map.
 *
 * @example
 * ```ts
 * import { drawCross } from "./contact_sheet.ts";
 * const image = { width: 9, height: 9, data: new Uint8ClampedArray(9 * 9 * 4) };
 * drawCross(image, { x: 4, y: 4 });
 * if (image.data[(4 * 9 + 4) * 4] !== 255) throw new Error("no centre");
 * ```
 */
export function drawCross(
  image: RgbaImage,
  point: Point,
  options: MarkOptions & { radius?: number } = {},
): void {
  const color = options.color ?? [255, 255, 255];
  const radius = options.radius ?? 3;
  for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
    for (let d = -radius; d <= radius; d++) {
      setPixel(image, point.x + d + dx, point.y + dy, [0, 0, 0]);
      setPixel(image, point.x + dx, point.y + d + dy, [0, 0, 0]);
    }
  }
  for (let d = -radius; d <= radius; d++) {
    setPixel(image, point.x + d, point.y, color);
    setPixel(image, point.x, point.y + d, color);
  }
}

function setPixel(
  image: RgbaImage,
  x: number,
  y: number,
  [r, g, b]: readonly number[],
): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const p = (y * image.width + x) * 4;
  image.data[p] = r;
  image.data[p + 1] = g;
  image.data[p + 2] = b;
  image.data[p + 3] = 255;
}
