package io.github.layeract.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR binary and CIFAR-C npy files written by the test in the published formats. */
class CifarReadersTest {

  @TempDir Path dir;

  /** One CIFAR-10 record, built by hand: label, then red, green, blue planes where plane c of pixel p = f(p, c). */
  private static byte[] record10(int label, int seed) {
    byte[] r = new byte[3073];
    r[0] = (byte) label;
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < 1024; p++) {
        r[1 + c * 1024 + p] = (byte) (seed + 7 * p + 101 * c);
      }
    }
    return r;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  @Test
  void cifar10RecordsBecomeHwcImages() throws IOException {
    Path a = Files.write(dir.resolve("data_batch_1.bin"), concat(record10(3, 0), record10(9, 50)));
    Path b = Files.write(dir.resolve("data_batch_2.bin"), record10(0, 9));
    ImageSet set = CifarBinary.read(List.of(a, b), CifarBinary.Labels.CIFAR10);
    assertEquals(3, set.count());
    assertArrayEquals(new int[] {3, 9, 0}, set.labels());
    // pixel (y=2, x=5) = plane index p = 2 * 32 + 5, channel c
    for (int c = 0; c < 3; c++) {
      assertEquals((byte) (50 + 7 * 69 + 101 * c) & 0xFF, set.image(1).get(2, 5, c));
    }
    // the writer is the inverse of the reader
    Path w = dir.resolve("w.bin");
    CifarBinary.writeCifar10(w, set);
    assertArrayEquals(concat(record10(3, 0), record10(9, 50), record10(0, 9)), Files.readAllBytes(w));
  }

  @Test
  void cifar100HasCoarseAndFineLabels() throws IOException {
    byte[] rec = new byte[3074];
    rec[0] = 19;
    rec[1] = 99;
    rec[2 + 1024] = 42; // green of pixel 0
    Path f = Files.write(dir.resolve("train.bin"), concat(rec, rec));
    ImageSet fine = CifarBinary.read(List.of(f), CifarBinary.Labels.CIFAR100_FINE);
    ImageSet coarse = CifarBinary.read(List.of(f), CifarBinary.Labels.CIFAR100_COARSE);
    assertArrayEquals(new int[] {99, 99}, fine.labels());
    assertEquals(100, fine.classes());
    assertArrayEquals(new int[] {19, 19}, coarse.labels());
    assertEquals(20, coarse.classes());
    assertEquals(42, fine.image(0).get(0, 0, 1));
  }

  @Test
  void badCifarFilesFailWithOneLine() throws IOException {
    Path truncated = Files.write(dir.resolve("t.bin"), Arrays.copyOf(record10(1, 0), 3000));
    assertBad(truncated, () -> CifarBinary.read(List.of(truncated), CifarBinary.Labels.CIFAR10),
        "3000 bytes is not a positive multiple of the 3073-byte record");
    Path badLabel = Files.write(dir.resolve("l.bin"), concat(record10(1, 0), record10(10, 0)));
    assertBad(badLabel, () -> CifarBinary.read(List.of(badLabel), CifarBinary.Labels.CIFAR10),
        "label 10 of record 1 is out of range [0, 10)");
    byte[] rec = new byte[3074];
    rec[0] = 20;
    Path badCoarse = Files.write(dir.resolve("c.bin"), rec);
    assertBad(badCoarse, () -> CifarBinary.read(List.of(badCoarse), CifarBinary.Labels.CIFAR100_FINE),
        "coarse label 20 of record 0 is out of range [0, 20)");
    Path empty = Files.write(dir.resolve("e.bin"), new byte[0]);
    assertBad(empty, () -> CifarBinary.read(List.of(empty), CifarBinary.Labels.CIFAR10), "not a positive multiple");
  }

  private Path cifarC(int n, int classes) {
    Path c = dir.resolve("CIFAR-10-C");
    byte[] px = new byte[5 * n * 32 * 32 * 3];
    for (int i = 0; i < 5 * n; i++) {
      Arrays.fill(px, i * 3072, (i + 1) * 3072, (byte) i);
    }
    byte[] labels = new byte[5 * n];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) ((i % n) % classes);
    }
    Npy.writeUint8(c.resolve("fog.npy"), px, 5L * n, 32, 32, 3);
    Npy.writeUint8(c.resolve("snow.npy"), px, 5L * n, 32, 32, 3);
    Npy.writeUint8(c.resolve(CifarC.LABELS), labels, 5L * n);
    return c;
  }

  @Test
  void cifarCSeveritiesAreConsecutiveBlocks() {
    Path c = cifarC(4, 3);
    assertEquals(List.of("fog", "snow"), CifarC.corruptions(c));
    ImageSet s3 = CifarC.read(c, "fog", 3, 10);
    assertEquals(4, s3.count());
    for (int i = 0; i < 4; i++) {
      assertEquals(8 + i, s3.image(i).get(31, 31, 2), "image " + i + " of severity 3 is row " + (8 + i));
    }
    assertArrayEquals(new int[] {0, 1, 2, 0}, s3.labels());
  }

  @Test
  void badCifarCFilesFailWithOneLine() {
    Path c = cifarC(4, 3);
    Npy.writeUint8(c.resolve(CifarC.LABELS), new byte[19], 19);
    assertBad(c.resolve(CifarC.LABELS), () -> CifarC.read(c, "fog", 1, 10),
        "count mismatch: 19 labels but fog.npy has 20 images");
    byte[] labels = new byte[20];
    labels[9] = 10;
    Npy.writeUint8(c.resolve(CifarC.LABELS), labels, 20);
    assertBad(c.resolve(CifarC.LABELS), () -> CifarC.read(c, "fog", 3, 10), "label 10 of item 9 is out of range");
    Npy.writeUint8(c.resolve("odd.npy"), new byte[7 * 3072], 7, 32, 32, 3);
    assertBad(c.resolve("odd.npy"), () -> CifarC.read(c, "odd", 1, 10), "cannot be split into 5 severities");
    assertBad(c.resolve("rain.npy"), () -> CifarC.read(c, "rain", 1, 10), "file not found");
  }

  static void assertBad(Path file, Runnable read, String problem) {
    DatasetException e = assertThrows(DatasetException.class, read::run);
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
