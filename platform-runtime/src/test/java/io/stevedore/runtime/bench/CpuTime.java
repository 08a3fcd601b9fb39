package io.stevedore.runtime.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and, when it runs on this machine, by the RabbitMQ broker (read
 * from /proc), so a benchmark can say where the machine's time went.
 */
record CpuTime(long jvmNanos, long brokerNanos) {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  static CpuTime now() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new CpuTime(os.getProcessCpuTime(), brokerCpuNanos());
  }

  /** The CPU used since {@code earlier}. */
  CpuTime minus(CpuTime earlier) {
    return new CpuTime(
        jvmNanos - earlier.jvmNanos,
        brokerNanos < 0 || earlier.brokerNanos < 0 ? -1 : brokerNanos - earlier.brokerNanos);
  }

  /** CPU time in nanoseconds used so far by {@code threads} (those still alive). */
  static long threads(java.util.List<Thread> threads) {
    var bean = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread thread : threads) {
      sum += Math.max(0, bean.getThreadCpuTime(thread.getId()));
    }
    return sum;
  }

  private static long brokerCpuNanos() {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> read(p.resolve("comm")).trim().equals("beam.smp"))
          .mapToLong(
              p -> {
                String[] fields =
                    read(p.resolve("stat"))
                        .substring(read(p.resolve("stat")).lastIndexOf(')') + 2)
                        .split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
              })
          .sum();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
