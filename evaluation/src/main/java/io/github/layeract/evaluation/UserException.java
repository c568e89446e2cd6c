package io.github.layeract.evaluation;

/** A problem the user can fix (missing data, a bad file, an impossible option): printed as one line, no stack trace. */
public class UserException extends RuntimeException {

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
