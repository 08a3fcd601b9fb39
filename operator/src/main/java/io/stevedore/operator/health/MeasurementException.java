package io.stevedore.operator.health;

/** A measurement could not be taken; the message says why, for a gate's Unknown verdict. */
public class MeasurementException extends Exception {
  public MeasurementException(String message, Throwable cause) {
    super(message, cause);
  }

  public MeasurementException(String message) {
    super(message);
  }
}
