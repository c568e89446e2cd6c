package io.github.layeract.evaluation.cli;

import io.github.layeract.datasets.corruptions.TrainingCorruption;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --train-corruption SPEC}, e.g. {@code gaussian_noise:1-3:p=0.5}; a bad spec is a one-line usage error. */
final class TrainingCorruptionConverter implements ITypeConverter<TrainingCorruption> {

  @Override
  public TrainingCorruption convert(String value) {
    try {
      return TrainingCorruption.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
