package io.github.layeract.sweep;

import io.github.layeract.evaluation.cli.Main;

/**
 * The entry point of a cell's child JVM: the {@code layeract} CLI, plus exiting when the sweep that started it
 * dies (a killed executor must not leave an orphan training run). Exiting runs the trainer's shutdown hook, which
 * checkpoints, so the retry resumes.
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) {
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> {
      System.err.println("layeract: the sweep that started this run died; stopping");
      System.exit(130);
    }));
    System.exit(Main.execute(args));
  }
}
