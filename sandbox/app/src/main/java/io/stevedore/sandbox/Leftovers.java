package io.stevedore.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cleans up after earlier sandbox runs that could not (killed with SIGKILL, or crashed): for each
 * recorded run whose JVM is gone, stops its pods that still run (only processes verifiably the
 * recorded ones) and removes its vhost, broker users, database and work directory.
 */
final class Leftovers {
  private static final Duration POD_GRACE = Duration.ofSeconds(10);

  private Leftovers() {}

  /** Returns how many runs' leftovers were removed. */
  static int removeAll(Path runs, PrintStream out) {
    int removed = 0;
    for (RunRecord run : RunRecord.all(runs)) {
      if (run.owner().running().isPresent()) {
        continue; // another sandbox, still running
      }
      int pods = 0;
      for (RecordedProcess pod : run.pods()) {
        var process = pod.running();
        if (process.isPresent()) {
          stop(process.get());
          pods++;
        }
      }
      SandboxPlatform.remove(run);
      run.close();
      removed++;
      out.printf(
          "Removed what an earlier sandbox run (PID %d) left: %d pod processes, vhost %s,"
              + " database %s, %s%n",
          run.owner().pid(), pods, run.vhost(), run.database(), run.workDirectory());
    }
    return removed;
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(POD_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
