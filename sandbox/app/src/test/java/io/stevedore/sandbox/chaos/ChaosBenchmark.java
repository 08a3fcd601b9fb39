package io.stevedore.sandbox.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `./stevedore bench chaos`: every scenario at the size, on real processes; the last line
 * is `RESULT chaos <lost> lost duplicated=… dead_lettered=… orphans=… crashes=… accepted=…
 * scenarios=…`. Sizes: {@link ChaosSettings#benchmark()}; `-Dchaos.only=events|operator` runs half.
 */
public final class ChaosBenchmark {
  private ChaosBenchmark() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    var settings = ChaosSettings.benchmark();
    long seed = Long.getLong("chaos.seed", 13);
    String only = System.getProperty("chaos.only", "");
    out.println("chaos benchmark: " + settings + " seed=" + seed);
    Path directory = Files.createTempDirectory("stevedore-chaos");
    List<ScenarioResult> results = new ArrayList<>();
    if (!only.equals("operator")) {
      try (var platform = ChaosPlatform.start(directory.resolve("events"), out)) {
        var scenarios = new DataScenarios(platform, settings, out, seed);
        record(results, scenarios.workerKills(), out);
        record(results, scenarios.rabbitOutage(), out);
        record(results, scenarios.dynamoOutage(), out);
        record(results, scenarios.mariadbOutage(), out);
      }
    }
    if (!only.equals("events")) {
      try (var platform = new OperatorPlatform(directory.resolve("operator"), out)) {
        var scenarios = new OperatorScenarios(platform, settings, out, seed);
        record(results, scenarios.operatorKills(), out);
        record(results, scenarios.generatedSpecs(), out);
      }
    }
    out.println();
    results.forEach(r -> out.println(r.line()));
    out.println(ScenarioResult.resultLine(results));
    System.exit(results.stream().allMatch(ScenarioResult::clean) ? 0 : 1);
  }

  private static void record(List<ScenarioResult> results, ScenarioResult result, PrintStream out) {
    results.add(result);
    out.println(result.line());
  }
}
