package io.github.layeract.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.models.Models;
import io.github.layeract.tf.Activations;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No benchmark code ships in the library jars: the entries of the {@code layeract-tf}, {@code models} and
 * {@code datasets} jars (or their class directories, when the build stops before {@code package}) hold no class of
 * this module, no class named like a benchmark and no {@code bench} package.
 */
class LibraryJarsTest {

  @Test
  void libraryJarsHoldNoBenchmarkClass() throws IOException, URISyntaxException {
    List<String> ours = entries(location(ActivationBenchmark.class)).stream()
        .filter(e -> e.endsWith(".class")).toList();
    assertTrue(ours.contains("io/github/layeract/benchmarks/ActivationBenchmark.class"), ours.toString());
    for (Class<?> library : List.of(Activations.class, Models.class, ImageSet.class)) {
      Path jar = location(library);
      List<String> entries = entries(jar);
      assertTrue(entries.stream().anyMatch(e -> e.equals(library.getName().replace('.', '/') + ".class")),
          jar + " does not hold " + library.getName());
      List<String> bad = entries.stream().filter(e -> ours.contains(e) || e.contains("/bench/")
          || e.contains("/benchmarks/") || e.matches(".*Bench(mark)?[^/]*\\.class")).toList();
      assertEquals(List.of(), bad, jar + " ships benchmark code");
    }
  }

  private static Path location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The entry names of a jar, or the relative paths under a class directory, with {@code /} separators. */
  private static List<String> entries(Path location) throws IOException {
    if (Files.isRegularFile(location)) {
      try (JarFile jar = new JarFile(location.toFile())) {
        return Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
      }
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(location)) {
      files.filter(Files::isRegularFile).forEach(f -> out.add(location.relativize(f).toString().replace('\\', '/')));
    }
    return out;
  }
}
