/**
 * The strips or tiles of a TIFF: where each one's bytes lie (checked
 * against the file) and which pixels it holds. Part of `tiff.ts`.
 *
 * @module
 */
import { corrupt } from "./_tiff_ifd.ts";
import type { TiffLayout } from "./_tiff_layout.ts";

/** One strip or tile: where its bytes are and which pixels it holds. */
export interface TiffChunk {
  readonly index: number;
  readonly offset: number;
  readonly byteCount: number;
  /** Sample plane (0 unless planar). */
  readonly plane: number;
  readonly x: number;
  readonly y: number;
  readonly cols: number;
  readonly rows: number;
  /** Bytes per row of decoded data (rows start on a byte). */
  readonly rowBytes: number;
}

/**
 * The number of strips or tiles.
 *
 * @example
 * ```ts
 * import { chunkCount } from "./_tiff_chunks.ts";
 * const n = chunkCount({ chunksAcross: 2, chunksDown: 3, planar: false, samplesPerPixel: 3 });
 * if (n !== 6) throw new Error(String(n));
 * ```
 */
export function chunkCount(
  layout: Pick<
    TiffLayout,
    "chunksAcross" | "chunksDown" | "planar" | "samplesPerPixel"
  >,
): number {
  return layout.chunksAcross * layout.chunksDown *
    (layout.planar ? layout.samplesPerPixel : 1);
}

/**
 * Strip or tile `index` (plane by plane, then row by row), its bytes checked
 * to lie inside the file of `fileLength` bytes.
 *
 * @example
 * ```ts
 * import { chunkAt } from "./_tiff_chunks.ts";
 * import type { TiffLayout } from "./_tiff_layout.ts";
 * const layout = {
 *   width: 5, height: 3, bits: 8, samplesPerPixel: 3, planar: false, tiled: false,
 *   chunkWidth: 5, chunkHeight: 2, chunksAcross: 1, chunksDown: 2,
 *   offsets: [8, 38], byteCounts: [30, 15],
 * } as unknown as TiffLayout;
 * const strip = chunkAt(layout, 1, 100);
 * if (strip.y !== 2 || strip.rows !== 1 || strip.rowBytes !== 15) throw new Error();
 * ```
 */
export function chunkAt(
  layout: TiffLayout,
  index: number,
  fileLength: number,
): TiffChunk {
  const { chunksAcross, chunksDown, chunkWidth, chunkHeight } = layout;
  const perPlane = chunksAcross * chunksDown;
  const plane = Math.floor(index / perPlane);
  const x = (index % chunksAcross) * chunkWidth;
  const y = Math.floor((index % perPlane) / chunksAcross) * chunkHeight;
  const rows = layout.tiled
    ? chunkHeight
    : Math.min(chunkHeight, layout.height - y);
  const samples = layout.planar ? 1 : layout.samplesPerPixel;
  const rowBytes = Math.ceil(chunkWidth * samples * layout.bits / 8);
  const offset = layout.offsets[index];
  const byteCount = layout.byteCounts[index];
  const what = `${layout.tiled ? "tile" : "strip"} ${index}`;
  if (byteCount === 0) throw corrupt(`${what} is empty (0 bytes)`);
  if (offset + byteCount > fileLength) {
    throw corrupt(
      `${what} (bytes ${offset} to ${
        offset + byteCount
      }) ends past the end of the ${fileLength}-byte file`,
    );
  }
  return {
    index,
    offset,
    byteCount,
    plane,
    x,
    y,
    cols: chunkWidth,
    rows,
    rowBytes,
  };
}
