package io.github.layeract.evaluation.data;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.pipeline.Augmentation;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.models.InputShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/**
 * The datasets stored as image folders ({@code imagenet}, {@code image-folder}), which {@code train} and
 * {@code evaluate} stream from their files instead of loading, and the per-image transforms they use for a model
 * input of {@code S x S}:
 *
 * <pre>
 *   training     random-resized crop to S x S + flip (torchvision's RandomResizedCrop(S))
 *   evaluation   shorter side resized to round(S * 256 / 224), central S x S crop (ImageNet's 256 -> 224 at S = 224)
 *   corrupted    shorter side resized to S, central S x S crop (ImageNet-C's images are already 224 x 224)
 * </pre>
 */
public final class ImageFiles {

  private static final Set<String> DATASETS = Set.of("imagenet", "image-folder");

  private ImageFiles() {}

  /** True when {@code dataset} is read from image files (streamed), not loaded whole. */
  public static boolean streamed(String dataset) {
    return DATASETS.contains(dataset);
  }

  /**
   * TF's decoder fails a batch of streamed files with "Unknown image file format" and no file name; this names the
   * first of {@code files} that does not start as a JPEG, PNG, GIF or BMP does (only read when decoding failed), or
   * returns {@code e} when they all do.
   */
  public static RuntimeException named(TFInvalidArgumentException e, List<Path> files) {
    if (String.valueOf(e.getMessage()).contains("image file format")) {
      for (Path f : files) {
        if (!looksLikeAnImage(f)) {
          return new DatasetException(f, "not a readable JPEG or PNG image");
        }
      }
    }
    return e;
  }

  private static boolean looksLikeAnImage(Path file) {
    byte[] b;
    try (InputStream in = Files.newInputStream(file)) {
      b = in.readNBytes(4);
    } catch (IOException e) {
      return false;
    }
    String head = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    return head.startsWith("\u00ff\u00d8\u00ff") || head.equals("\u0089PNG") || head.startsWith("GIF8")
        || head.startsWith("BM");
  }

  /** The training augmentation: random-resized crop and flip to the (square) input. */
  public static Augmentation training(InputShape input) {
    return new Augmentation.RandomResizedCropFlip(side(input));
  }

  /** The clean evaluation transform: resize to {@code round(S * 256 / 224)}, central {@code S x S} crop. */
  public static Augmentation evaluation(InputShape input) {
    int s = side(input);
    return new Augmentation.ResizeCenterCrop((int) Math.round(s * 256.0 / 224), s);
  }

  /** The transform of published corrupted images (already at the input size): resize to S, central crop. */
  public static Augmentation corrupted(InputShape input) {
    int s = side(input);
    return new Augmentation.ResizeCenterCrop(s, s);
  }

  /** A normalisation that maps [0, 1] back to [0, 255], to hand pipeline output to uint8 classifiers. */
  static Normalization bytes(int channels) {
    float[] std = new float[channels];
    Arrays.fill(std, 1f / 255f);
    return new Normalization(new float[channels], std);
  }

  private static int side(InputShape input) {
    if (input.height() != input.width()) {
      throw new IllegalArgumentException("image files are cropped to a square input, got " + input.height() + "x"
          + input.width());
    }
    return input.height();
  }
}
