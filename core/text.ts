/**
 * Text on RGBA images with a built-in 5×7 pixel font, for captions on
 * contact sheets. No font files, no dependencies: it runs anywhere `core/`
 * runs. Letters are drawn in capitals; characters the font lacks become `?`.
 *
 * @module
 */
import type { RgbaImage, Size } from "./types.ts";
import { checkWholeNumber } from "./_checks.ts";

/** Each glyph: 7 rows of 5 pixels, `#` set. */
const GLYPHS: Record<string, string> = {
  "A": ".###. #...# #...# ##### #...# #...# #...#",
  "B": "####. #...# #...# ####. #...# #...# ####.",
  "C": ".###. #...# #.... #.... #.... #...# .###.",
  "D": "####. #...# #...# #...# #...# #...# ####.",
  "E": "##### #.... #.... ####. #.... #.... #####",
  "F": "##### #.... #.... ####. #.... #.... #....",
  "G": ".###. #...# #.... #.### #...# #...# .####",
  "H": "#...# #...# #...# ##### #...# #...# #...#",
  "I": ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
  "J": "..### ...#. ...#. ...#. ...#. #..#. .##..",
  "K": "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
  "L": "#.... #.... #.... #.... #.... #.... #####",
  "M": "#...# ##.## #.#.# #.#.# #...# #...# #...#",
  "N": "#...# #...# ##..# #.#.# #..## #...# #...#",
  "O": ".###. #...# #...# #...# #...# #...# .###.",
  "P": "####. #...# #...# ####. #.... #.... #....",
  "Q": ".###. #...# #...# #...# #.#.# #..#. .##.#",
  "R": "####. #...# #...# ####. #.#.. #..#. #...#",
  "S": ".#### #.... #.... .###. ....# ....# ####.",
  "T": "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
  "U": "#...# #...# #...# #...# #...# #...# .###.",
  "V": "#...# #...# #...# #...# #...# .#.#. ..#..",
  "W": "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
  "X": "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
  "Y": "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
  "Z": "##### ....# ...#. ..#.. .#... #.... #####",
  "0": ".###. #...# #..## #.#.# ##..# #...# .###.",
  "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
  "2": ".###. #...# ....# ...#. ..#.. .#... #####",
  "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
  "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
  "5": "##### #.... ####. ....# ....# #...# .###.",
  "6": "..##. .#... #.... ####. #...# #...# .###.",
  "7": "##### ....# ...#. ..#.. .#... .#... .#...",
  "8": ".###. #...# #...# .###. #...# #...# .###.",
  "9": ".###. #...# #...# .#### ....# ...#. .##..",
  " ": "..... ..... ..... ..... ..... ..... .....",
  ".": "..... ..... ..... ..... ..... .##.. .##..",
  ",": "..... ..... ..... ..... .##.. ..#.. .#...",
  ":": "..... .##.. .##.. ..... .##.. .##.. .....",
  "-": "..... ..... ..... ##### ..... ..... .....",
  "+": "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
  "%": "##... ##..# ...#. ..#.. .#... #..## ...##",
  "(": "...#. ..#.. .#... .#... .#... ..#.. ...#.",
  ")": ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
  "/": "..... ....# ...#. ..#.. .#... #.... .....",
  "=": "..... ..... ##### ..... ##### ..... .....",
  "#": ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
  "_": "..... ..... ..... ..... ..... ..... #####",
  "'": "..#.. ..#.. .#... ..... ..... ..... .....",
  "|": "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
  "?": ".###. #...# ....# ...#. ..#.. ..... ..#..",
  "!": "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
  "×": "..... #...# .#.#. ..#.. .#.#. #...# .....",
  "·": "..... ..... ..... .##.. .##.. ..... .....",
};

/** Glyph width and height in font pixels, and the advance per character. */
const GLYPH_WIDTH = 5, GLYPH_HEIGHT = 7, ADVANCE = 6;

/** Options for {@linkcode drawText}. */
export interface DrawTextOptions {
  /** Left edge of the text, in image pixels. Default 0. */
  x?: number;
  /** Top edge of the text, in image pixels. Default 0. */
  y?: number;
  /** Size of one font pixel, in image pixels (1–16). Default 1. */
  scale?: number;
  /** RGB colour. Default white `[255, 255, 255]`. */
  color?: readonly [number, number, number];
}

/**
 * The size `text` takes at `scale`: 6 pixels per character across (5 plus a
 * gap, the last gap dropped), 7 down.
 *
 * @example
 * ```ts
 * import { measureText } from "./text.ts";
 * const { width, height } = measureText("CAM", 2);
 * if (width !== 34 || height !== 14) throw new Error(`${width}x${height}`);
 * ```
 */
export function measureText(text: string, scale = 1): Size {
  const length = [...text].length;
  return {
    width: length === 0 ? 0 : (length * ADVANCE - 1) * scale,
    height: GLYPH_HEIGHT * scale,
  };
}

/**
 * Draws `text` onto `image` in place; pixels outside the image are clipped.
 * Lower-case letters are drawn as capitals.
 *
 * @example
 * ```ts
 * import { drawText } from "./text.ts";
 * const image = { width: 6, height: 7, data: new Uint8ClampedArray(6 * 7 * 4) };
 * drawText(image, "I", { color: [255, 0, 0] });
 * // The I's stem is column 2: red on row 3.
 * if (image.data[(3 * 6 + 2) * 4] !== 255) throw new Error("not drawn");
 * ```
 */
export function drawText(
  image: RgbaImage,
  text: string,
  options: DrawTextOptions = {},
): void {
  const scale = options.scale ?? 1;
  checkWholeNumber(scale, [1, 16], "Text scale");
  const [r, g, b] = options.color ?? [255, 255, 255];
  let left = Math.round(options.x ?? 0);
  const top = Math.round(options.y ?? 0);
  for (const char of text) {
    const glyph = GLYPHS[char.toUpperCase()] ?? GLYPHS["?"];
    const rows = glyph.split(" ");
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
        if (rows[gy][gx] !== "#") continue;
        fillRect(image, left + gx * scale, top + gy * scale, scale, [r, g, b]);
      }
    }
    left += ADVANCE * scale;
  }
}

function fillRect(
  image: RgbaImage,
  x0: number,
  y0: number,
  side: number,
  [r, g, b]: readonly number[],
): void {
  for (let y = Math.max(0, y0); y < Math.min(image.height, y0 + side); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x0 + side); x++) {
      const p = (y * image.width + x) * 4;
      image.data[p] = r;
      image.data[p + 1] = g;
      image.data[p + 2] = b;
      image.data[p + 3] = 255;
    }
  }
}
