package io.github.layeract.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.ImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ImageFolderTest {

  @TempDir Path dir;

  /** Writes a PNG whose pixel (y, x) is RGB (seed + x, seed + 2y, seed + x + y) and returns its HWC image. */
  public static Image png(Path file, int h, int w, int seed) throws IOException {
    BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Image img = Image.zeros(h, w, 3);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = (seed + x) & 0xFF;
        int g = (seed + 2 * y) & 0xFF;
        int bl = (seed + x + y) & 0xFF;
        b.setRGB(x, y, (r << 16) | (g << 8) | bl);
        img.set(y, x, 0, r);
        img.set(y, x, 1, g);
        img.set(y, x, 2, bl);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(b, "png", file.toFile());
    return img;
  }

  @Test
  void listsClassFoldersInSortedOrderAndDecodesPngExactly() throws IOException {
    Image cat = png(dir.resolve("cat/b.png"), 6, 5, 10);
    Image ant = png(dir.resolve("ant/a.PNG"), 6, 5, 20);
    Image cat2 = png(dir.resolve("cat/a.png"), 6, 5, 30);
    Files.writeString(dir.resolve("cat/notes.txt"), "ignored");
    ImageFolder.Listing l = ImageFolder.list(dir);
    assertEquals(List.of("ant", "cat"), l.classes());
    assertArrayEquals(new int[] {0, 1, 1}, l.labels());
    ImageSet set = ImageFolder.load(l, 6, 5, 3);
    assertEquals(ant, set.image(0));
    assertEquals(cat2, set.image(1));
    assertEquals(cat, set.image(2));
    ImageSet gray = ImageFolder.load(l, 6, 5, 1);
    int r = ant.get(3, 2, 0);
    int g = ant.get(3, 2, 1);
    int b = ant.get(3, 2, 2);
    assertEquals(Math.round(0.299 * r + 0.587 * g + 0.114 * b), gray.image(0).get(3, 2, 0));
  }

  @Test
  void otherSizesAreResizedToCoverAndCenterCropped() throws IOException {
    // a uniform image stays uniform at any size
    BufferedImage b = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 40; x++) {
        b.setRGB(x, y, (200 << 16) | (100 << 8) | 50);
      }
    }
    Files.createDirectories(dir.resolve("a"));
    ImageIO.write(b, "png", dir.resolve("a/x.png").toFile());
    ImageSet set = ImageFolder.load(ImageFolder.list(dir), 8, 8, 3);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        assertEquals(200, set.image(0).get(y, x, 0));
        assertEquals(100, set.image(0).get(y, x, 1));
        assertEquals(50, set.image(0).get(y, x, 2));
      }
    }
  }

  @Test
  void badFoldersAndFilesFailWithOneLine() throws IOException {
    CifarReadersTest.assertBad(dir.resolve("none"), () -> ImageFolder.list(dir.resolve("none")), "not a directory");
    Files.createDirectories(dir.resolve("empty"));
    CifarReadersTest.assertBad(dir.resolve("empty"), () -> ImageFolder.list(dir.resolve("empty")),
        "has no class sub-folders");
    png(dir.resolve("set/dog/a.png"), 4, 4, 0);
    CifarReadersTest.assertBad(dir.resolve("set/dog"), () -> ImageFolder.list(dir.resolve("set"), List.of("cat")),
        "is not one of the 1 known classes");
    Files.write(dir.resolve("set/dog/broken.png"), new byte[] {1, 2, 3});
    ImageFolder.Listing l = ImageFolder.list(dir.resolve("set"));
    DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.load(l, 4, 4, 3));
    assertEquals(dir.resolve("set/dog/broken.png") + ": not a readable JPEG or PNG image", e.getMessage());
  }
}
