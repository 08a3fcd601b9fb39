package io.stevedore.runtime.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** `./stevedore bench <name>`: runs one benchmark; its last line is the RESULT line. */
public final class Benchmarks {
  private static final Map<String, Supplier<Benchmark>> ALL = new TreeMap<>();

  static {
    // One entry per benchmark: ALL.put("<name>", <Class>::new);
    ALL.put("directory", DirectoryBenchmark::new);
    ALL.put("fairness", FairnessBenchmark::new);
    ALL.put("ingest", IngestBenchmark::new);
    ALL.put("worker", WorkerBenchmark::new);
  }

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !ALL.containsKey(args[0])) {
      System.err.println("usage: ./stevedore bench <name>; benchmarks: " + ALL.keySet());
      System.exit(2);
    }
    String result = ALL.get(args[0]).get().run();
    System.out.println(result);
    // Clients of the broker and stores may leave non-daemon threads behind.
    System.exit(0);
  }
}
