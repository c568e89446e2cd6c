package io.github.layeract.models;

/** How a forward graph treats batch normalisation. */
public enum Mode {
  /** Batch statistics, and ops that update the moving averages (collected in the parameter store). */
  TRAIN,
  /** The moving statistics; no state changes. Used for validation, evaluation and export. */
  INFER
}
