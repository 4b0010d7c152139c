/// <reference lib="dom" />
/**
 * Browser image decoding: a file, blob or URL becomes an
 * {@linkcode RgbaImage} through the browser's own decoders
 * (`createImageBitmap` and a canvas), so the page needs none of the
 * server's WebAssembly decoders. Large photos are scaled down on the way in.
 *
 * @module
 */
import type { RgbaImage, Size } from "../../core/types.ts";
import { decodeTiff } from "../../backends/tiff.ts";

/** Longest side, in pixels, of an image the page works on. */
export const MAX_PAGE_IMAGE_SIDE = 1024;

/** Options for {@linkcode decodeBlob}. */
export interface DecodeBlobOptions {
  /** Name shown in messages. Default `"the image"`. */
  name?: string;
  /** Longest side after scaling down. Default {@linkcode MAX_PAGE_IMAGE_SIDE}. */
  maxSide?: number;
}

/**
 * The size an image of `size` is scaled to so that its longest side is at
 * most `maxSide` (never scaled up).
 *
 * @example
 * ```ts
 * import { fitSide } from "./images.ts";
 * const fitted = fitSide({ width: 4000, height: 3000 }, 1024);
 * if (fitted.width !== 1024 || fitted.height !== 768) throw new Error();
 * ```
 */
export function fitSide(size: Size, maxSide: number): Size {
  const { width, height } = size;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * Decodes an image blob (PNG, JPEG, WebP, GIF, BMP — what the browser reads —
 * and TIFF, which few browsers read, with camkit's own decoder) into RGBA
 * pixels, scaled down to at most `maxSide` pixels a side. Colour profiles
 * and premultiplication are left out, so the pixels equal a plain decoder's.
 *
 * @example
 * ```ts ignore
 * import { decodeBlob } from "./images.ts";
 * const image = await decodeBlob(await (await fetch("/static/samples/star.png")).blob());
 * console.log(image.width, image.height);
 * ```
 */
export async function decodeBlob(
  blob: Blob,
  options: DecodeBlobOptions = {},
): Promise<RgbaImage> {
  const name = options.name ?? "the image";
  if (blob.type !== "" && !blob.type.startsWith("image/")) {
    throw new TypeError(
      `Cannot read ${name}: it is ${blob.type}, not an image; choose a PNG, JPEG or WebP file`,
    );
  }
  let bitmap: ImageBitmap;
  const source = await isTiff(blob) ? await tiffImageData(blob, name) : blob;
  try {
    bitmap = await createImageBitmap(source, {
      colorSpaceConversion: "none",
      premultiplyAlpha: "none",
    });
  } catch {
    throw new SyntaxError(
      `Cannot decode ${name}: the browser cannot read it as an image; choose a PNG, JPEG or WebP file`,
    );
  }
  try {
    const { width, height } = fitSide(
      bitmap,
      options.maxSide ?? MAX_PAGE_IMAGE_SIDE,
    );
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (context === null) throw new Error("This browser has no 2-D canvas");
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}

/** Whether `blob` starts with a TIFF header ("II*\0" or "MM\0*"). */
async function isTiff(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return head.length === 4 &&
    ((head[0] === 0x49 && head[1] === 0x49 && head[2] === 42 &&
      head[3] === 0) ||
      (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 &&
        head[3] === 42));
}

/** Decodes a TIFF with camkit's decoder; its errors name the file. */
async function tiffImageData(blob: Blob, name: string): Promise<ImageData> {
  const image = await decodeTiff(new Uint8Array(await blob.arrayBuffer()), {
    name: name.replace(/^"(.*)"$/, "$1"),
  });
  return new ImageData(
    new Uint8ClampedArray(image.data),
    image.width,
    image.height,
  );
}

/**
 * Fetches and decodes the image at `url` (see {@linkcode decodeBlob}).
 *
 * @example
 * ```ts ignore
 * import { decodeUrl } from "./images.ts";
 * const image = await decodeUrl("/static/samples/star.png");
 * console.log(image.width, image.height);
 * ```
 */
export async function decodeUrl(
  url: string,
  options: DecodeBlobOptions = {},
): Promise<RgbaImage> {
  const response = await fetch(url);
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Cannot load image "${url}": HTTP ${response.status}`);
  }
  return decodeBlob(await response.blob(), { name: `"${url}"`, ...options });
}
