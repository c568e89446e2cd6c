package io.github.layeract.datasets.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.io.ImageFolderTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** Pipelines that decode image files in the graph: the ImageNet evaluation and training transforms. */
class FilePipelineTest {

  @TempDir Path dir;

  @Test
  void evaluationResizesTheShorterSideTo256AndCropsTheCentre() throws IOException {
    // shorter side already 256: the resize is the identity, so the output is exactly rows 16..239, cols 38..261
    Image wide = ImageFolderTest.png(dir.resolve("wide/a/wide.png"), 256, 300, 3);
    InputPipelineTest.Batch b = evaluate(dir.resolve("wide"), Augmentation.IMAGENET_EVAL);
    assertArrayEquals(new int[] {1, 224, 224, 3}, new int[] {b.n(), b.h(), b.w(), b.c()});
    assertCrop(wide, 16, 38, b);
    // ImageNet-C's 224 x 224 images pass unchanged
    Image square = ImageFolderTest.png(dir.resolve("square/b/square.png"), 224, 224, 90);
    assertCrop(square, 0, 0, evaluate(dir.resolve("square"), Augmentation.IMAGENET_C_EVAL));
  }

  private static InputPipelineTest.Batch evaluate(Path root, Augmentation augmentation) {
    ImageFolder.Listing l = ImageFolder.list(root);
    try (Graph g = new Graph();
        InputPipeline p = InputPipeline.fromFiles(Ops.create(g), "eval", 3,
            PipelineConfig.evaluation(2, augmentation, Normalization.none(3)));
        Session s = new Session(g)) {
      p.initialize(s, l.files(), l.labels());
      List<InputPipelineTest.Batch> batches = InputPipelineTest.drain(s, p);
      assertEquals(1, batches.size());
      return batches.get(0);
    }
  }

  private static void assertCrop(Image source, int top, int left, InputPipelineTest.Batch b) {
    for (int y = 0; y < b.h(); y++) {
      for (int x = 0; x < b.w(); x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(source.get(y + top, x + left, c) / 255f, b.at(0, y, x, c), 1e-6f);
        }
      }
    }
  }

  @Test
  void trainingServesRandomResizedCropsOf224() throws IOException {
    for (int i = 0; i < 4; i++) {
      ImageFolderTest.png(dir.resolve("c" + (i % 2) + "/" + i + ".png"), 120 + 10 * i, 90, 17 * i);
    }
    ImageFolder.Listing l = ImageFolder.list(dir);
    float[][] runs = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (Graph g = new Graph();
          InputPipeline p = InputPipeline.fromFiles(Ops.create(g), "train", 3,
              PipelineConfig.training(4, 3, Augmentation.IMAGENET_TRAIN, Normalization.none(3)));
          Session s = new Session(g)) {
        p.initialize(s, l.files(), l.labels());
        InputPipelineTest.Batch b = InputPipelineTest.next(s, p);
        assertArrayEquals(new int[] {4, 224, 224, 3}, new int[] {b.n(), b.h(), b.w(), b.c()});
        for (float v : b.images()) {
          assertTrue(v >= 0f && v <= 1f, "pixel " + v);
        }
        runs[run] = b.images();
      }
    }
    assertArrayEquals(runs[0], runs[1], "seeded: the same crops on every run");
  }
}
