package io.github.layeract.models.train;

import io.github.layeract.tf.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Atomic checkpoints in a directory: {@code ckpt-<step>/model.{index,data-*}} plus a pointer file {@code checkpoint}
 * naming the latest. A checkpoint is written into a temporary directory and renamed into place, then the pointer is
 * replaced by rename; an interrupted save leaves the previous checkpoint and pointer intact. The newest {@code keep}
 * checkpoints are kept. Small files saved with the variables ({@link #save(Session, long, Map)}, e.g. the metrics up to
 * that step) are part of the same rename, so they always agree with the weights.
 *
 * <p>A checkpoint that cannot be written (full disk, unwritable directory) fails with a {@link CheckpointException}
 * naming it, after removing its temporary directory; the previous checkpoint stays as it was. A damaged one (a
 * truncated or garbled index or data shard) fails {@link #restore} with a {@link CheckpointException} naming the
 * file; {@link #restoreNewestReadable} skips it for the newest one that restores.
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

    /** A file saved with the variables by {@link Checkpoints#save(Session, long, Map)}. */
    public Path file(String name) {
      return dir.resolve(name);
    }
  }

  /**
   * The outcome of {@link #restoreNewestReadable}: the checkpoint now in the session, and one line for each newer
   * checkpoint that was skipped because it is damaged.
   */
  public record Restored(Checkpoint checkpoint, List<String> skipped) {}

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

  /**
   * The checkpoint the pointer file names, if any.
   *
   * @throws CheckpointException if the pointer is garbled or names a missing checkpoint
   */
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
        throw new CheckpointException(pointer, "expected 'ckpt-<step>', found '" + name + "'", null);
      }
      Path ckpt = dir.resolve(name);
      if (!Files.exists(ckpt.resolve(PREFIX + ".index"))) {
        throw new CheckpointException(pointer, "names " + name + ", which has no " + PREFIX + ".index", null);
      }
      return Optional.of(new Checkpoint(Long.parseLong(m.group(1)), ckpt));
    } catch (IOException e) {
      throw new CheckpointException(pointer, "cannot read: " + e, e);
    }
  }

  /**
   * Restores {@code c} into the session's variables.
   *
   * @throws CheckpointException naming the damaged file if TensorFlow cannot read it
   */
  public static void restore(Session session, Checkpoint c) {
    try {
      session.restore(c.prefix());
    } catch (TensorFlowException e) {
      throw damaged(c, e);
    }
  }

  /**
   * Restores the newest checkpoint that TensorFlow can read: the one the pointer names, else (pointer or checkpoint
   * damaged) the complete ones from newest to oldest. Empty when there is none at all.
   *
   * @throws CheckpointException if checkpoints exist but none can be restored; it names the newest one's problem
   */
  public Optional<Restored> restoreNewestReadable(Session session) {
    List<String> skipped = new ArrayList<>();
    CheckpointException pointerProblem = null;
    List<Checkpoint> candidates = new ArrayList<>(list());
    candidates.sort(Comparator.comparingLong(Checkpoint::step).reversed());
    try {
      latest().ifPresent(c -> {
        candidates.removeIf(o -> o.dir().equals(c.dir()));
        candidates.add(0, c);
      });
    } catch (CheckpointException e) {
      pointerProblem = e;
      skipped.add(e.getMessage());
    }
    CheckpointException first = null;
    for (Checkpoint c : candidates) {
      try {
        restore(session, c);
        return Optional.of(new Restored(c, List.copyOf(skipped)));
      } catch (CheckpointException e) {
        first = first == null ? e : first;
        skipped.add(e.getMessage());
      }
    }
    if (first != null) {
      throw new CheckpointException(first.path(), first.problem()
          + (candidates.size() > 1 ? "; the " + (candidates.size() - 1) + " older checkpoint(s) are damaged too"
              : "; there is no older checkpoint"), first);
    }
    if (pointerProblem != null) {
      throw new CheckpointException(pointerProblem.path(), pointerProblem.problem()
          + "; there is no complete checkpoint", pointerProblem);
    }
    return Optional.empty();
  }

  /** Saves every variable of the session's graph as checkpoint {@code step}, then prunes old ones. */
  public Checkpoint save(Session session, long step) {
    return save(session, step, Map.of());
  }

  /**
   * Saves every variable of the session's graph as checkpoint {@code step} together with {@code files} (name to
   * content, written into the checkpoint directory and renamed into place with it), then prunes old ones.
   *
   * @throws CheckpointException naming the checkpoint directory if it cannot be written; nothing of it is left
   */
  public Checkpoint save(Session session, long step, Map<String, byte[]> files) {
    for (String name : files.keySet()) {
      if (name.startsWith(PREFIX + ".") || name.contains("/") || name.startsWith(".")) {
        throw new IllegalArgumentException("checkpoint file name '" + name + "' is reserved or not plain");
      }
    }
    Path target = dir.resolve("ckpt-" + step);
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      deleteStaleTemporaries();
      tmp = Files.createTempDirectory(dir, ".tmp-ckpt-" + step + "-");
      session.save(tmp.resolve(PREFIX).toString());
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(tmp.resolve(f.getKey()), f.getValue());
      }
      FileTrees.delete(target);
      move(tmp, target);
      tmp = null;
      Path pointerTmp = Files.createTempFile(dir, ".tmp-pointer-", "");
      Files.writeString(pointerTmp, target.getFileName() + "\n", StandardCharsets.UTF_8);
      move(pointerTmp, dir.resolve(POINTER));
      prune(step);
      return new Checkpoint(step, target);
    } catch (IOException | TensorFlowException e) {
      FileTrees.deleteQuietly(tmp); // a leftover .tmp- directory is removed by the next save
      throw new CheckpointException(target, "cannot write checkpoint: " + firstLine(e), e);
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
      throw new CheckpointException(dir, "cannot list: " + e, e);
    }
    out.sort(Comparator.comparingLong(Checkpoint::step));
    return out;
  }

  /** Removes what an interrupted save left behind (one trainer writes a directory at a time). */
  private void deleteStaleTemporaries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
        FileTrees.delete(p);
      }
    }
  }

  /**
   * The exception for a checkpoint TensorFlow cannot restore, naming the file at fault where TensorFlow's message
   * tells: the index (an sstable) or a data shard; otherwise the checkpoint directory.
   */
  private static CheckpointException damaged(Checkpoint c, TensorFlowException e) {
    String why = firstLine(e);
    String lower = why.toLowerCase(java.util.Locale.ROOT);
    Path file = c.dir();
    if (lower.contains("sstable") || lower.contains("block") || lower.contains(".index")) {
      file = c.dir().resolve(PREFIX + ".index");
    } else if (lower.contains("shard") || lower.contains("read less bytes") || lower.contains("checksum")) {
      file = dataShards(c.dir()).stream().findFirst().orElse(c.dir());
    }
    return new CheckpointException(file, "damaged checkpoint (" + why + ")", e);
  }

  private static List<Path> dataShards(Path ckpt) {
    try (Stream<Path> s = Files.list(ckpt)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX + ".data-")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse("").strip();
  }

  private void prune(long current) throws IOException {
    List<Checkpoint> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      if (all.get(i).step() != current) {
        FileTrees.delete(all.get(i).dir());
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
}
