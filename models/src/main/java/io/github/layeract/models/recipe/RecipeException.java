package io.github.layeract.models.recipe;

/** A recipe field with a bad value: {@code "<field> <problem>"}, e.g. {@code batch must be at least 1, got 0}. */
public final class RecipeException extends IllegalArgumentException {

  private final String field;

  public RecipeException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
  }

  /** The recipe field, as named by its builder method (e.g. {@code weightDecay}). */
  public String field() {
    return field;
  }

  /** The problem without the field name. */
  public String problem() {
    return getMessage().substring(field.length() + 1);
  }
}
