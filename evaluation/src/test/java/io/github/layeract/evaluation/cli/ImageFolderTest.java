package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.data.ImageFiles;
import io.github.layeract.evaluation.data.TestImages;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.run.Runs;
import io.github.layeract.models.InputShape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train -> evaluate on an image-folder dataset streamed from PNG files: training crops the (non-square, larger)
 * training images to the 32x32x3 input; evaluation resizes and crops the clean test images and reads a published
 * ImageNet-C style folder. The accuracies are recomputed from the pixels the test wrote, through the run's own
 * inference graph.
 */
class ImageFolderTest {

  private static final String[] CLASSES = {"blue", "green", "red"};
  private static final int SIDE = 32;
  /** Clean test images: 37x37, which the evaluation transform keeps (resize to round(32 * 256 / 224) = 37). */
  private static final int TEST_SIDE = 37;

  @Test
  void trainAndEvaluateStreamFromImageFiles(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Random rng = new Random(5);
    for (int c = 0; c < CLASSES.length; c++) {
      for (int i = 0; i < 10; i++) {
        write(data.resolve("train").resolve(CLASSES[c]).resolve(i + ".png"), c, 40 + i, 36 + 2 * i, rng);
      }
    }
    List<byte[]> clean = new ArrayList<>();
    List<byte[]> fog = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < CLASSES.length; c++) {
      for (int i = 0; i < 4; i++) {
        clean.add(write(data.resolve("test").resolve(CLASSES[c]).resolve(i + ".png"), c, TEST_SIDE, TEST_SIDE, rng));
        fog.add(write(dir.resolve("c/fog/3").resolve(CLASSES[c]).resolve(i + ".png"), c, SIDE, SIDE, rng));
        labels.add(c);
      }
    }
    Path run = dir.resolve("run");
    assertEquals(0, Main.execute("train", "--dataset", "image-folder", "--data-dir", data.toString(), "--input-shape",
        "32x32x3", "--model", "resnet8", "--activation", "la_silu", "--iterations", "3", "--batch", "8",
        "--val-fraction", "0.2", "--out", run.toString()));
    JsonNode cfg = Output.readJson(run.resolve("config.json"));
    assertEquals("random_resized_crop_flip", cfg.get("augmentation").asText());
    assertEquals(List.of(32, 32, 3), List.of(cfg.get("input").get(0).asInt(), cfg.get("input").get(1).asInt(),
        cfg.get("input").get(2).asInt()));
    assertEquals(3, cfg.get("classes").asInt());

