package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.datasets.FashionMnistSample;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.io.Idx;
import io.github.layeract.evaluation.Output;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasets info} reports what the files hold and refuses damaged files with one line. */
class DatasetsInfoTest {

  @TempDir Path dir;

  @Test
  void infoReportsTheFilesCountsAndRefusesATrainingImageFileTruncatedTo1Mb() throws IOException {
    ImageSet train = FashionMnistSample.train();
    ImageSet test = FashionMnistSample.test();
    // uncompressed training images (10,000 x 784 bytes), as an unpacked download holds them
    Idx.writeImages(dir.resolve("tmp.gz"), train);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("tmp.gz")))) {
      Files.write(dir.resolve("train-images-idx3-ubyte"), in.readAllBytes());
    }
    Files.delete(dir.resolve("tmp.gz"));
    Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), train);
    Idx.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), test);
    Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), test);

    CliRun r = CliRun.run("datasets", "info", "fashion-mnist", "--data-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode info = Output.JSON.readTree(r.out());
    assertEquals(10_000, info.get("train").asInt(), "the files hold 10,000 training images, not the catalogue's 60,000");
    assertEquals(2_000, info.get("test").asInt());

    Path images = dir.resolve("train-images-idx3-ubyte");
    try (FileChannel ch = FileChannel.open(images, StandardOpenOption.WRITE)) {
      ch.truncate(1 << 20);
    }
    r = CliRun.run("datasets", "info", "fashion-mnist", "--data-dir", dir.toString());
    assertEquals(1, r.code());
    assertEquals("", r.out());
    assertEquals("layeract info: error: " + images + ": truncated: holds 1048576 bytes but its header announces "
        + (16 + 10_000 * 784) + "\n", r.err());
  }

  @Test
  void missingDataGetsTheCliFlagsAsAHint() {
    CliRun r = CliRun.run("datasets", "info", "cifar10", "--data-dir", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("layeract info: error: cifar10: data not found (looked for the CIFAR-10 binary files"),
        r.err());
    assertTrue(r.err().endsWith(" (--download fetches it; --data-dir DIR gives the folder)\n"), r.err());
    assertEquals(1, r.err().split("\n").length, r.err());
  }
}
