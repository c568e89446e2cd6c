package io.github.layeract.datasets.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.Datasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a loopback HTTP server that honours (or ignores) Range requests and can cut a transfer. */
class DownloaderTest {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  @TempDir Path dir;
  private HttpServer server;
  private final byte[] payload = new byte[300_000];
  private final List<String> ranges = new ArrayList<>();
  private volatile boolean honourRange = true;
  private volatile int cutAfter = -1;
  private volatile String lastPath;

  @BeforeEach
  void start() throws IOException {
    new Random(1).nextBytes(payload);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange ex) throws IOException {
    String range = ex.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "none" : range);
    lastPath = ex.getRequestURI().getPath();
    if (ex.getRequestURI().getPath().endsWith("/missing")) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    int from = 0;
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (honourRange && m != null && m.matches()) {
      from = Integer.parseInt(m.group(1));
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (payload.length - 1) + "/"
          + payload.length);
      ex.sendResponseHeaders(206, payload.length - from);
    } else {
      ex.sendResponseHeaders(200, payload.length);
    }
    try (OutputStream out = ex.getResponseBody()) {
      int end = cutAfter >= 0 ? Math.min(payload.length, from + cutAfter) : payload.length;
      out.write(payload, from, end - from);
      if (end < payload.length) {
        out.flush();
        throw new IOException("cut by the test"); // the server drops the connection mid-body
      }
    }
  }

  private URI url(String path) {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path);
  }

  private Checksum good() throws Exception {
    return Checksum.md5(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(payload)));
  }

  @Test
  void downloadsAndVerifies() throws Exception {
    long[] lastProgress = new long[2];
    Downloader d = new Downloader((done, total) -> {
      lastProgress[0] = done;
      lastProgress[1] = total;
    });
    Path target = dir.resolve("sub/f.bin");
    d.fetch(url("/f.bin"), target, good());
    assertArrayEquals(payload, Files.readAllBytes(target));
    assertFalse(Files.exists(Downloader.partFile(target)));
    assertArrayEquals(new long[] {payload.length, payload.length}, lastProgress);
    // already there and verified: no second request
    d.fetch(url("/f.bin"), target, good());
    assertEquals(1, ranges.size());
  }

  @Test
  void aChecksumMismatchLeavesNoFileBehind() {
    Path target = dir.resolve("f.bin");
    Checksum wrong = Checksum.md5("0123456789abcdef0123456789abcdef");
    DatasetException e = assertThrows(DatasetException.class,
        () -> new Downloader(Downloader.Progress.NONE).fetch(url("/f.bin"), target, wrong));
    assertTrue(e.getMessage().startsWith(target + ": checksum mismatch: MD5 of the download from "), e.getMessage());
    assertTrue(e.getMessage().contains("the published value is 0123456789abcdef0123456789abcdef"), e.getMessage());
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(Downloader.partFile(target)));
  }

  @Test
  void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
    Path target = dir.resolve("f.bin");
    Downloader d = new Downloader(Downloader.Progress.NONE);
    cutAfter = 100_000;
    assertThrows(DatasetException.class, () -> d.fetch(url("/f.bin"), target, good()));
    assertFalse(Files.exists(target), "nothing half-written at the target name");
    long partial = Files.size(Downloader.partFile(target));
    assertTrue(partial > 0 && partial < payload.length, "partial " + partial);
    cutAfter = -1;
    d.fetch(url("/f.bin"), target, good());
    assertArrayEquals(payload, Files.readAllBytes(target));
    assertEquals("bytes=" + partial + "-", ranges.get(ranges.size() - 1));
  }

  @Test
  void aServerIgnoringRangeSendsTheWholeFileAgain() throws Exception {
    Path target = dir.resolve("f.bin");
    Files.write(Downloader.partFile(target), Arrays.copyOf(payload, 1234));
    honourRange = false;
    new Downloader(Downloader.Progress.NONE).fetch(url("/f.bin"), target, good());
    assertArrayEquals(payload, Files.readAllBytes(target));
    assertEquals("bytes=1234-", ranges.get(0));
  }

  @Test
  void httpErrorsAndFileUrlsAreHandled() throws Exception {
    DatasetException e = assertThrows(DatasetException.class, () -> new Downloader(Downloader.Progress.NONE)
        .fetch(url("/missing"), dir.resolve("m.bin"), good()));
    assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
    Path source = Files.write(dir.resolve("src.bin"), payload);
    Path target = dir.resolve("copy.bin");
    Files.write(Downloader.partFile(target), Arrays.copyOf(payload, 777));
    new Downloader(Downloader.Progress.NONE).fetch(source.toUri(), target, good());
    assertArrayEquals(payload, Files.readAllBytes(target));
  }

  @Test
  void tarArchivesUnpackWholeAndRefuseEscapingNames() throws IOException {
    Path tar = dir.resolve("a.tar");
    writeTar(tar, "cifar-10-batches-bin/test_batch.bin", "records");
    Path dest = dir.resolve("out");
    Archives.extractTar(tar, dest);
    assertEquals("records", Files.readString(dest.resolve("cifar-10-batches-bin/test_batch.bin")));
    try (var s = Files.list(dest)) {
      assertEquals(List.of("cifar-10-batches-bin"), s.map(p -> p.getFileName().toString()).toList());
    }
    Path evil = dir.resolve("evil.tar");
    writeTar(evil, "../escape.txt", "x");
    assertThrows(DatasetException.class, () -> Archives.extractTar(evil, dir.resolve("out2")));
    assertFalse(Files.exists(dir.resolve("escape.txt")));
  }

  @Test
  void datasetDownloadsVerifyThePublishedChecksum() {
    // the loopback server's bytes are not Fashion-MNIST, so the published MD5 must reject them
    Path cache = dir.resolve("cache");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.download("fashion-mnist", cache,
        new Downloader(Downloader.Progress.NONE), url("/mirror/")));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz: checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("8d4fb7e6c68d591d4c3dfef9ec88bf0d"), e.getMessage());
    assertEquals("/mirror/train-images-idx3-ubyte.gz", lastPath);
    assertFalse(Files.exists(cache.resolve("fashion-mnist/train-images-idx3-ubyte.gz")));
    assertThrows(DatasetException.class, () -> Datasets.download("imagenet", cache,
        new Downloader(Downloader.Progress.NONE)));
  }

  private static void writeTar(Path file, String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    Files.write(file, bytes.toByteArray());
  }
}
