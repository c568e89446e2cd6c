package io.github.layeract.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.DatasetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  /** {@code np.save(f, np.arange(6, dtype=np.uint8).reshape(2, 3))} with NumPy 2.4. */
  private static final byte[] NUMPY_UINT8 = numpyBytes("'|u1'", "(2, 3)", "000102030405");
  /** {@code np.save(f, np.array([1.5, -2], dtype=np.float32))} with NumPy 2.4. */
  private static final byte[] NUMPY_FLOAT32 = numpyBytes("'<f4'", "(2,)", "0000c03f000000c0");

  @TempDir Path dir;

  private static byte[] numpyBytes(String descr, String shape, String dataHex) {
    String dict = "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }";
    String header = dict + " ".repeat(118 - dict.length() - 1) + "\n";
    byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    byte[] data = HexFormat.of().parseHex(dataHex);
    byte[] out = Arrays.copyOf(pre, pre.length + h.length + data.length);
    System.arraycopy(h, 0, out, pre.length, h.length);
    System.arraycopy(data, 0, out, pre.length + h.length, data.length);
    return out;
  }

  @Test
  void readsFilesWrittenByNumpy() throws IOException {
    Path u8 = Files.write(dir.resolve("u8.npy"), NUMPY_UINT8);
    Npy.Uint8Array a = Npy.readUint8(u8);
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5}, a.data());
    Path f32 = Files.write(dir.resolve("f32.npy"), NUMPY_FLOAT32);
    Npy.Float32Array b = Npy.readFloat32(f32);
    assertArrayEquals(new long[] {2}, b.shape());
    assertArrayEquals(new float[] {1.5f, -2f}, b.data());
  }

  @Test
  void writesTheSameBytesAsNumpy() throws IOException {
    Path u8 = dir.resolve("u8.npy");
    Npy.writeUint8(u8, new byte[] {0, 1, 2, 3, 4, 5}, 2, 3);
    assertArrayEquals(NUMPY_UINT8, Files.readAllBytes(u8));
    Path f32 = dir.resolve("f32.npy");
    Npy.writeFloat32(f32, new float[] {1.5f, -2f}, 2);
    assertArrayEquals(NUMPY_FLOAT32, Files.readAllBytes(f32));
  }

  @Test
  void roundTripsLargerArraysAndRows() {
    byte[] pixels = new byte[5 * 4 * 4 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    Path f = dir.resolve("sub/c.npy");
    Npy.writeUint8(f, pixels, 5, 4, 4, 3);
    Npy.Uint8Array back = Npy.readUint8(f);
    assertArrayEquals(pixels, back.data());
    assertEquals(0, Npy.readHeader(f).dataOffset() % 64, "data is 64-byte aligned");
    Npy.Uint8Array rows = Npy.readUint8Rows(f, 2, 2);
    assertArrayEquals(new long[] {2, 4, 4, 3}, rows.shape());
    assertArrayEquals(Arrays.copyOfRange(pixels, 2 * 48, 4 * 48), rows.data());
    float[] values = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
    Path g = dir.resolve("g.npy");
    Npy.writeFloat32(g, values, 3, 2);
    assertArrayEquals(values, Npy.readFloat32(g).data());
  }

  @Test
  void readsVersion2Headers() throws IOException {
    String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }";
    String header = dict + " ".repeat(128 - 12 - dict.length() - 1) + "\n";
    byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) header.length(), 0, 0, 0};
    byte[] bytes = concat(pre, header.getBytes(StandardCharsets.US_ASCII), new byte[] {9, 8, 7});
    Path f = Files.write(dir.resolve("v2.npy"), bytes);
    assertArrayEquals(new byte[] {9, 8, 7}, Npy.readUint8(f).data());
  }

  @Test
  void rejectsBadFilesWithOneLineNamingTheFile() throws IOException {
    assertBad("trunc.npy", Arrays.copyOf(NUMPY_UINT8, NUMPY_UINT8.length - 1), "truncated");
    assertBad("trailing.npy", Arrays.copyOf(NUMPY_UINT8, NUMPY_UINT8.length + 1), "trailing bytes");
    byte[] magic = NUMPY_UINT8.clone();
    magic[1] = 'X';
    assertBad("magic.npy", magic, "wrong magic");
    byte[] version = NUMPY_UINT8.clone();
    version[6] = 4;
    assertBad("version.npy", version, "unsupported npy version 4.0");
    assertBad("dtype.npy", replace(NUMPY_UINT8, "'|u1'", "'<i2'"), "unsupported dtype '<i2'");
    assertBad("order.npy", replace(NUMPY_UINT8, "False", "True "), "Fortran-order");
    assertBad("big-endian.npy", replace(NUMPY_FLOAT32, "'<f4'", "'>f4'"), "unsupported dtype '>f4'");
    // a header whose shape promises more (or fewer) elements than the body holds
    assertBad("lying.npy", replace(NUMPY_UINT8, "(2, 3)", "(3, 3)"), "truncated: shape (3, 3) of '|u1' needs");
    assertBad("lying-less.npy", replace(NUMPY_UINT8, "(2, 3)", "(1, 3)"), "trailing bytes: shape (1, 3)");
    assertBad("shape.npy", replace(NUMPY_UINT8, "(2, 3)", "(2, x)"), "malformed npy shape");
    assertBad("short.npy", Arrays.copyOf(NUMPY_UINT8, 4), "truncated");
    assertBad("headerlen.npy", Arrays.copyOf(NUMPY_UINT8, 40), "truncated");
    // a valid float file read as uint8 names both dtypes
    assertBad("f32.npy", NUMPY_FLOAT32, "dtype '<f4', expected '|u1'");
    Path u8 = Files.write(dir.resolve("u8.npy"), NUMPY_UINT8);
    DatasetException e = assertThrows(DatasetException.class, () -> Npy.readFloat32(u8));
    assertTrue(e.getMessage().contains("dtype '|u1', expected '<f4'"), e.getMessage());
    DatasetException missing = assertThrows(DatasetException.class, () -> Npy.readUint8(dir.resolve("none.npy")));
    assertTrue(missing.getMessage().endsWith("none.npy: file not found"), missing.getMessage());
  }

  @Test
  void readsLabelsStoredAsUint8Int32OrInt64() throws IOException {
    Path u8 = Files.write(dir.resolve("l8.npy"), numpyBytes("'|u1'", "(3,)", "000709"));
    assertArrayEquals(new int[] {0, 7, 9}, Npy.readLabels(u8));
    Path i64 = Files.write(dir.resolve("l64.npy"), numpyBytes("'<i8'", "(2,)", "0500000000000000" + "6300000000000000"));
    assertArrayEquals(new int[] {5, 99}, Npy.readLabels(i64));
    Path i32 = Files.write(dir.resolve("l32.npy"), numpyBytes("'<i4'", "(2,)", "01000000" + "ffffffff"));
    assertArrayEquals(new int[] {1, -1}, Npy.readLabels(i32));
    Path huge = Files.write(dir.resolve("huge.npy"), numpyBytes("'<i8'", "(1,)", "0000000001000000"));
    assertThrows(DatasetException.class, () -> Npy.readLabels(huge));
    Path twoD = Files.write(dir.resolve("l2d.npy"), NUMPY_UINT8);
    assertThrows(DatasetException.class, () -> Npy.readLabels(twoD));
  }

  @Test
  void rowsOutsideTheArrayAreRejected() {
    Path f = dir.resolve("r.npy");
    Npy.writeUint8(f, new byte[6], 3, 2);
    assertThrows(DatasetException.class, () -> Npy.readUint8Rows(f, 2, 2));
  }

  @Test
  void writeFailsCleanlyAndLeavesNoTemporaryFile() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> Npy.writeUint8(dir.resolve("x.npy"), new byte[5], 2, 3));
    Path target = dir.resolve("kept.npy");
    Npy.writeUint8(target, new byte[] {1}, 1);
    assertThrows(DatasetException.class, () -> AtomicFiles.write(target, out -> {
      out.write(new byte[100]);
      throw new IOException("disk full");
    }));
    assertArrayEquals(new byte[] {1}, Npy.readUint8(target).data(), "the old file is untouched");
    try (var files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
    Path folder = Files.createDirectory(dir.resolve("folder.npy"));
    DatasetException e = assertThrows(DatasetException.class, () -> Npy.writeUint8(folder, new byte[] {1}, 1));
    assertEquals(folder + ": is a directory; give a file name", e.getMessage());
  }

  private void assertBad(String name, byte[] content, String problem) throws IOException {
    Path f = Files.write(dir.resolve(name), content);
    DatasetException e = assertThrows(DatasetException.class, () -> Npy.readUint8(f));
    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static byte[] replace(byte[] bytes, String from, String to) {
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    assertTrue(s.contains(from));
    return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }
}
