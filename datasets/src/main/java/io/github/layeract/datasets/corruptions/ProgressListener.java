package io.github.layeract.datasets.corruptions;

/**
 * Progress of a long corruption job, for a progress bar or log lines. Called on the thread that started the job
 * (never concurrently), after each finished chunk of images, with monotonically increasing {@code done}.
 */
@FunctionalInterface
public interface ProgressListener {

  /** Ignores all progress. */
  ProgressListener NONE = (done, total, label) -> { };

  /**
   * @param done images finished so far (over the whole job)
   * @param total images in the whole job
   * @param label what is being worked on, e.g. {@code "gaussian_noise s3"}
   */
  void progress(long done, long total, String label);
}
