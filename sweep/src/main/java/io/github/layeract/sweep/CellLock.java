package io.github.layeract.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps two sweeps (or two attempts of one task) out of one cell: a lock file whose modification time is a
 * heartbeat. A lock whose heartbeat is older than {@link #STALE} belongs to a dead owner and is taken over. Works on
 * any shared file system where the run directories live, which is what a cluster sweep needs anyway.
 */
public final class CellLock implements AutoCloseable {

  static final Duration HEARTBEAT = Duration.ofSeconds(5);
  static final Duration STALE = Duration.ofSeconds(30);
  static final String FILE = "sweep.lock";

  private final Path file;
  private final String owner;
  private final ScheduledExecutorService beat;

  private CellLock(Path file, String owner) {
    this.file = file;
    this.owner = owner;
    beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sweep-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    beat.scheduleAtFixedRate(this::touch, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes the lock of {@code dir}, or returns empty if a live owner holds it. */
  public static Optional<CellLock> tryAcquire(Path dir) {
    Path file = dir.resolve(FILE);
    String owner = ProcessHandle.current().pid() + "@" + hostName() + "/" + UUID.randomUUID();
    try {
      Files.createDirectories(dir);
      try {
        Files.writeString(Files.createFile(file), owner);
      } catch (FileAlreadyExistsException e) {
        if (!isStale(file)) {
          return Optional.empty();
        }
        // a dead owner's lock: replace it atomically, then check that no other taker won the race
        Path tmp = Files.createTempFile(dir, FILE, ".tmp");
        Files.writeString(tmp, owner);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (!Files.readString(file).equals(owner)) {
          return Optional.empty();
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new CellLock(file, owner));
  }

  /** Whether a live owner holds {@code dir}'s lock (the status table's "running"). */
  public static boolean isHeld(Path dir) {
    Path file = dir.resolve(FILE);
    return Files.exists(file) && !isStale(file);
  }

  private static boolean isStale(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(STALE));
    } catch (IOException e) {
      return false;
    }
  }

  private void touch() {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // the next beat tries again; a lock that stays untouched goes stale, which is what it should then do
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  @Override
  public void close() {
    beat.shutdownNow();
    try {
      if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(owner)) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
