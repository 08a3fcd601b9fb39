package io.stevedore.sandbox.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of its own (own data directory, socket and port), so that a scenario can stop
 * the database for real without touching the machine's shared server. Its data survives {@link
 * #stop()}. It has one database, {@link #DATABASE}, and a password user for it.
 */
final class PrivateMariaDb implements AutoCloseable {
  static final String DATABASE = "stevedore_chaos";
  static final String USER = "stevedore";
  static final String PASSWORD = "stevedore";

  private final Path directory;
  private final int port;
  private Process process;

  private PrivateMariaDb(Path directory) {
    this.directory = directory;
    this.port = FreePorts.next();
  }

  /** Initialises a data directory under {@code directory}, starts the server, creates the user. */
  static PrivateMariaDb start(Path directory) throws Exception {
    var mariadb = new PrivateMariaDb(directory);
    Path data = mariadb.data();
    Files.createDirectories(data);
    run(
        List.of(
            "mariadb-install-db",
            "--no-defaults",
            "--datadir=" + data,
            "--auth-root-authentication-method=normal",
            "--skip-test-db"),
        directory.resolve("install.log"));
    mariadb.start();
    mariadb.asRoot(
        "CREATE DATABASE " + DATABASE,
        "CREATE USER '%s'@'127.0.0.1' IDENTIFIED BY '%s'".formatted(USER, PASSWORD),
        "GRANT ALL PRIVILEGES ON %s.* TO '%s'@'127.0.0.1'".formatted(DATABASE, USER));
    return mariadb;
  }

  /** Starts the server (again) and waits until it accepts the user's connections. */
  synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    process =
        new ProcessBuilder(
                "mariadbd",
                "--no-defaults",
                "--user=root",
                "--datadir=" + data(),
                "--socket=" + socket(),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-log-bin",
                "--max-connections=500")
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(directory.resolve("mariadbd.log").toFile()))
            .start();
    ChildProcesses.track(process);
    Process started = process;
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .failFast(
            "mariadbd exited; see " + directory.resolve("mariadbd.log"), () -> !started.isAlive())
        .until(() -> PrivateRabbit.listening(port) && Files.exists(socket()));
  }

  /** Stops the server: SIGTERM (a clean shutdown), SIGKILL after 30 s. */
  synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    process = null;
  }

  /** The JDBC URL of the database, as an Environment's MySQL Secret holds it. */
  String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** Runs statements as root, who may connect only through the unix socket. */
  private void asRoot(String... statements) throws Exception {
    run(
        List.of(
            "mariadb",
            "--no-defaults",
            "-uroot",
            "--socket=" + socket(),
            "-e",
            String.join(";", statements)),
        directory.resolve("root.log"));
  }

  private Path data() {
    return directory.resolve("data");
  }

  private Path socket() {
    return directory.resolve("mariadb.sock");
  }

  private static void run(List<String> command, Path log) throws Exception {
    var process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " failed; see " + log);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
