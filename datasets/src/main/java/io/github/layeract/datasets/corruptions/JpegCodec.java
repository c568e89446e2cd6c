package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.NodeList;

/**
 * Baseline JPEG encoding and decoding with {@code javax.imageio} (IJG libjpeg 6b inside the JDK), set up like
 * Pillow 5.0's {@code save(format='JPEG', quality=q)}: the IJG quantisation tables scaled in libjpeg's integer
 * arithmetic ({@code f = 5000/q} for q &lt; 50, else {@code 200 - 2q}; entry = clamp((base f + 50)/100, 1, 255)),
 * standard Huffman tables, 4:2:0 chroma subsampling (the JDK writer's default for RGB), islow DCT; decoding with
 * fancy upsampling. Explicit tables matter: the JDK's own {@code setCompressionQuality(q/100)} rounds differently
 * at q = 18 and 15. Grayscale images are written as one-component JPEGs. Writers and readers are per thread.
 */
final class JpegCodec {

  private static final String FORMAT = "javax_imageio_jpeg_image_1.0";
  private static final ThreadLocal<ImageWriter> WRITER =
      ThreadLocal.withInitial(() -> ImageIO.getImageWritersByFormatName("jpeg").next());
  private static final ThreadLocal<ImageReader> READER =
      ThreadLocal.withInitial(() -> ImageIO.getImageReadersByFormatName("jpeg").next());

  private JpegCodec() {}

  /** The IJG base table {@code base} scaled to quality {@code q} (1..100) in libjpeg's integer arithmetic. */
  static JPEGQTable scaledTable(JPEGQTable base, int q) {
    int f = q < 50 ? 5000 / q : 200 - 2 * q;
    int[] t = base.getTable();
    for (int i = 0; i < t.length; i++) {
      t[i] = Math.max(1, Math.min(255, (t[i] * f + 50) / 100));
    }
    return new JPEGQTable(t);
  }

  /** The JPEG file bytes of {@code image} at quality {@code q}. */
  static byte[] encode(Image image, int q) {
    BufferedImage bi = toBuffered(image);
    ImageWriter writer = WRITER.get();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.pixels().length / 4 + 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(bi, null, metadata(writer, bi, q)), null);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.reset();
    }
    return bytes.toByteArray();
  }

  /**
   * The writer's default metadata for {@code bi} with its quantisation tables replaced by the IJG integer-scaled
   * ones. (The tables must go in the metadata: {@code JPEGImageWriteParam.setEncodeTables} writes abbreviated
   * streams without tables.)
   */
  private static IIOMetadata metadata(ImageWriter writer, BufferedImage bi, int q) throws IOException {
    IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(bi), null);
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
    NodeList tables = root.getElementsByTagName("dqtable");
    for (int i = 0; i < tables.getLength(); i++) {
      IIOMetadataNode table = (IIOMetadataNode) tables.item(i);
      int id = Integer.parseInt(table.getAttribute("qtableId"));
      table.setUserObject(scaledTable(id == 0 ? JPEGQTable.K1Luminance : JPEGQTable.K2Chrominance, q));
    }
    meta.setFromTree(FORMAT, root);
    return meta;
  }

  /** Decodes JPEG bytes to an image with {@code channels} channels (1 or 3). */
  static Image decode(byte[] jpeg, int channels) {
    ImageReader reader = READER.get();
    try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
      reader.setInput(in);
      BufferedImage bi = reader.read(0);
      int w = bi.getWidth();
      int h = bi.getHeight();
      int[] samples = bi.getRaster().getPixels(0, 0, w, h, (int[]) null);
      if (samples.length != w * h * channels) {
        throw new IllegalStateException("decoded JPEG has " + samples.length / (w * h) + " channels, expected "
            + channels);
      }
      byte[] out = new byte[samples.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) samples[i];
      }
      return new Image(h, w, channels, out);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG decoding failed", e);
    } finally {
      reader.reset();
    }
  }

  /** A {@code TYPE_3BYTE_BGR} or {@code TYPE_BYTE_GRAY} buffered image holding a copy of the pixels. */
  static BufferedImage toBuffered(Image image) {
    int h = image.height();
    int w = image.width();
    byte[] p = image.pixels();
    if (image.channels() == 1) {
      BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      System.arraycopy(p, 0, ((DataBufferByte) bi.getRaster().getDataBuffer()).getData(), 0, p.length);
      return bi;
    }
    BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < p.length; i += 3) {
      bgr[i] = p[i + 2];
      bgr[i + 1] = p[i + 1];
      bgr[i + 2] = p[i];
    }
    return bi;
  }
}
