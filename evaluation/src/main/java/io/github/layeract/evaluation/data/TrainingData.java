package io.github.layeract.evaluation.data;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.pipeline.InputPipeline;
import io.github.layeract.datasets.pipeline.PipelineConfig;
import io.github.layeract.models.InputShape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The labelled images a run trains and validates on: decoded in memory, or image files that the in-graph pipeline
 * reads and decodes batch by batch (so the set need not fit in memory).
 */
public sealed interface TrainingData {

  /** Number of images. */
  int count();

  /** Their labels, in {@code [0, classes())}. */
  int[] labels();

  /** Number of classes. */
  int classes();

  /** The images at {@code indices}, in that order. */
  TrainingData subset(int[] indices);

  /** An input pipeline for this kind of data; {@link #initialize} feeds it. */
  InputPipeline pipeline(Ops tf, String name, InputShape input, PipelineConfig config);

  /** (Re)starts {@code pipeline} on these images. */
  void initialize(Session session, InputPipeline pipeline);

  /** Whether the images are files (so augmentations must produce a fixed size). */
  default boolean files() {
    return this instanceof Files;
  }

  /** Decoded images in memory. */
  record InMemory(ImageSet set) implements TrainingData {
    @Override
    public int count() {
      return set.count();
    }

    @Override
    public int[] labels() {
      return set.labels();
    }

    @Override
    public int classes() {
      return set.classes();
    }

    @Override
    public TrainingData subset(int[] indices) {
      return new InMemory(set.subset(indices));
    }

    @Override
    public InputPipeline pipeline(Ops tf, String name, InputShape input, PipelineConfig config) {
      return InputPipeline.fromImages(tf, name, input.height(), input.width(), input.channels(), config);
    }

    @Override
    public void initialize(Session session, InputPipeline pipeline) {
      pipeline.initialize(session, set);
    }
  }

  /** Image files with their labels (e.g. an image folder's training split). */
  record Files(ImageFolder.Listing listing) implements TrainingData {
    @Override
    public int count() {
      return listing.size();
    }

    @Override
    public int[] labels() {
      return listing.labels();
    }

    @Override
    public int classes() {
      return listing.classes().size();
    }

    @Override
    public TrainingData subset(int[] indices) {
      List<Path> files = Arrays.stream(indices).mapToObj(listing.files()::get).toList();
      int[] labels = Arrays.stream(indices).map(i -> listing.labels()[i]).toArray();
      return new Files(new ImageFolder.Listing(listing.root(), listing.classes(), files, labels));
    }

    @Override
    public InputPipeline pipeline(Ops tf, String name, InputShape input, PipelineConfig config) {
      return InputPipeline.fromFiles(tf, name, input.channels(), config);
    }

    @Override
    public void initialize(Session session, InputPipeline pipeline) {
      pipeline.initialize(session, listing.files(), listing.labels());
    }
  }
}
