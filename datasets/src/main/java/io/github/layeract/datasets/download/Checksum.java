package io.github.layeract.datasets.download;

import io.github.layeract.datasets.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An expected digest of a file, as published by the data's authors or distributors.
 *
 * @param algorithm a {@link MessageDigest} name: {@code MD5} or {@code SHA-256}
 * @param hex the digest in hexadecimal (any case)
 */
public record Checksum(String algorithm, String hex) {

  public Checksum {
    hex = hex.toLowerCase(Locale.ROOT);
    try {
      int length = MessageDigest.getInstance(algorithm).getDigestLength();
      if (hex.length() != 2 * length || !hex.matches("[0-9a-f]+")) {
        throw new IllegalArgumentException(algorithm + " digest needs " + 2 * length + " hex digits: " + hex);
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
    }
  }

  /** An MD5 digest. */
  public static Checksum md5(String hex) {
    return new Checksum("MD5", hex);
  }

  /** A SHA-256 digest. */
  public static Checksum sha256(String hex) {
    return new Checksum("SHA-256", hex);
  }

  /** The digest of {@code file} with this algorithm, in lower-case hex. */
  public String compute(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read for the " + algorithm + " check: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code file} has this digest. */
  public boolean matches(Path file) {
    return compute(file).equals(hex);
  }

  @Override
  public String toString() {
    return algorithm.toLowerCase(Locale.ROOT) + " " + hex;
  }
}
