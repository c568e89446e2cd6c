package io.github.layeract.datasets.pipeline;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.StatelessSampleDistortedBoundingBox;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * What a pipeline does to each image between "uint8 to [0, 1]" and normalisation, as in-graph ops on one HWC
 * float image. Random choices use stateless random ops keyed by a per-element seed, so a seeded pipeline is
 * reproducible and its parallel map deterministic.
 */
public sealed interface Augmentation {

  /** No change. Images keep their size (files must then all have the same size). */
  Augmentation NONE = new None();
  /** The paper's CIFAR training augmentation: 4-pixel zero padding, random 32 x 32 crop, horizontal flip. */
  Augmentation CIFAR_TRAIN = new PadCropFlip(4);
  /** The paper's ImageNet training augmentation: RandomResizedCrop(224) and horizontal flip. */
  Augmentation IMAGENET_TRAIN = new RandomResizedCropFlip(224);
  /** The paper's ImageNet evaluation: resize the shorter side to 256, then a 224 x 224 center crop. */
  Augmentation IMAGENET_EVAL = new ResizeCenterCrop(256, 224);
  /**
   * ImageNet-C evaluation: its images are already 224 x 224 and get no resize (the paper: ToTensor + Normalize);
   * this is the identity on them and brings an image of any other size to 224 x 224.
   */
  Augmentation IMAGENET_C_EVAL = new ResizeCenterCrop(224, 224);

  /**
   * Applies the augmentation.
   *
   * @param f ops of the map function
   * @param image one image, HWC float32 in [0, 1]
   * @param seed an int64 vector of shape [2], different for every element and epoch position
   * @return the augmented image, HWC float32 in [0, 1]
   */
  Operand<TFloat32> apply(Ops f, Operand<TFloat32> image, Operand<TInt64> seed);

  /** The output height and width for an input of {@code height x width} (-1 = unknown). */
  int[] outputSize(int height, int width);

  /** Whether the output size does not depend on the input's (required for images read from files). */
  default boolean fixedOutputSize() {
    return outputSize(-1, -1)[0] > 0;
  }

  /** Whether it draws random numbers (a training augmentation). */
  boolean random();

  /** Identity. */
  record None() implements Augmentation {
    @Override
    public Operand<TFloat32> apply(Ops f, Operand<TFloat32> image, Operand<TInt64> seed) {
      return image;
    }

    @Override
    public int[] outputSize(int height, int width) {
      return new int[] {height, width};
    }

    @Override
    public boolean random() {
      return false;
    }
  }

  /**
   * Zero-pad {@code pad} pixels on every side (zero in [0, 1] space, i.e. black before normalisation), take a
   * random crop of the original size (offsets uniform in {@code [0, 2 pad]}), and mirror left-right with
   * probability 1/2. Equivalent to torchvision's {@code RandomCrop(size, padding=pad)} +
   * {@code RandomHorizontalFlip()}.
   */
  record PadCropFlip(int pad) implements Augmentation {
    public PadCropFlip {
      if (pad < 0) {
        throw new IllegalArgumentException("padding must be >= 0, got " + pad);
      }
    }

    @Override
    public Operand<TFloat32> apply(Ops f, Operand<TFloat32> image, Operand<TInt64> seed) {
      Operand<TInt32> shape = f.shape(image);
      Operand<TFloat32> padded = f.pad(image, f.constant(new int[][] {{pad, pad}, {pad, pad}, {0, 0}}),
          f.constant(0f));
      Operand<TInt32> offsets = f.random.statelessRandomUniformInt(f.constant(new int[] {2}), seed,
          f.constant(0), f.constant(2 * pad + 1));
      Operand<TInt32> begin = f.concat(java.util.List.of(offsets, f.constant(new int[] {0})), f.constant(0));
      return flip(f, f.slice(padded, begin, shape), seed);
    }

    @Override
    public int[] outputSize(int height, int width) {
      return new int[] {height, width};
    }

    @Override
    public boolean random() {
      return true;
    }
  }

