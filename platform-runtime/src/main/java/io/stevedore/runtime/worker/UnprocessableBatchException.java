package io.stevedore.runtime.worker;

/** A message that decodes but cannot be processed as it is (it will not improve by retrying). */
class UnprocessableBatchException extends RuntimeException {
  UnprocessableBatchException(String message) {
    super(message);
  }
}
