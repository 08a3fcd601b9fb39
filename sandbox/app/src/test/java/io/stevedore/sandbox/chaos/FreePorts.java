package io.stevedore.sandbox.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports nothing listens on now, for the private services a scenario starts. */
final class FreePorts {
  private FreePorts() {}

  static int next() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
