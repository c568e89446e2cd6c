package io.github.layeract.evaluation.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: the command's result as JSON on stdout instead of text. */
public final class JsonOption {

  @Option(names = "--json", description = "Print the result as JSON to stdout.")
  public boolean json;
}
