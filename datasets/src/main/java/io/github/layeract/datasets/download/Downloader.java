package io.github.layeract.datasets.download;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Downloads one file over HTTP(S) (or copies a {@code file:} URL) to a target path, verifying a published checksum.
 *
 * <p>The bytes go to {@code <target>.part}; an interrupted download resumes from that file's length with an HTTP
 * {@code Range} request (a server that ignores it simply sends the whole file again). Only a download whose
 * checksum matches is renamed to {@code target}, so the target is never half-written; a mismatching download is
 * deleted and reported. A target that already exists with the right checksum is not downloaded again.
 */
public final class Downloader {

  /** Receives progress: bytes present so far and the total (-1 when the server does not say). */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);

    /** Reports nothing. */
    Progress NONE = (done, total) -> { };
  }

  private final HttpClient client;
  private final Progress progress;

  /** A downloader following redirects, with a 30 s connect timeout. */
  public Downloader(Progress progress) {
    this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30))
        .build(), progress);
  }

  /** A downloader using {@code client}. */
  public Downloader(HttpClient client, Progress progress) {
    this.client = client;
    this.progress = progress;
  }

  /** The partial-download file of {@code target}. */
  public static Path partFile(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  /**
   * Makes {@code target} a verified copy of {@code url}.
   *
   * @return {@code target}
   * @throws DatasetException naming the target on a network error (the partial file is kept for a resume), an HTTP
   *     error status, or a checksum mismatch (the partial file is deleted)
   */
  public Path fetch(URI url, Path target, Checksum checksum) {
    if (Files.isRegularFile(target)) {
      if (checksum.matches(target)) {
        return target;
      }
      throw new DatasetException(target, "exists but its " + checksum.algorithm() + " is not the published "
          + checksum.hex() + "; delete it to download again");
    }
    Path part = partFile(target);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      if ("file".equalsIgnoreCase(url.getScheme())) {
        copyFile(Path.of(url), part);
      } else {
        download(url, part);
      }
    } catch (IOException e) {
      throw new DatasetException(target, "download from " + url + " failed: " + e.getMessage()
          + " (run again to resume)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException(target, "download from " + url + " interrupted (run again to resume)", e);
    }
    String actual = checksum.compute(part);
    if (!actual.equals(checksum.hex())) {
      deleteQuietly(part);
      throw new DatasetException(target, "checksum mismatch: " + checksum.algorithm() + " of the download from " + url
          + " is " + actual + ", the published value is " + checksum.hex() + " (the download was deleted)");
    }
    try {
      AtomicFiles.moveIntoPlace(part, target);
    } catch (IOException e) {
      throw new DatasetException(target, "cannot move the verified download into place: " + e.getMessage(), e);
    }
    return target;
  }

  private void download(URI url, Path part) throws IOException, InterruptedException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status == 416 && have > 0) {
        return; // the partial file is already complete; the checksum decides
      }
      boolean resumed = status == 206 && have > 0;
      if (status != 200 && !resumed) {
        throw new IOException("HTTP status " + status);
      }
      long start = resumed ? have : 0;
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      copy(body, part, resumed, start, length < 0 ? -1 : start + length);
    }
  }

  private void copyFile(Path source, Path part) throws IOException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    long total = Files.size(source);
    if (have > total) {
      have = 0;
    }
    try (InputStream in = Files.newInputStream(source)) {
      in.skipNBytes(have);
      copy(in, part, have > 0, have, total);
    }
  }

  private void copy(InputStream in, Path part, boolean append, long start, long total) throws IOException {
    try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buf = new byte[1 << 16];
      long done = start;
      long reported = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        done += n;
        if (done - reported >= 1 << 20) {
          progress.update(done, total);
          reported = done;
        }
      }
      progress.update(done, total);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // nothing more to do: the next fetch truncates it
    }
  }
}
