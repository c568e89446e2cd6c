package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.cli.options.JsonOption;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.download.Downloader;
import io.github.layeract.evaluation.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layeract datasets}, {@code datasets info NAME}, {@code datasets download NAME}. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
    description = "List the datasets and where their files are found.",
    subcommands = {DatasetsCommand.Info.class, DatasetsCommand.Download.class})
final class DatasetsCommand implements Callable<Integer> {

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    List<List<String>> rows = new ArrayList<>();
    ArrayNode out = Output.JSON.createArrayNode();
    for (DatasetInfo d : Datasets.all()) {
      String where;
      try {
        where = Datasets.locate(d.name(), null).toString();
      } catch (RuntimeException e) {
        where = d.name().equals(Datasets.SAMPLE) ? "(bundled)" : "-";
      }
      rows.add(List.of(d.name(), d.classes() < 0 ? "?" : Integer.toString(d.classes()), shape(d), count(d.trainSize()),
          count(d.testSize()), d.downloadable() ? "yes" : "no", where));
      info(out.addObject(), d).put("location", where);
    }
    if (json.json) {
      System.out.println(Output.json(out));
    } else {
      System.out.print(Output.table(List.of("name", "classes", "shape", "train", "test", "download", "found in"),
          rows));
    }
    return 0;
  }

  static ObjectNode info(ObjectNode o, DatasetInfo d) {
    o.put("name", d.name()).put("train", d.trainSize()).put("test", d.testSize()).put("classes", d.classes());
    o.putArray("shape").add(d.height()).add(d.width()).add(d.channels());
    return o.put("description", d.description());
  }

  private static String shape(DatasetInfo d) {
    return d.height() < 0 ? "?" : d.height() + "x" + d.width() + "x" + d.channels();
  }

  private static String count(int n) {
    return n < 0 ? "?" : String.format("%,d", n);
  }

  /** {@code layeract datasets info NAME [--data-dir D]}. */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Facts about one dataset as JSON: {\"name\",\"train\",\"test\",\"classes\",\"shape\":[H,W,C]}.")
  static final class Info implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder holding its files.")
    Path dataDir;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      DatasetInfo d = Datasets.describe(name, dataDir);
      System.out.println(Output.json(info(Output.object(), d)));
      return 0;
    }
  }

  /** {@code layeract datasets download NAME [--cache DIR]}. */
  @Command(name = "download", mixinStandardHelpOptions = true,
      description = "Download a public dataset into the cache (checksums verified, partial downloads resumed).")
  static final class Download implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Dataset name (fashion-mnist, mnist, cifar10, cifar100, "
        + "cifar10-c, cifar100-c).")
    String name;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: ~/.cache/layeract).")
    Path cache;

    @Override
    public Integer call() {
      System.out.println(name + " is in " + fetch(name, cache));
      return 0;
    }

    /**
     * Downloads {@code name} into {@code cache} (null: the default cache) unless it is there; logs progress to
     * stderr every 5 s. The bundled sample needs nothing.
     */
    static Path fetch(String name, Path cache) {
      if (name.equals(Datasets.SAMPLE)) {
        return null;
      }
      long[] last = {0};
      return Datasets.download(name, cache != null ? cache : Datasets.cacheDir(), new Downloader((done, total) -> {
        if (System.currentTimeMillis() - last[0] > 5000) {
          last[0] = System.currentTimeMillis();
          System.err.printf("%s: %,d of %s bytes%n", name, done, total < 0 ? "?" : String.format("%,d", total));
        }
      }));
    }
  }
}
