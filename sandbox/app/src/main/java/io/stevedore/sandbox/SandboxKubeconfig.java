package io.stevedore.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The kubeconfig file the sandbox writes for itself, so that the real kubectl (or any client)
 * reaches its embedded API: one cluster, one context with the examples' namespace, no credentials
 * (the embedded API has no authentication). Removed when the sandbox stops.
 */
public final class SandboxKubeconfig implements AutoCloseable {
  /** Where `./stevedore sandbox` writes it unless told otherwise (gitignored). */
  public static final Path DEFAULT = Path.of(".sandbox", "kubeconfig");

  private static final String NAME = "stevedore-sandbox";

  private final Path file;
  private final String content;

  private SandboxKubeconfig(Path file, String content) {
    this.file = file;
    this.content = content;
  }

  /** Writes a kubeconfig for the API at {@code apiUrl} to {@code file}, replacing any there. */
  public static SandboxKubeconfig write(Path file, String apiUrl, String namespace) {
    String content = render(apiUrl, namespace);
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Files.writeString(absolute, content);
      if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the sandbox kubeconfig " + absolute, e);
    }
    return new SandboxKubeconfig(absolute, content);
  }

  /** The kubeconfig, with the server as an IPv4 address: the embedded API listens on 127.0.0.1. */
  static String render(String apiUrl, String namespace) {
    URI api = URI.create(apiUrl);
    String server = "http://127.0.0.1:" + api.getPort();
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: %3$s
        users:
        - name: %1$s
          user: {}
        current-context: %1$s
        """
        .formatted(NAME, server, namespace);
  }

  public Path file() {
    return file;
  }

  /** Removes the file, unless something else has replaced it since. */
  @Override
  public void close() {
    try {
      if (Files.exists(file) && Files.readString(file).equals(content)) {
        Files.delete(file);
      }
    } catch (IOException e) {
      System.err.println("Could not remove the sandbox kubeconfig " + file + ": " + e.getMessage());
    }
  }
}
