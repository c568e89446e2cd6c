package io.github.layeract.datasets;

/** The part of a dataset: its training or its test (for ImageNet: validation) images. */
public enum Split {
  TRAIN,
  TEST
}
