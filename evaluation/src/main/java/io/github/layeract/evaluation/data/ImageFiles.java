package io.github.layeract.evaluation.data;

import io.github.layeract.datasets.pipeline.Augmentation;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.models.InputShape;
import java.util.Arrays;
import java.util.Set;

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
