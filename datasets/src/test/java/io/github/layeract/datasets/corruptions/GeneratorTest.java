package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.io.Npy;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-C .npy layout, the ImageNet-C folders, on-the-fly equality, thread independence, progress. */
class GeneratorTest {

  private static ImageSet scenes(int n, int size, int channels) {
    int bytes = size * size * channels;
    byte[] pixels = new byte[n * bytes];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Image img = channels == 3 ? SyntheticScene.rgb(size, size, i) : SyntheticScene.gray(size, size, i);
      System.arraycopy(img.pixels(), 0, pixels, i * bytes, bytes);
      labels[i] = (i * 7) % 10;
    }
    return new ImageSet(n, size, size, channels, pixels, labels, 10);
  }

  @Test
  void cifarLayoutReadsBack(@TempDir Path dir) throws Exception {
    ImageSet set = scenes(12, 32, 3);
    List<Corruption> chosen = List.of(Corruption.of("gaussian_noise"), Corruption.of("pixelate"),
        Corruption.of("frost"));
    List<long[]> progress = new ArrayList<>();
    List<Path> files = new CorruptionGenerator().corruptions(chosen).seed(9).threads(3)
        .listener((done, total, label) -> progress.add(new long[] {done, total})).writeCifarC(set, dir);
    assertEquals(4, files.size());
    for (Corruption c : chosen) {
      Npy.Uint8Array a = Npy.readUint8(dir.resolve(c.name() + ".npy"));
      assertArrayEquals(new long[] {60, 32, 32, 3}, a.shape());
      for (int s = 1; s <= 5; s++) {
        ImageSet expected = CorruptedSets.corrupt(set, c, s, null, 9, 1, ProgressListener.NONE);
        byte[] rows = Arrays.copyOfRange(a.data(), (s - 1) * set.pixels().length, s * set.pixels().length);
        assertArrayEquals(expected.pixels(), rows, c.name() + " severity " + s + " rows");
      }
    }
    Npy.Uint8Array labels = Npy.readUint8(dir.resolve("labels.npy"));
    assertArrayEquals(new long[] {60}, labels.shape());
    for (int i = 0; i < 60; i++) {
      assertEquals(set.labels()[i % 12], labels.data()[i]);
    }
    long total = 3 * 5 * 12;
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress never goes back");
      assertEquals(total, progress.get(i)[1]);
    }
    assertEquals(total, progress.get(progress.size() - 1)[0]);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(4, s.count(), "no temporary files left");
    }
  }

  @Test
  void onTheFlyIsIndependentOfThreadsAndMatchesSingleImages() {
    ImageSet set = scenes(20, 32, 1);
    Corruption c = Corruption.of("spatter");
    ImageSet one = CorruptedSets.corrupt(set, c, 2, Preset.CIFAR, 5, 1, ProgressListener.NONE);
    ImageSet four = CorruptedSets.corrupt(set, c, 2, Preset.CIFAR, 5, 4, ProgressListener.NONE);
    assertArrayEquals(one.pixels(), four.pixels());
    assertArrayEquals(set.labels(), four.labels());
    assertEquals(1, four.channels());
    Image single = c.apply(set.image(13), 2, Preset.CIFAR,
        new SplittableRandom(CorruptedSets.imageSeed(5, "spatter", 2, 13)));
    assertEquals(single, four.image(13));
    ImageSet otherSeed = CorruptedSets.corrupt(set, c, 2, Preset.CIFAR, 6, 2, ProgressListener.NONE);
    assertFalse(Arrays.equals(one.pixels(), otherSeed.pixels()));
  }

  @Test
  void imageNetFoldersHoldDecodableImages(@TempDir Path dir) throws Exception {
    ImageSet set = scenes(5, 40, 3);
    CorruptionGenerator g = new CorruptionGenerator().corruptions(List.of(Corruption.of("motion_blur")))
        .severities(2, 4).seed(3).threads(2);
    assertEquals(10, g.writeImageNetC(set, dir, CorruptionGenerator.Format.PNG, null, null));
    ImageSet expected = CorruptedSets.corrupt(set, Corruption.of("motion_blur"), 4, null, 3, 1,
        ProgressListener.NONE);
    for (int i = 0; i < 5; i++) {
      Path file = dir.resolve("motion_blur/4/" + set.labels()[i] + "/" + i + ".png");
      BufferedImage bi = ImageIO.read(file.toFile());
      Image want = expected.image(i);
      for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 40; x++) {
          int rgb = bi.getRGB(x, y);
          assertEquals(want.get(y, x, 0), (rgb >> 16) & 0xFF);
          assertEquals(want.get(y, x, 2), rgb & 0xFF);
        }
      }
    }
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      classes.add("n0" + i);
    }
    g.severities(1).writeImageNetC(set, dir.resolve("jpeg"), CorruptionGenerator.Format.JPEG, classes,
        List.of("a", "b", "c", "d", "e"));
    Path jpeg = dir.resolve("jpeg/motion_blur/1/n0" + set.labels()[2] + "/c.JPEG");
    BufferedImage decoded = ImageIO.read(jpeg.toFile());
    assertEquals(40, decoded.getWidth());
    long modified = Files.getLastModifiedTime(jpeg).toMillis();
    Files.setLastModifiedTime(jpeg, java.nio.file.attribute.FileTime.fromMillis(modified - 100_000));
    g.resume(true).writeImageNetC(set, dir.resolve("jpeg"), CorruptionGenerator.Format.JPEG, classes,
        List.of("a", "b", "c", "d", "e"));
    assertEquals(modified - 100_000, Files.getLastModifiedTime(jpeg).toMillis(), "resume keeps finished files");
  }

  @Test
  void rejectsSetsThatDoNotFitTheLayout(@TempDir Path dir) {
    ImageSet many = new ImageSet(1, 4, 4, 3, new byte[48], new int[] {300}, 1000);
    DatasetException e = assertThrows(DatasetException.class, () -> new CorruptionGenerator().writeCifarC(many, dir));
    assertTrue(e.getMessage().contains("labels are uint8"));
    assertThrows(IllegalArgumentException.class, () -> new CorruptionGenerator().severities(0));
  }

  @Test
  void frostReadsPublishedTexturesFromADirectory(@TempDir Path dir) throws Exception {
    DatasetException missing = assertThrows(DatasetException.class, () -> Corruptions.all(dir));
    assertTrue(missing.getMessage().startsWith(dir.resolve("frost1.png") + ": missing frost image"));
    for (String name : FrostTextures.FILE_NAMES) {
      BufferedImage bi = new BufferedImage(300, 250, BufferedImage.TYPE_3BYTE_BGR);
      for (int y = 0; y < 250; y++) {
        for (int x = 0; x < 300; x++) {
          bi.setRGB(x, y, 0xC8DCF0);
        }
      }
      ImageIO.write(bi, name.endsWith(".png") ? "png" : "jpg", dir.resolve(name).toFile());
    }
    Corruption frost = Corruptions.of("frost", dir);
    assertFalse(frost.usesProceduralTexture());
    Image black = Image.zeros(32, 32, 3);
    Image out = frost.apply(black, 1, Preset.CIFAR, new SplittableRandom(1));
    // y = 1 * 0 + 0.2 * (200, 220, 240), truncated; JPEG textures may be off by one level before scaling
    assertEquals(40, out.get(5, 5, 0), 1);
    assertEquals(44, out.get(5, 5, 1), 1);
    assertEquals(48, out.get(5, 5, 2), 1);
  }
}
