package io.github.layeract.evaluation.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code and docs cite the paper, its appendix, the reference code or this repository's own files, never notes that a
 * reader of the repository cannot open (the team's private reference notes).
 */
class CitationsTest {

  /** The private notes by file name, and the relative path that leads out of the repository to them. */
  private static final Pattern OUTSIDE = Pattern.compile(
      "\\b(layeract|tfjava-1\\.1|native-kernels|sweeps-spark)\\.md\\b|\\.\\./shared/|\\bshared/reference\\b"
          + "|\\bDESIGN\\.md\\b");

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void nothingCitesFilesOutsideTheRepository() throws IOException {
    assertTrue(Files.isRegularFile(ROOT.resolve("pom.xml")) && Files.isDirectory(ROOT.resolve("layeract-tf")),
        "tests run from a module directory of the repository: " + ROOT);
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path f : files.filter(CitationsTest::isSourceOrDoc).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (OUTSIDE.matcher(lines.get(i)).find()) {
            hits.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(List.of(), hits);
  }

  @Test
  void thePatternFindsEachKindOfReference() {
    for (String s : List.of("see layeract.md §4.1", "(tfjava-1.1.md §3.9)", "../shared/reference/x", "DESIGN.md",
        "(and in `shared/reference/corruptions.md`)")) {
      assertTrue(OUTSIDE.matcher(s).find(), s);
    }
    assertTrue(!OUTSIDE.matcher("docs/corruptions.md and docs/library.md").find());
  }

  private static boolean isSourceOrDoc(Path f) {
    String rel = ROOT.relativize(f).toString().replace('\\', '/');
    if (rel.startsWith(".git/") || rel.contains("/target/") || rel.startsWith("target/")
        || rel.endsWith("CitationsTest.java")) {
      return false;
    }
    String name = f.getFileName().toString();
    return Files.isRegularFile(f) && (name.endsWith(".java") || name.endsWith(".md") || name.endsWith(".cc")
        || name.endsWith(".h") || name.endsWith(".xml") || name.endsWith(".py") || name.equals("layeract")
        || name.equals("run"));
  }
}
