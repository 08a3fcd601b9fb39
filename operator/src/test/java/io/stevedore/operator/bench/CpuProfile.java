package io.stevedore.operator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU a phase of a benchmark used: the process's CPU time, and JFR's execution samples split by
 * which part of the process ran them (the operator, the embedded API, the simulated services, the
 * benchmark itself, or the shared HTTP client and JVM).
 */
final class CpuProfile {
  static final String OPERATOR = "operator";
  static final String API = "embedded API";
  static final String SIMULATED = "simulated services";
  static final String BENCHMARK = "benchmark";
  static final String OTHER = "client I/O and JVM";

  /**
   * @param seconds the phase's wall time
   * @param cpuSeconds the process's CPU time in it (all threads, GC and JIT included)
   * @param samples execution samples by part
   */
  record Result(double seconds, double cpuSeconds, Map<String, Long> samples) {
    /** Cores busy on average: CPU seconds per wall second. */
    double cores() {
      return cpuSeconds / seconds;
    }

    /** The share of samples taken in {@code part} (0..1). */
    double share(String part) {
      long total = samples.values().stream().mapToLong(Long::longValue).sum();
      return total == 0 ? 0 : samples.getOrDefault(part, 0L) / (double) total;
    }

    @Override
    public String toString() {
      return String.format(
              Locale.ROOT,
              "%.1f s wall, %.1f s CPU (%.2f cores); samples: ",
              seconds,
              cpuSeconds,
              cores())
          + samples.entrySet().stream()
              .map(
                  e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * share(e.getKey())))
              .collect(Collectors.joining(", "));
    }
  }

  private final Recording recording = new Recording();
  private final long startNanos = System.nanoTime();
  private final long startCpu = processCpuNanos();

  private CpuProfile() {
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
    recording.start();
  }

  static CpuProfile start() {
    return new CpuProfile();
  }

  Result stop() throws IOException {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpu = (processCpuNanos() - startCpu) / 1e9;
    recording.stop();
    var file = Files.createTempFile("stevedore-scale", ".jfr");
    try {
      recording.dump(file);
      Map<String, Long> samples = new TreeMap<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        samples.merge(part(event), 1L, Long::sum);
      }
      return new Result(seconds, cpu, samples);
    } finally {
      recording.close();
      Files.deleteIfExists(file);
    }
  }

  /** Whose code a sample was in: the first part found walking its stack from the thread's entry. */
  private static String part(RecordedEvent sample) {
    var stack = sample.getStackTrace();
    if (stack == null) {
      return OTHER;
    }
    String part = OTHER;
    for (RecordedFrame frame : stack.getFrames()) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("io.stevedore.sandbox.cluster")
          || type.startsWith("io.fabric8.mockwebserver")
          || type.startsWith("io.fabric8.kubernetes.client.server.mock")) {
        return API;
      } else if (type.startsWith("io.stevedore.operator.simulated")) {
        part = SIMULATED;
      } else if (type.startsWith("io.stevedore.operator.bench")) {
        part = part.equals(OTHER) ? BENCHMARK : part;
      } else if ((type.startsWith("io.stevedore.operator") || type.startsWith("io.javaoperatorsdk"))
          && !part.equals(SIMULATED)) {
        part = OPERATOR;
      }
    }
    return part;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
