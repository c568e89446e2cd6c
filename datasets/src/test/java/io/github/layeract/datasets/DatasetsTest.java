package io.github.layeract.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.layeract.datasets.io.CifarBinary;
import io.github.layeract.datasets.io.Idx;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.io.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

  @TempDir Path dir;

  @Test
  void everyNameHasItsFacts() {
    assertEquals(List.of("fashion-mnist", "fashion-mnist-sample", "mnist", "cifar10", "cifar100", "cifar10-c",
        "cifar100-c", "imagenet", "imagenet-c", "image-folder"), Datasets.names());
    assertArrayEquals(new int[] {28, 28, 1}, Datasets.info("fashion-mnist").shape());
    assertEquals(100, Datasets.info("CIFAR100").classes());
    assertEquals(50_000, Datasets.info("cifar10").trainSize());
    assertEquals(1000, Datasets.info("imagenet-c").classes());
    assertTrue(Datasets.info("cifar10-c").corrupted());
    assertEquals(java.util.Optional.of("cifar100-c"), Datasets.corruptedVariant("cifar100"));
    assertEquals(java.util.Optional.of("imagenet-c"), Datasets.corruptedVariant("imagenet"));
    assertTrue(Datasets.corruptedVariant("mnist").isEmpty());
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.info("svhn"));
    assertTrue(e.getMessage().startsWith("unknown dataset 'svhn'; known: fashion-mnist, "), e.getMessage());
  }

  @Test
  void missingDataSaysHowToGetItWithoutNamingCliFlags() {
    MissingDataException e = assertThrows(MissingDataException.class,
        () -> Datasets.load("fashion-mnist", Split.TRAIN, dir.resolve("nothing")));
    String m = e.getMessage();
    assertTrue(m.startsWith("fashion-mnist: data not found (looked for the IDX files"), m);
    assertTrue(m.contains("apt-get install dataset-fashion-mnist") && m.contains("download it into")
        && m.contains("give a folder holding"), m);
    assertTrue(e.downloadable() && e.dataset().equals("fashion-mnist"));
    assertFalse(m.contains("\n"), m);
    MissingDataException c = assertThrows(MissingDataException.class, () -> Datasets.load("cifar10", Split.TEST, dir));
    assertTrue(c.getMessage().contains("download it into") && !c.getMessage().contains("apt-get"), c.getMessage());
    MissingDataException i = assertThrows(MissingDataException.class, () -> Datasets.locate("imagenet", dir));
    assertTrue(i.getMessage().contains("cannot be downloaded automatically") && !i.downloadable(), i.getMessage());
    MissingDataException f = assertThrows(MissingDataException.class,
        () -> Datasets.listFiles("image-folder", Split.TRAIN, null));
    assertTrue(f.getMessage().startsWith("image-folder needs a folder holding train/<class>/*"), f.getMessage());
    for (Exception x : List.of(e, c, i, f)) {
      assertFalse(x.getMessage().contains("--"), x.getMessage());
    }
  }

  @Test
  void theSampleLoadsByName() {
    assertEquals(10_000, Datasets.load(Datasets.SAMPLE, Split.TRAIN, null).count());
    assertEquals(2_000, Datasets.load(Datasets.SAMPLE, Split.TEST, null).count());
  }

  @Test
  void fashionMnistIsFoundWhereDebianInstallsIt() {
    assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
    assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), Datasets.locate("fashion-mnist", null));
    ImageSet test = Datasets.load("fashion-mnist", Split.TEST, null);
    assertEquals(10_000, test.count());
    int[] thousand = new int[10];
    Arrays.fill(thousand, 1000);
    assertArrayEquals(thousand, Splits.classCounts(test));
  }

  @Test
  void idxAndCifarSetsLoadFromADataDirOrItsArchiveSubfolder() throws IOException {
    ImageSet small = FashionMnistSample.test().subset(new int[] {0, 1, 2});
    Idx.writeImages(dir.resolve("mnist/t10k-images-idx3-ubyte.gz"), small);
    Idx.writeLabels(dir.resolve("mnist/t10k-labels-idx1-ubyte.gz"), small);
    assertArrayEquals(small.pixels(), Datasets.load("mnist", Split.TEST, dir.resolve("mnist")).pixels());

    Path bin = dir.resolve("c10/cifar-10-batches-bin");
    Files.createDirectories(bin);
    ImageSet[] batches = new ImageSet[6];
    for (int b = 0; b < 6; b++) {
      byte[] px = new byte[2 * 3072];
      Arrays.fill(px, (byte) (b + 1));
      batches[b] = new ImageSet(2, 32, 32, 3, px, new int[] {b, 9 - b}, 10);
      CifarBinary.writeCifar10(bin.resolve(b < 5 ? "data_batch_" + (b + 1) + ".bin" : "test_batch.bin"), batches[b]);
    }
    assertEquals(bin, Datasets.locate("cifar10", dir.resolve("c10")));
    ImageSet train = Datasets.load("cifar10", Split.TRAIN, dir.resolve("c10"));
    assertEquals(10, train.count());
    assertArrayEquals(new int[] {0, 9, 1, 8, 2, 7, 3, 6, 4, 5}, train.labels());
    assertArrayEquals(new int[] {5, 4}, Datasets.load("cifar10", Split.TEST, dir.resolve("c10")).labels());
  }

  @Test
  void describeReportsTheCountsTheFilesHoldAndNamesATruncatedFile() throws IOException {
    Path mnist = dir.resolve("mnist");
    ImageSet train = FashionMnistSample.test().subset(new int[] {0, 1, 2, 3, 4});
    ImageSet test = FashionMnistSample.test().subset(new int[] {5, 6});
    Idx.writeImages(mnist.resolve("train-images-idx3-ubyte.gz"), train);
    Idx.writeLabels(mnist.resolve("train-labels-idx1-ubyte.gz"), train);
    // the test images uncompressed: the size check then uses the file size, not the gzip trailer
    Idx.writeImages(mnist.resolve("tmp.gz"), test);
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(mnist.resolve("tmp.gz")))) {
      Files.write(mnist.resolve("t10k-images-idx3-ubyte"), in.readAllBytes());
    }
    Files.delete(mnist.resolve("tmp.gz"));
    Idx.writeLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"), test);
    DatasetInfo info = Datasets.describe("mnist", mnist);
    assertEquals(5, info.trainSize());
    assertEquals(2, info.testSize());
    assertArrayEquals(new int[] {28, 28, 1}, info.shape());

    Path raw = mnist.resolve("t10k-images-idx3-ubyte");
    truncate(raw, 16 + 784 + 100);
    String m = assertThrows(DatasetException.class, () -> Datasets.describe("mnist", mnist)).getMessage();
    assertEquals(raw + ": truncated: holds 900 bytes but its header announces 1584", m);

    Path gz = mnist.resolve("train-images-idx3-ubyte.gz");
    truncate(gz, Files.size(gz) / 2);
    m = assertThrows(DatasetException.class, () -> Datasets.describe("mnist", mnist)).getMessage();
    assertTrue(m.startsWith(gz + ": "), m);

    Path bin = dir.resolve("c10");
    for (String f : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
        "data_batch_5.bin", "test_batch.bin")) {
      CifarBinary.writeCifar10(bin.resolve(f), new ImageSet(3, 32, 32, 3, new byte[3 * 3072], new int[3], 10));
    }
    info = Datasets.describe("cifar10", bin);
    assertEquals(15, info.trainSize());
    assertEquals(3, info.testSize());
    truncate(bin.resolve("data_batch_4.bin"), 3073 + 10);
    m = assertThrows(DatasetException.class, () -> Datasets.describe("cifar10", bin)).getMessage();
    assertTrue(m.startsWith(bin.resolve("data_batch_4.bin") + ": truncated or not a CIFAR-10 binary file"), m);

    Path c = dir.resolve("CIFAR-10-C");
    Npy.writeUint8(c.resolve("fog.npy"), new byte[10 * 3072], 10, 32, 32, 3);
    Npy.writeUint8(c.resolve("labels.npy"), new byte[10], 10);
    assertEquals(2, Datasets.describe("cifar10-c", dir).testSize());
    truncate(c.resolve("fog.npy"), 4000);
    m = assertThrows(DatasetException.class, () -> Datasets.describe("cifar10-c", dir)).getMessage();
    assertTrue(m.startsWith(c.resolve("fog.npy") + ": "), m);
  }

  private static void truncate(Path file, long size) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  @Test
  void corruptedCifarLoadsOneSeverity() {
    Path c = dir.resolve("CIFAR-100-C");
    byte[] px = new byte[10 * 3072];
    for (int i = 0; i < 10; i++) {
      Arrays.fill(px, i * 3072, (i + 1) * 3072, (byte) (10 * i));
    }
    Npy.writeUint8(c.resolve("gaussian_noise.npy"), px, 10, 32, 32, 3);
    Npy.writeUint8(c.resolve("labels.npy"), new byte[] {5, 99, 5, 99, 5, 99, 5, 99, 5, 99}, 10);
    assertEquals(List.of("gaussian_noise"), Datasets.corruptions("cifar100-c", dir));
    ImageSet s5 = Datasets.loadCorrupted("cifar100-c", "gaussian_noise", 5, dir);
    assertEquals(2, s5.count());
    assertEquals(80, s5.image(0).get(0, 0, 0));
    assertArrayEquals(new int[] {5, 99}, s5.labels());
    assertEquals(100, s5.classes());
    assertThrows(DatasetException.class, () -> Datasets.load("cifar100-c", Split.TEST, dir));
  }

  @Test
  void imageFoldersShareClassIndicesBetweenSplits() throws IOException {
    png(dir.resolve("train/zebra/1.png"), 7);
    png(dir.resolve("train/ant/1.png"), 8);
    png(dir.resolve("val/zebra/2.png"), 9);
    DatasetInfo info = Datasets.describe("image-folder", dir);
    assertEquals(2, info.classes());
    assertArrayEquals(new int[] {5, 6, 3}, info.shape());
    assertEquals(2, info.trainSize());
    assertEquals(1, info.testSize());
    ImageSet test = Datasets.load("image-folder", Split.TEST, dir);
    assertArrayEquals(new int[] {1}, test.labels(), "zebra is class 1 of the training folders");
    assertEquals(9, test.image(0).get(0, 0, 0));
    assertThrows(DatasetException.class, () -> Datasets.load("image-folder", Split.TRAIN, null));

    png(dir.resolve("inc/fog/3/n01/a.png"), 1);
    png(dir.resolve("inc/fog/3/n02/b.png"), 2);
    assertEquals(List.of("fog"), Datasets.corruptions("imagenet-c", dir.resolve("inc")));
    ImageFolder.Listing l = Datasets.listCorruptedFiles("imagenet-c", "fog", 3, dir.resolve("inc"));
    assertArrayEquals(new int[] {0, 1}, l.labels());
    assertThrows(DatasetException.class, () -> Datasets.listCorruptedFiles("imagenet-c", "fog", 2, dir.resolve("inc")));
  }

  private static void png(Path file, int value) throws IOException {
    BufferedImage b = new BufferedImage(6, 5, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 6; x++) {
        b.setRGB(x, y, value * 0x010101);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(b, "png", file.toFile());
  }
}
