package io.stevedore.operator.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** `./stevedore bench <name>` for the operator's benchmarks; the last line is the RESULT line. */
public final class OperatorBenchmarks {
  private static final Map<String, Supplier<OperatorBenchmark>> ALL = new TreeMap<>();

  static {
    // One entry per benchmark.
    ALL.put("config-propagation", ConfigPropagationBenchmark::new);
    ALL.put("promotion", PromotionBenchmark::new);
    ALL.put("scale", ScaleBenchmark::new);
    ALL.put("scale-efficiency", ScaleEfficiencyBenchmark::new);
    ALL.put("scale-reaction", ScaleReactionBenchmark::new);
    ALL.put("tenants", TenantsBenchmark::new);
  }

  private OperatorBenchmarks() {}

  /** Names of the operator's benchmarks (the launcher sends every other name to the runtime). */
  public static java.util.Set<String> names() {
    return ALL.keySet();
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && "--list".equals(args[0])) {
      ALL.keySet().forEach(System.out::println);
      System.exit(0);
    }
    if (args.length != 1 || !ALL.containsKey(args[0])) {
      System.err.println("usage: ./stevedore bench <name>; operator benchmarks: " + ALL.keySet());
      System.exit(2);
    }
    try {
      System.out.println(ALL.get(args[0]).get().run());
    } catch (Exception | Error e) {
      // Exit all the same: threads left behind would keep the JVM and its pods running.
      e.printStackTrace();
      System.exit(1);
    }
    // Informers, broker and AWS clients may leave non-daemon threads behind.
    System.exit(0);
  }
}
