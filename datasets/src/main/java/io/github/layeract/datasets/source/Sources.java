package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The registry: every dataset source by the name users type, in a stable order. A new format adds one line. */
public final class Sources {

  /** The bundled Fashion-MNIST sample's name. */
  public static final String SAMPLE = SampleSource.NAME;

  private static final Map<String, DatasetSource> BY_NAME = new LinkedHashMap<>();

  static {
    for (DatasetSource s : List.of(IdxSource.fashionMnist(), new SampleSource(), IdxSource.mnist(),
        CifarBinarySource.cifar10(), CifarBinarySource.cifar100(), CifarCSource.cifar10c(), CifarCSource.cifar100c(),
        ImageFolderSource.imagenet(), new ImageNetCSource(), ImageFolderSource.imageFolder())) {
      BY_NAME.put(s.info().name(), s);
    }
  }

  private Sources() {}

  /** Every source, in the registry's order. */
  public static List<DatasetSource> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The source called {@code name} (case-insensitive). @throws DatasetException for an unknown name */
  public static DatasetSource get(String name) {
    DatasetSource s = BY_NAME.get(name.toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new DatasetException("unknown dataset '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    return s;
  }
}
