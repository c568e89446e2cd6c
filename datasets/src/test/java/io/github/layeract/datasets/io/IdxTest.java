package io.github.layeract.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

  @TempDir Path dir;

  /** IDX bytes built by hand: magic, big-endian sizes, data. */
  private static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(raw);
    }
    return bytes.toByteArray();
  }

  private static byte[] pixels(int n) {
    byte[] p = new byte[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (i * 31 + 7);
    }
    return p;
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void readsRawAndGzipFilesInTheRealFormat() throws IOException {
    byte[] px = pixels(3 * 4 * 5);
    byte[] labels = {2, 0, 9};
    for (boolean gz : new boolean[] {false, true}) {
      byte[] im = idx(0x803, new int[] {3, 4, 5}, px);
      byte[] lb = idx(0x801, new int[] {3}, labels);
      Path images = write("im" + gz, gz ? gzip(im) : im);
      Path lab = write("lb" + gz, gz ? gzip(lb) : lb);
      ImageSet set = Idx.read(images, lab, 10);
      assertEquals(3, set.count());
      assertEquals(4, set.height());
      assertEquals(5, set.width());
      assertEquals(1, set.channels());
      assertArrayEquals(px, set.pixels());
      assertArrayEquals(new int[] {2, 0, 9}, set.labels());
    }
  }

  @Test
  void writerProducesTheSameBytesAsTheFormatDescribes() throws IOException {
    byte[] px = pixels(2 * 3 * 3);
    ImageSet set = new ImageSet(2, 3, 3, 1, px, new int[] {1, 4}, 5);
    Path im = dir.resolve("w-images.gz");
    Path lb = dir.resolve("w-labels.gz");
    Idx.writeImages(im, set);
    Idx.writeLabels(lb, set);
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(im))) {
      assertArrayEquals(idx(0x803, new int[] {2, 3, 3}, px), in.readAllBytes());
    }
    ImageSet back = Idx.read(im, lb, 5);
    assertArrayEquals(px, back.pixels());
    assertArrayEquals(set.labels(), back.labels());
  }

  @Test
  void everyKindOfBadFileFailsWithOneLineNamingIt() throws IOException {
    byte[] im = idx(0x803, new int[] {3, 2, 2}, pixels(12));
    byte[] lb = idx(0x801, new int[] {3}, new byte[] {0, 1, 2});
    Path goodIm = write("good-im", im);
    Path goodLb = write("good-lb", lb);

    Path truncated = write("trunc-im", Arrays.copyOf(im, im.length - 1));
    assertBad(truncated, () -> Idx.read(truncated, goodLb, 10), "truncated");
    Path truncatedGz = write("trunc-im.gz", Arrays.copyOf(gzip(im), gzip(im).length - 12));
    assertBad(truncatedGz, () -> Idx.read(truncatedGz, goodLb, 10), "truncated");
    Path shortHeader = write("short-im", Arrays.copyOf(im, 6));
    assertBad(shortHeader, () -> Idx.read(shortHeader, goodLb, 10), "truncated");
    assertBad(goodLb, () -> Idx.read(goodLb, goodLb, 10), "wrong magic number 0x00000801, expected 0x00000803");
    assertBad(goodIm, () -> Idx.read(goodIm, goodIm, 10), "wrong magic number 0x00000803, expected 0x00000801");
    Path fewLabels = write("few-lb", idx(0x801, new int[] {2}, new byte[] {0, 1}));
    assertBad(fewLabels, () -> Idx.read(goodIm, fewLabels, 10), "count mismatch: 2 labels but good-im has 3 images");
    Path badLabel = write("bad-lb", idx(0x801, new int[] {3}, new byte[] {0, 10, 2}));
    assertBad(badLabel, () -> Idx.read(goodIm, badLabel, 10), "label 10 of item 1 is out of range [0, 10)");
    Path trailing = write("trailing-im", Arrays.copyOf(im, im.length + 3));
    assertBad(trailing, () -> Idx.read(trailing, goodLb, 10), "trailing bytes");
    Path missing = dir.resolve("missing");
    assertBad(missing, () -> Idx.read(missing, goodLb, 10), "file not found");
  }

  private static void assertBad(Path file, Runnable read, String problem) {
    DatasetException e = assertThrows(DatasetException.class, read::run);
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
