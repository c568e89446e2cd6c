package io.github.layeract.datasets;

import io.github.layeract.datasets.pipeline.Normalization;

/**
 * Facts about a named dataset.
 *
 * @param name the name users type, e.g. {@code cifar10}
 * @param description one line
 * @param classes number of classes (-1: given by the folders, see {@link Datasets#describe})
 * @param height image rows as stored or served (-1: given by the files)
 * @param width image columns (-1: given by the files)
 * @param channels 1 or 3
 * @param trainSize training images (-1: none or unknown); for corrupted sets 0
 * @param testSize test images; for corrupted sets, images per corruption and severity
 * @param normalization the published per-channel normalisation, or {@code null} to compute it from the training set
 * @param corrupted whether it is a corruption benchmark ({@code <corruption>} x severities 1..5)
 * @param downloadable whether {@link Datasets#download} can fetch it
 */
public record DatasetInfo(String name, String description, int classes, int height, int width, int channels,
    int trainSize, int testSize, Normalization normalization, boolean corrupted, boolean downloadable) {

  /** {@code [height, width, channels]}. */
  public int[] shape() {
    return new int[] {height, width, channels};
  }
}
