package io.github.layeract.datasets;

/**
 * A dataset's files are not where they were looked for (or the dataset needs a folder that was not given). The
 * message says where it looked and what it wants in plain words; an application adds how its users give a folder
 * or ask for a download, e.g. a CLI's flags.
 */
public class MissingDataException extends DatasetException {

  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final boolean downloadable;

  /**
   * @param dataset the dataset's name
   * @param downloadable whether a download can fetch it
   */
  public MissingDataException(String dataset, boolean downloadable, String message) {
    super(message);
    this.dataset = dataset;
    this.downloadable = downloadable;
  }

  /** The dataset's name. */
  public String dataset() {
    return dataset;
  }

  /** Whether {@link Datasets#download} can fetch it. */
  public boolean downloadable() {
    return downloadable;
  }
}
