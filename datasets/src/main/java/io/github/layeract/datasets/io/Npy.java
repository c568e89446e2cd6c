package io.github.layeract.datasets.io;

import io.github.layeract.datasets.DatasetException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files of uint8 ({@code |u1}) or little-endian float32 ({@code <f4}) in C order, the format of
 * CIFAR-10-C / CIFAR-100-C and of the CLI's {@code corrupt} and {@code predict} commands; label arrays may also be
 * int32 or int64 ({@link #readLabels}).
 *
 * <p>Layout (NEP 1): magic {@code \x93NUMPY}, major and minor version bytes, header length (uint16 LE for v1.0,
 * uint32 LE for v2.0/v3.0), then an ASCII Python dict such as {@code {'descr': '|u1', 'fortran_order': False,
 * 'shape': (50000, 32, 32, 3), }} padded with spaces and ending in {@code \n}, then the raw data. A reader checks
 * every part and that the file holds exactly {@code prod(shape) * itemsize} data bytes.
 *
 * <pre>{@code
 * Npy.writeUint8(Path.of("x.npy"), pixels, 10, 32, 32, 3);
 * Npy.Uint8Array a = Npy.readUint8(Path.of("x.npy"));   // a.shape() = [10, 32, 32, 3]
 * }</pre>
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final String UINT8 = "|u1";
  private static final String FLOAT32 = "<f4";
  private static final Map<String, Integer> ITEM_SIZES = Map.of(UINT8, 1, FLOAT32, 4, "<i4", 4, "<i8", 8);
  private static final Set<String> LABEL_TYPES = Set.of(UINT8, "<i4", "<i8");
  private static final int ALIGNMENT = 64;
  private static final Pattern ENTRY = Pattern.compile(
      "\\s*'([^']*)'\\s*:\\s*('[^']*'|True|False|\\([^)]*\\))\\s*(,|$)");

  private Npy() {}

  /** A uint8 array: {@code data} holds {@code prod(shape)} bytes in C order, read as unsigned. */
  public record Uint8Array(long[] shape, byte[] data) {}

  /** A float32 array: {@code data} holds {@code prod(shape)} values in C order. */
  public record Float32Array(long[] shape, float[] data) {}

  /**
   * What a header says.
   *
   * @param descr dtype string, {@code |u1} or {@code <f4}
   * @param shape dimensions, outermost first
   * @param dataOffset byte offset of the first element
   */
  public record Header(String descr, long[] shape, long dataOffset) {

    /** Bytes per element. */
    public int itemSize() {
      return ITEM_SIZES.get(descr);
    }

    /** {@code prod(shape)}. */
    public long elements() {
      return product(shape);
    }
  }

  /** Reads a whole uint8 array. @throws DatasetException naming the file if it is not a valid {@code |u1} npy */
  public static Uint8Array readUint8(Path file) {
    Header h = readHeader(file, Set.of(UINT8));
    return new Uint8Array(h.shape(), readBytes(file, h.dataOffset(), h.elements()));
  }

  /**
   * Reads rows {@code [first, first + count)} of a uint8 array along its first axis, e.g. one severity block of a
   * CIFAR-10-C file; the result has shape {@code (count, shape[1], ...)}.
   */
  public static Uint8Array readUint8Rows(Path file, long first, long count) {
    Header h = readHeader(file, Set.of(UINT8));
    if (h.shape().length == 0 || first < 0 || count < 0 || first + count > h.shape()[0]) {
      throw new DatasetException(file, "rows [" + first + ", " + (first + count) + ") are outside shape "
          + shapeString(h.shape()));
    }
    long[] shape = h.shape().clone();
    shape[0] = count;
    long rowSize = product(Arrays.copyOfRange(h.shape(), 1, h.shape().length));
    return new Uint8Array(shape, readBytes(file, h.dataOffset() + first * rowSize, count * rowSize));
  }

  /** Reads a whole float32 array. @throws DatasetException naming the file if it is not a valid {@code <f4} npy */
  public static Float32Array readFloat32(Path file) {
    Header h = readHeader(file, Set.of(FLOAT32));
    byte[] raw = readBytes(file, h.dataOffset(), h.elements() * 4);
    float[] data = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
    return new Float32Array(h.shape(), data);
  }

  /**
   * Reads a one-dimensional array of class labels stored as uint8 ({@code |u1}), int32 ({@code <i4}) or int64
   * ({@code <i8}); values must fit an int.
   */
  public static int[] readLabels(Path file) {
    Header h = readHeader(file, LABEL_TYPES);
    if (h.shape().length != 1) {
      throw new DatasetException(file, "labels must be one-dimensional, got shape " + shapeString(h.shape()));
    }
    ByteBuffer buf = ByteBuffer.wrap(readBytes(file, h.dataOffset(), h.elements() * h.itemSize()))
        .order(ByteOrder.LITTLE_ENDIAN);
    int[] out = new int[(int) h.elements()];
    for (int i = 0; i < out.length; i++) {
      long v = switch (h.itemSize()) {
        case 1 -> buf.get() & 0xFF;
        case 4 -> buf.getInt();
        default -> buf.getLong();
      };
      if (v != (int) v) {
        throw new DatasetException(file, "label " + v + " of item " + i + " does not fit an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /**
   * Reads and validates the header of {@code file}: magic, version, a dict with exactly {@code descr},
   * {@code fortran_order} and {@code shape}, a supported dtype, C order, and a file size equal to the header plus
   * {@code prod(shape) * itemsize}.
   */
  public static Header readHeader(Path file) {
    return readHeader(file, null);
  }

  /** Writes a uint8 array of the given shape atomically (temporary file, then rename). */
  public static void writeUint8(Path file, byte[] data, long... shape) {
    checkLength(file, data.length, shape);
    AtomicFiles.write(file, out -> {
      writeHeader(out, UINT8, shape);
      out.write(data);
    });
  }

  /** Writes a float32 array (little-endian) of the given shape atomically (temporary file, then rename). */
  public static void writeFloat32(Path file, float[] data, long... shape) {
    checkLength(file, data.length, shape);
    AtomicFiles.write(file, out -> {
      writeHeader(out, FLOAT32, shape);
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : data) {
        if (!buf.hasRemaining()) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putFloat(v);
      }
      out.write(buf.array(), 0, buf.position());
    });
  }

  /** {@code (2, 3)} style text of a shape, as NumPy prints it. */
  public static String shapeString(long[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  private static void checkLength(Path file, int length, long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(file + ": negative dimension in shape " + shapeString(shape));
      }
    }
    if (product(shape) != length) {
      throw new IllegalArgumentException(file + ": shape " + shapeString(shape) + " needs " + product(shape)
          + " elements, got " + length);
    }
  }

  private static void writeHeader(OutputStream out, String descr, long[] shape) throws IOException {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
    int prefixV1 = MAGIC.length + 2 + 2;
    int padded = roundUp(prefixV1 + dict.length() + 1, ALIGNMENT);
    boolean v1 = padded - prefixV1 <= 0xFFFF;
    int prefix = v1 ? prefixV1 : MAGIC.length + 2 + 4;
    int headerLen = roundUp(prefix + dict.length() + 1, ALIGNMENT) - prefix;
    ByteBuffer pre = ByteBuffer.allocate(prefix).order(ByteOrder.LITTLE_ENDIAN);
    pre.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
    if (v1) {
      pre.putShort((short) headerLen);
    } else {
      pre.putInt(headerLen);
    }
    out.write(pre.array());
    out.write((dict + " ".repeat(headerLen - dict.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }

  private static Header readHeader(Path file, Set<String> wantedDescr) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer pre = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
      readFully(file, ch, pre, 0, "the npy magic and version");
      byte[] magic = Arrays.copyOf(pre.array(), MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new DatasetException(file, "not a NumPy .npy file (wrong magic bytes)");
      }
      int major = pre.get(MAGIC.length) & 0xFF;
      int minor = pre.get(MAGIC.length + 1) & 0xFF;
      if (major < 1 || major > 3 || minor != 0) {
        throw new DatasetException(file, "unsupported npy version " + major + "." + minor + " (1.0, 2.0, 3.0 are)");
      }
      int lenBytes = major == 1 ? 2 : 4;
      ByteBuffer len = ByteBuffer.allocate(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
      readFully(file, ch, len, pre.capacity(), "the npy header length");
      long headerLen = major == 1 ? len.getShort(0) & 0xFFFF : len.getInt(0) & 0xFFFFFFFFL;
      long dataOffset = pre.capacity() + lenBytes + headerLen;
      if (dataOffset > size || headerLen > 1 << 20) {
        throw new DatasetException(file, "truncated: header of " + headerLen + " bytes but the file has " + size);
      }
      ByteBuffer text = ByteBuffer.allocate((int) headerLen);
      readFully(file, ch, text, pre.capacity() + lenBytes, "the npy header");
      Header h = parseDict(file, new String(text.array(), major == 3 ? StandardCharsets.UTF_8
          : StandardCharsets.ISO_8859_1), dataOffset);
      if (wantedDescr != null && !wantedDescr.contains(h.descr())) {
        throw new DatasetException(file, "dtype '" + h.descr() + "', expected "
            + (wantedDescr.size() == 1 ? "'" + wantedDescr.iterator().next() + "'" : "one of " + wantedDescr)
            + (wantedDescr.equals(Set.of(UINT8)) ? " (uint8)" : wantedDescr.equals(Set.of(FLOAT32))
                ? " (little-endian float32)" : ""));
      }
      long expected = dataOffset + h.elements() * h.itemSize();
      if (size != expected) {
        throw new DatasetException(file, (size < expected ? "truncated" : "trailing bytes") + ": shape "
            + shapeString(h.shape()) + " of '" + h.descr() + "' needs " + expected + " bytes, the file has " + size);
      }
      return h;
    } catch (NoSuchFileException e) {
      throw new DatasetException(file, "file not found");
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static Header parseDict(Path file, String text, long dataOffset) {
    String t = text.strip();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      throw new DatasetException(file, "malformed npy header (not a dict): " + t);
    }
    String body = t.substring(1, t.length() - 1).strip();
    Map<String, String> entries = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(body);
    int pos = 0;
    while (pos < body.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new DatasetException(file, "malformed npy header: " + t);
      }
      entries.put(m.group(1), m.group(2));
      pos = m.end();
    }
    if (!entries.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
      throw new DatasetException(file, "npy header needs exactly descr, fortran_order and shape, got "
          + entries.keySet());
    }
    String descr = entries.get("descr").replace("'", "");
    if (!ITEM_SIZES.containsKey(descr)) {
      throw new DatasetException(file, "unsupported dtype '" + descr + "' (supported: '|u1' uint8, '<f4' float32, "
          + "and for labels '<i4', '<i8')");
    }
    if (!entries.get("fortran_order").equals("False")) {
      throw new DatasetException(file, "Fortran-order arrays are not supported (save with C order)");
    }
    return new Header(descr, parseShape(file, entries.get("shape")), dataOffset);
  }

  private static long[] parseShape(Path file, String tuple) {
    String inner = tuple.substring(1, tuple.length() - 1).strip();
    if (inner.endsWith(",")) {
      inner = inner.substring(0, inner.length() - 1);
    }
    if (inner.isBlank()) {
      return new long[0];
    }
    String[] parts = inner.split(",");
    long[] shape = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        shape[i] = Long.parseLong(parts[i].strip().replace("L", ""));
      } catch (NumberFormatException e) {
        throw new DatasetException(file, "malformed npy shape " + tuple);
      }
      if (shape[i] < 0) {
        throw new DatasetException(file, "negative dimension in npy shape " + tuple);
      }
    }
    try {
      product(shape);
    } catch (ArithmeticException e) {
      throw new DatasetException(file, "implausible npy shape " + tuple);
    }
    return shape;
  }

  private static byte[] readBytes(Path file, long offset, long length) {
    if (length > Integer.MAX_VALUE - 8) {
      throw new DatasetException(file, length + " data bytes are too many for one Java array; read it in rows");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) length);
      readFully(file, ch, buf, offset, "the npy data");
      return buf.array();
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long offset, String what)
      throws IOException {
    long pos = offset;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new DatasetException(file, "truncated: file ends inside " + what);
      }
      pos += n;
    }
  }

  static long product(long[] shape) {
    long p = 1;
    for (long d : shape) {
      p = Math.multiplyExact(p, d);
    }
    return p;
  }
}
