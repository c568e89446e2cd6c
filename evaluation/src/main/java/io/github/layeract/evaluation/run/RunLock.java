package io.github.layeract.evaluation.run;

import io.github.layeract.evaluation.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per directory: an OS file lock on {@code DIR/.layeract.lock}, which holds the holder's pid. A second
 * process (or a second command in this JVM) is refused with one line naming the directory and the pid. The OS
 * releases the lock when its process dies, so a lock left by a killed run is simply taken over; the file is kept
 * (deleting it on release would let two processes lock two different files of one name).
 */
public final class RunLock implements AutoCloseable {

  /** The lock file's name inside the locked directory. */
  public static final String FILE = ".layeract.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code dir} (created if missing) for this process; a user error if another command holds it. */
  public static RunLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;   // held by another command of this JVM
      }
      if (lock == null) {
        String holder = holder(ch);
        ch.close();
        throw new UserException(dir + " is in use by process " + holder + " (lock " + file
            + "); wait for it to finish or stop it");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
      return new RunLock(ch, lock);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UserException(file + ": cannot lock (" + e.getMessage() + ")", e);
    }
  }

  private static String holder(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    ch.read(b, 0);
    String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
    return pid.matches("\\d+") ? pid : "(unknown pid)";
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing with the first error
      }
    }
  }

  /** Releases the lock (the file stays, unlocked). */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UserException("cannot release the directory lock (" + e.getMessage() + ")", e);
    }
  }
}