  /**
   * Inception-style random-resized crop, as torchvision's {@code RandomResizedCrop(size)}: a box covering 8% to
   * 100% of the area with aspect ratio in [3/4, 4/3] (up to 10 attempts, else the whole image), resized
   * bilinearly to {@code size x size}; then a horizontal flip with probability 1/2.
   */
  record RandomResizedCropFlip(int size) implements Augmentation {
    @Override
    public Operand<TFloat32> apply(Ops f, Operand<TFloat32> image, Operand<TInt64> seed) {
      StatelessSampleDistortedBoundingBox<TInt32> box = f.image.statelessSampleDistortedBoundingBox(
          f.shape(image), f.constant(new float[][][] {{{0f, 0f, 1f, 1f}}}), f.constant(0f), seed,
          StatelessSampleDistortedBoundingBox.aspectRatioRange(java.util.List.of(0.75f, 4f / 3f)),
          StatelessSampleDistortedBoundingBox.areaRange(java.util.List.of(0.08f, 1f)),
          StatelessSampleDistortedBoundingBox.maxAttempts(10L),
          StatelessSampleDistortedBoundingBox.useImageIfNoBoundingBoxes(true));
      Operand<TFloat32> crop = f.slice(image, box.begin(), box.sizeOutput());
      return flip(f, resizeBilinear(f, crop, f.constant(new int[] {size, size})), seed);
    }

    @Override
    public int[] outputSize(int height, int width) {
      return new int[] {size, size};
    }

    @Override
    public boolean random() {
      return true;
    }
  }

  /**
   * Resize so the shorter side is {@code resize} (the longer one {@code floor(resize * long / short)}, as
   * torchvision's {@code Resize(int)}), bilinearly, then take the central {@code crop x crop} window (top-left at
   * {@code round((h - crop) / 2)}, {@code round((w - crop) / 2)}).
   */
  record ResizeCenterCrop(int resize, int crop) implements Augmentation {
    public ResizeCenterCrop {
      if (crop > resize) {
        throw new IllegalArgumentException("crop " + crop + " is larger than the resized side " + resize);
      }
    }

    @Override
    public Operand<TFloat32> apply(Ops f, Operand<TFloat32> image, Operand<TInt64> seed) {
      Operand<TFloat32> hw = f.dtypes.cast(f.slice(f.shape(image), f.constant(new int[] {0}),
          f.constant(new int[] {2})), TFloat32.class);
      Operand<TFloat32> shorter = f.min(hw, f.constant(0));
      Operand<TFloat32> scaled = f.math.floor(f.math.div(f.math.mul(hw, f.constant((float) resize)), shorter));
      Operand<TFloat32> target = f.math.maximum(scaled, f.constant((float) resize));
      Operand<TFloat32> resized = resizeBilinear(f, image, f.dtypes.cast(target, TInt32.class));
      Operand<TInt32> top = f.dtypes.cast(f.math.round(f.math.div(f.math.sub(target, f.constant((float) crop)),
          f.constant(2f))), TInt32.class);
      Operand<TInt32> begin = f.concat(java.util.List.of(top, f.constant(new int[] {0})), f.constant(0));
      return f.slice(resized, begin, f.constant(new int[] {crop, crop, -1}));
    }

    @Override
    public int[] outputSize(int height, int width) {
      return new int[] {crop, crop};
    }

    @Override
    public boolean random() {
      return false;
    }
  }

  /** Bilinear resize of one HWC image to {@code size = [h, w]}, pixel centres aligned (torchvision's convention). */
  private static Operand<TFloat32> resizeBilinear(Ops f, Operand<TFloat32> image, Operand<TInt32> size) {
    Operand<TFloat32> batch = f.expandDims(image, f.constant(0));
    return f.squeeze(f.image.resizeBilinear(batch, size, ResizeBilinear.halfPixelCenters(true)),
        org.tensorflow.op.core.Squeeze.axis(java.util.List.of(0L)));
  }

  /** Mirrors left-right when a stateless coin (keyed by {@code seed} with its first word changed) shows heads. */
  private static Operand<TFloat32> flip(Ops f, Operand<TFloat32> image, Operand<TInt64> seed) {
    Operand<TInt64> coinSeed = f.math.add(seed, f.constant(new long[] {0x5DEECE66DL, 0}));
    Operand<TFloat32> u = f.random.statelessRandomUniform(f.constant(new int[0]), coinSeed, TFloat32.class);
    return f.select(f.math.less(u, f.constant(0.5f)), f.reverse(image, f.constant(new int[] {1})), image);
  }
}
