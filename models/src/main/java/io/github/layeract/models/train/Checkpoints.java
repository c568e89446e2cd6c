package io.github.layeract.models.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Atomic checkpoints in a directory: {@code ckpt-<step>/model.{index,data-*}} plus a pointer file {@code checkpoint}
 * naming the latest. A checkpoint is written into a temporary directory and renamed into place, then the pointer is
 * replaced by rename; an interrupted save leaves the previous checkpoint and pointer intact. The newest {@code keep}
 * checkpoints are kept.
 *
 * <pre>{@code
 * Checkpoints c = new Checkpoints(runDir.resolve("checkpoints"), 3);
 * c.save(session, step);
 * c.latest().ifPresent(ck -> session.restore(ck.prefix()));
 * }</pre>
 */
public final class Checkpoints {

  /** Name of the pointer file. */
  public static final String POINTER = "checkpoint";
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)");
  private static final String PREFIX = "model";

  /** One saved checkpoint. */
  public record Checkpoint(long step, Path dir) {
    /** The prefix to pass to {@code Session.restore}. */
    public String prefix() {
      return dir.resolve(PREFIX).toString();
    }
  }

  private final Path dir;
  private final int keep;

  /** Checkpoints in {@code dir} (created on the first save), keeping the newest {@code keep >= 1}. */
  public Checkpoints(Path dir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("must keep at least 1 checkpoint, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
  }

  public Path dir() {
    return dir;
  }

  /** The checkpoint the pointer file names, if any; fails if the pointer names a missing checkpoint. */
  public Optional<Checkpoint> latest() {
    return latest(dir);
  }

  /** The latest checkpoint in {@code dir}, if any. */
  public static Optional<Checkpoint> latest(Path dir) {
    Path pointer = dir.resolve(POINTER);
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    try {
      String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalStateException(pointer + ": expected 'ckpt-<step>', found '" + name + "'");
      }
      Path ckpt = dir.resolve(name);
      if (!Files.exists(ckpt.resolve(PREFIX + ".index"))) {
        throw new IllegalStateException(pointer + ": names " + name + ", which has no " + PREFIX + ".index");
      }
      return Optional.of(new Checkpoint(Long.parseLong(m.group(1)), ckpt));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer, e);
    }
  }

  /** Saves every variable of the session's graph as checkpoint {@code step}, then prunes old ones. */
  public Checkpoint save(Session session, long step) {
    try {
      Files.createDirectories(dir);
      deleteStaleTemporaries();
      Path tmp = Files.createTempDirectory(dir, ".tmp-ckpt-" + step + "-");
      session.save(tmp.resolve(PREFIX).toString());
      Path target = dir.resolve("ckpt-" + step);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      move(tmp, target);
      Path pointerTmp = Files.createTempFile(dir, ".tmp-pointer-", "");
      Files.writeString(pointerTmp, target.getFileName() + "\n", StandardCharsets.UTF_8);
      move(pointerTmp, dir.resolve(POINTER));
      prune(step);
      return new Checkpoint(step, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + step + " in " + dir, e);
    }
  }

  /** All complete checkpoints, oldest first. */
  public List<Checkpoint> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Checkpoint> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && Files.exists(p.resolve(PREFIX + ".index"))) {
          out.add(new Checkpoint(Long.parseLong(m.group(1)), p));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(Comparator.comparingLong(Checkpoint::step));
    return out;
  }

  /** Removes what an interrupted save left behind (one trainer writes a directory at a time). */
  private void deleteStaleTemporaries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
        deleteTree(p);
      }
    }
  }

  private void prune(long current) throws IOException {
    List<Checkpoint> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      if (all.get(i).step() != current) {
        deleteTree(all.get(i).dir());
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
