package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.tenant.IngestConfirmation.IngestPod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestConfirmationTest {

  /**
   * Pods as {@code name:state[:generation]}, state one of ready, unready, gone, unaddressed (no pod
   * IP yet); a pod without a generation did not answer.
   */
  @ParameterizedTest(name = "required={0} pods=[{1}] -> confirmed={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // No ingest pod at all: nobody can accept data for the tenant.
        "12 |                                        | true  | 0 ingest pods serve tenant directory generation 12 or later",
        "12 | a:ready:12                             | true  | 1 ingest pods",
        "12 | a:ready:12, b:ready:15                 | true  | 2 ingest pods",
        "12 | a:ready:12, b:ready:11                 | false | b (serves generation 11)",
        "12 | a:ready                                | false | a (did not answer)",
        "12 | a:unready                              | false | a (not ready)",
        // Not Ready yet but already on the new directory: it refuses the tenant.
        "12 | a:unready:12                           | true  | 1 ingest pods",
        // A pod that is gone no longer counts, whatever it served.
        "12 | a:gone:3, b:ready:12                   | true  | 1 ingest pods",
        "12 | a:gone, b:ready:13                     | true  | 1 ingest pods",
        "12 | a:ready:11, b:unready, c:ready, d:ready:12 | false | a (serves generation 11), b (not ready), c (did not answer)",
        // No address: it never took a request; it counts once it has one (every check lists anew).
        "12 | a:unaddressed, b:ready:12              | true  | 1 ingest pods serve tenant directory generation 12 or later; 1 without an address yet",
        "12 | a:unaddressed, b:ready:11              | false | b (serves generation 11)",
        // The directory still lists the tenant: whatever the pods say, nothing is confirmed.
        "   | a:ready:40                             | false | tenant directory to drop the tenant",
        "   |                                        | false | tenant directory to drop the tenant",
      })
  void everyPodThatStillRunsMustServeTheFirstGenerationWithoutTheTenant(
      Long required, String pods, boolean confirmed, String message) {
    var decision =
        IngestConfirmation.decide(
            required == null ? OptionalLong.empty() : OptionalLong.of(required), pods(pods));

    assertThat(decision.confirmed()).isEqualTo(confirmed);
    assertThat(decision.message()).contains(message);
  }

  @ParameterizedTest(name = "recorded={0} directory={1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // First seen gone: the directory's generation now.
        "   | 9:globex      | 9",
        // Recorded earlier: later changes of the directory (other tenants) do not move it.
        "7  | 12:globex     | 7",
        // The directory restarted below it (re-created by hand): its own generation.
        "30 | 2:globex      | 2",
        // Still listed, or no directory: nothing to wait for yet.
        "   | 9:acme,globex |",
        "7  | 9:acme        |",
        "7  |               |",
      })
  void theGenerationToWaitForIsTheFirstSeenWithoutTheTenant(
      Long recorded, String directory, Long expected) {
    var required =
        IngestConfirmation.firstGenerationWithout(recorded, directory(directory), "ns", "acme");

    assertThat(required)
        .isEqualTo(expected == null ? OptionalLong.empty() : OptionalLong.of(expected));
  }

  private static List<IngestPod> pods(String text) {
    List<IngestPod> pods = new ArrayList<>();
    if (text == null) {
      return pods;
    }
    for (String pod : text.split(",")) {
      String[] parts = pod.trim().split(":");
      pods.add(
          new IngestPod(
              parts[0],
              parts[1].equals("gone"),
              !parts[1].equals("unaddressed"),
              parts[1].equals("ready"),
              parts.length > 2 ? OptionalLong.of(Long.parseLong(parts[2])) : OptionalLong.empty()));
    }
    return pods;
  }

  /** {@code generation:tenant,tenant}: a directory of tenants in namespace ns. */
  private static Optional<TenantDirectory> directory(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.split(":");
    var entries =
        Arrays.stream(parts[1].split(","))
            .map(
                name ->
                    new TenantDirectory.Entry(
                        name, "ns", "tenant.ns." + name, "t", 100, 30, List.of(), false))
            .toList();
    return Optional.of(new TenantDirectory("staging", entries, Long.parseLong(parts[0])));
  }
}
