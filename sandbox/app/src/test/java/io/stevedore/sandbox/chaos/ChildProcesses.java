package io.stevedore.sandbox.chaos;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes the scenarios start (broker node, database, operator), SIGKILLed when this JVM
 * exits, so that a test run stopped halfway leaves nothing running.
 */
final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    RUNNING.forEach(
                        p -> {
                          p.descendants()
                              .filter(
                                  d ->
                                      d.info().command().map(c -> !c.endsWith("epmd")).orElse(true))
                              .forEach(ProcessHandle::destroyForcibly);
                          p.destroyForcibly();
                        }),
                "chaos-children"));
  }

  private ChildProcesses() {}

  static Process track(Process process) {
    RUNNING.removeIf(p -> !p.isAlive());
    RUNNING.add(process);
    return process;
  }
}
