package io.stevedore.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as recorded when it ran: its PID, start time and command line. A PID is reused by the
 * system once its process is gone, so a live process with that PID counts as this one only if its
 * start time and command line are the recorded ones.
 */
record RecordedProcess(long pid, Instant start, String command) {

  static RecordedProcess of(ProcessHandle process) {
    var info = process.info();
    return new RecordedProcess(
        process.pid(), info.startInstant().orElse(Instant.EPOCH), info.commandLine().orElse(""));
  }

  /** The live process that is verifiably this one, if any. */
  Optional<ProcessHandle> running() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameAs);
  }

  private boolean sameAs(ProcessHandle process) {
    var now = of(process);
    return !start.equals(Instant.EPOCH) && start.equals(now.start) && command.equals(now.command);
  }

  /** One line: {@code pid start command}. */
  String format() {
    return pid + " " + start + " " + command;
  }

  static RecordedProcess parse(String line) {
    String[] parts = line.split(" ", 3);
    return new RecordedProcess(
        Long.parseLong(parts[0]), Instant.parse(parts[1]), parts.length > 2 ? parts[2] : "");
  }
}