    Path report = dir.resolve("eval");
    assertEquals(0, Main.execute("evaluate", "--run", run.toString(), "--dataset", "image-folder", "--data-dir",
        data.toString(), "--source", "published", "--c-data-dir", dir.resolve("c").toString(), "--corruptions",
        "fog", "--severities", "3", "--out", report.toString()));
    JsonNode r = Output.readJson(report.resolve("report.json"));
    int top = 2;   // the crop starts at round((37 - 32) / 2) = round(2.5), which TF rounds half to even
    try (InferenceModel m = Runs.open(run)) {
      assertEquals(accuracy(m, crop(clean, top), labels), r.get("clean").asDouble(), 1e-9, "clean, center crop");
      assertEquals(accuracy(m, fog, labels), r.get("corruptions").get("fog").get("accuracy").get("3").asDouble(),
          1e-9, "published fog, at the input size already");
    }
    assertEquals(12, r.get("clean_images").asInt());
    // the streamed pixels themselves: the clean crop and the published images, exactly
    InputShape input = new InputShape(SIDE, SIDE, 3);
    assertEquals(concat(crop(clean, top)), streamed(TestImages.files(Datasets.listFiles("image-folder", Split.TEST,
        data), input, ImageFiles.evaluation(input)), labels));
    assertEquals(concat(fog), streamed(TestImages.files(ImageFolder.list(dir.resolve("c/fog/3"), List.of(CLASSES)),
        input, ImageFiles.corrupted(input)), labels));
    assertTrue(Files.isRegularFile(report.resolve("report.md")));
  }

  @Test
  void aStreamedFileThatIsNotAnImageIsNamed(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Random rng = new Random(6);
    for (String split : List.of("train", "test")) {
      for (int c = 0; c < CLASSES.length; c++) {
        for (int i = 0; i < 3; i++) {
          write(data.resolve(split).resolve(CLASSES[c]).resolve(i + ".png"), c, SIDE, SIDE, rng);
        }
      }
    }
    Path notes = Files.writeString(data.resolve("train/green/notes.png"), "not a picture");
    // 2 epochs of the 8 training images: every file is decoded, whichever split it falls in
    CliRun r = CliRun.run("train", "--dataset", "image-folder", "--data-dir", data.toString(), "--input", "32x32x3",
        "--model", "mlp", "--hidden-width", "8", "--iterations", "4", "--batch", "4", "--val-fraction", "0.2",
        "--out", dir.resolve("run").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().strip().endsWith("error: " + notes + ": not a readable JPEG or PNG image"), r.err());

    Path broken = Files.write(data.resolve("test/red/2.png"), new byte[] {1, 2, 3});
    InputShape input = new InputShape(SIDE, SIDE, 3);
    TestImages test = TestImages.files(Datasets.listFiles("image-folder", Split.TEST, data), input,
        ImageFiles.evaluation(input));
    DatasetException e = assertThrows(DatasetException.class, () -> test.forEachBatch(4, (pixels, n, l) -> { }));
    assertEquals(broken + ": not a readable JPEG or PNG image", e.getMessage());
  }

  /** Writes a PNG of class {@code c} (its colour channel bright, noise elsewhere); returns its RGB bytes. */
  private static byte[] write(Path file, int c, int width, int height, Random rng) throws Exception {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] v = new int[3];
        for (int k = 0; k < 3; k++) {
          v[k] = (2 - k == c ? 40 : 0) + rng.nextInt(200);   // classes blue, green, red: channels 2, 1, 0
          rgb[(y * width + x) * 3 + k] = (byte) v[k];
        }
        img.setRGB(x, y, v[0] << 16 | v[1] << 8 | v[2]);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
    return rgb;
  }

  private static List<byte[]> crop(List<byte[]> images, int top) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] img : images) {
      byte[] c = new byte[SIDE * SIDE * 3];
      for (int y = 0; y < SIDE; y++) {
        System.arraycopy(img, ((y + top) * TEST_SIDE + top) * 3, c, y * SIDE * 3, SIDE * 3);
      }
      out.add(c);
    }
    return out;
  }

  /** All pixels in order, as a list (for a readable comparison), after checking the labels batch by batch. */
  private static List<Byte> streamed(TestImages images, List<Integer> labels) {
    List<Byte> out = new ArrayList<>();
    images.forEachBatch(5, (pixels, n, l) -> {
      for (int i = 0; i < n; i++) {
        assertEquals(labels.get(out.size() / (SIDE * SIDE * 3) + i), l[i]);
      }
      for (byte b : pixels) {
        out.add(b);
      }
    });
    return out;
  }

  private static List<Byte> concat(List<byte[]> images) {
    List<Byte> out = new ArrayList<>();
    images.forEach(img -> {
      for (byte b : img) {
        out.add(b);
      }
    });
    return out;
  }

  private static double accuracy(InferenceModel m, List<byte[]> images, List<Integer> labels) {
    byte[] all = new byte[images.size() * SIDE * SIDE * 3];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, all, i * SIDE * SIDE * 3, SIDE * SIDE * 3);
    }
    int[] predicted = m.predict(all, images.size());
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      correct += predicted[i] == labels.get(i) ? 1 : 0;
    }
    return 100.0 * correct / images.size();
  }
}
