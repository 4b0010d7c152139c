import assert from "node:assert/strict";
import { decodeNpy, encodeNpy } from "./npy.ts";

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function unhex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g)!, (b) => parseInt(b, 16));
}

/** `np.save(f, np.arange(6, dtype="<f4").reshape(2, 3))` with NumPy 2.4. */
const NUMPY_2X3 = "934e554d5059010076007b276465736372273a20273c6634272c2027" +
  "666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c" +
  "2033292c207d" + "20".repeat(58) + "0a" +
  "000000000000803f0000004000004040000080400000a040";

Deno.test("encodeNpy() writes the NumPy v1.0 header, padded to 64 bytes", () => {
  const bytes = encodeNpy(new Float32Array([0, 1, 2, 3, 4, 5]), [2, 3]);
  // \x93NUMPY, version 1.0
  assert.deepEqual([...bytes.subarray(0, 8)], [
    0x93,
    ...[..."NUMPY"].map((c) => c.charCodeAt(0)),
    1,
    0,
  ]);
  // dict is 59 characters; 10 + 59 + 1 ("\n") = 70 → pad with 58 spaces to 128
  const length = bytes[8] + bytes[9] * 256;
  assert.equal(length, 118);
  assert.equal((10 + length) % 64, 0);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + length));
  assert.equal(
    header,
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" +
      " ".repeat(58) + "\n",
  );
  // byte for byte what NumPy writes
  assert.equal(hex(bytes), NUMPY_2X3);
});

Deno.test("encodeNpy() writes 1-d and 0-d shapes as Python tuples", () => {
  const header = (shape: number[], size: number) => {
    const bytes = encodeNpy(new Float32Array(size), shape);
    const length = bytes[8] + bytes[9] * 256;
    assert.equal((10 + length) % 64, 0);
    return new TextDecoder().decode(bytes.subarray(10, 10 + length)).trim();
  };
  assert.match(header([5], 5), /'shape': \(5,\), }$/);
  assert.match(header([], 1), /'shape': \(\), }$/);
});

Deno.test("encodeNpy() rejects a shape that does not match the data", () => {
  assert.throws(() => encodeNpy(new Float32Array(5), [2, 3]), {
    name: "TypeError",
    message: /Shape \[2,3\] holds 6 values but the data has 5/,
  });
  assert.throws(() => encodeNpy(new Float32Array(2), [2.5]), TypeError);
});

Deno.test("decodeNpy() round-trips encodeNpy() and reads NumPy's files", () => {
  const data = new Float32Array([1.5, -2, 3e-8, Infinity, 0, 7]);
  const decoded = decodeNpy(encodeNpy(data, [3, 1, 2]));
  assert.deepEqual(decoded.shape, [3, 1, 2]);
  assert.deepEqual([...decoded.data], [...data]);
  const numpy = decodeNpy(unhex(NUMPY_2X3));
  assert.deepEqual(numpy.shape, [2, 3]);
  assert.deepEqual([...numpy.data], [0, 1, 2, 3, 4, 5]);
});

Deno.test("decodeNpy() reads version 2.0 and unaligned buffers", () => {
  // v2.0: 4-byte header length; 12 + 58 (dict) + 1 = 71 → 116-byte header, data at 128
  const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
  const header = dict.padEnd(115) + "\n";
  const bytes = new Uint8Array(1 + 12 + header.length + 4).subarray(1);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, header.length, 0, 0, 0]);
  bytes.set([...header].map((c) => c.charCodeAt(0)), 12);
  new DataView(bytes.buffer, bytes.byteOffset).setFloat32(128, 2.5, true);
  const { shape, data } = decodeNpy(bytes);
  assert.deepEqual(shape, [1]);
  assert.deepEqual([...data], [2.5]);
});

Deno.test("decodeNpy() rejects anything but little-endian float32 in C order", () => {
  const good = encodeNpy(new Float32Array([1, 2]), [2]);
  const edit = (from: string, to: string) => {
    const text = new TextDecoder().decode(good.subarray(10, 74));
    const bytes = good.slice();
    bytes.set(new TextEncoder().encode(text.replace(from, to)), 10);
    return bytes;
  };
  const cases: [Uint8Array, RegExp][] = [
    [new TextEncoder().encode("PK\x03\x04 not npy"), /Not a \.npy file/],
    [Uint8Array.from(good, (b, i) => i === 6 ? 3 : b), /version 3\.0/],
    [edit("'<f4'", "'<f8'"), /only '<f4' arrays in C order/],
    [edit("False", "True "), /only '<f4' arrays in C order/],
    [good.subarray(0, good.length - 1), /Truncated .npy file/],
    [good.subarray(0, 40), /Truncated .npy file/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(() => decodeNpy(bytes), { name: "SyntaxError", message });
  }
});
