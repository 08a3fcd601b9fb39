package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.RedriveStatus;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.broker.DeadLetterRedrive.Batch;
import io.stevedore.operator.testing.Fixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedriveRequestTest {
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void noAnnotationOrABlankOneAsksForNothing() {
    assertThat(RedriveRequest.pending(tenant(null, null))).isEmpty();
    assertThat(RedriveRequest.pending(tenant(" ", null))).isEmpty();
  }

  @Test
  void aTokenNeverSeenStartsFromNothing() {
    var pending = RedriveRequest.pending(tenant("r1", status("r0", 40, T0.toString())));

    assertThat(pending).contains(new RedriveRequest.Pending("r1", 0, null));
  }

  @Test
  void aTokenUnderWayContinuesWithWhatItMovedSoFar() {
    var pending = RedriveRequest.pending(tenant("r1", status("r1", 500, null)));

    assertThat(pending).contains(new RedriveRequest.Pending("r1", 500, T0.toString()));
  }

  @Test
  void aFinishedTokenIsNeverRunAgain() {
    assertThat(RedriveRequest.pending(tenant("r1", status("r1", 7, T0.toString())))).isEmpty();
  }

  @Test
  void aBatchAddsToTheCountAndTheLastOneRecordsTheEnd() {
    var first = new RedriveRequest.Pending("r1", 0, null);
    var running = RedriveRequest.after(first, new Batch(500, 300, false), T0);

    assertThat(running.getMoved()).isEqualTo(500);
    assertThat(running.getRemaining()).isEqualTo(300);
    assertThat(running.getStartedAt()).isEqualTo(T0.toString());
    assertThat(running.getFinishedAt()).isNull();

    var resumed = RedriveRequest.pending(tenant("r1", running)).orElseThrow();
    var done = RedriveRequest.after(resumed, new Batch(300, 0, true), T0.plusSeconds(1));

    assertThat(done.getMoved()).isEqualTo(800);
    assertThat(done.getStartedAt()).isEqualTo(T0.toString());
    assertThat(done.getFinishedAt()).isEqualTo(T0.plusSeconds(1).toString());
    assertThat(RedriveRequest.pending(tenant("r1", done))).isEmpty();
  }

  private static RedriveStatus status(String token, long moved, String finishedAt) {
    var s = new RedriveStatus();
    s.setToken(token);
    s.setMoved(moved);
    s.setRemaining(0L);
    s.setStartedAt(T0.toString());
    s.setFinishedAt(finishedAt);
    return s;
  }

  private static Tenant tenant(String token, RedriveStatus redrive) {
    Tenant tenant = Fixtures.tenant("ns", "acme", "staging", "standard", "standard");
    if (token != null) {
      tenant.getMetadata().setAnnotations(Map.of(RedriveRequest.ANNOTATION, token));
    }
    if (redrive != null) {
      var status = new TenantStatus();
      status.setRedrive(redrive);
      tenant.setStatus(status);
    }
    return tenant;
  }
}
