package io.stevedore.operator.tenant;

import io.stevedore.operator.api.v1alpha1.RedriveStatus;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.broker.DeadLetterRedrive;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter redrive a Tenant asks for (pure): every new value of the annotation
 * `stevedore.io/redrive-dead-letters` starts one; status.redrive records its progress batch by
 * batch and its end, so a token once finished is never run again, and one interrupted by a crash
 * resumes (the moved copies carry the token, so the broker side never moves a message twice for
 * it).
 */
final class RedriveRequest {
  static final String ANNOTATION = "stevedore.io/redrive-dead-letters";

  /** A redrive to run a batch of: its token, and what status says of it so far. */
  record Pending(String token, long movedSoFar, String startedAt) {}

  private RedriveRequest() {}

  /** The redrive to continue or start, or empty when none is asked for or it has finished. */
  static Optional<Pending> pending(Tenant tenant) {
    Map<String, String> annotations = tenant.getMetadata().getAnnotations();
    String token = annotations == null ? null : annotations.get(ANNOTATION);
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    token = token.trim();
    RedriveStatus last = tenant.getStatus() == null ? null : tenant.getStatus().getRedrive();
    if (last == null || !token.equals(last.getToken())) {
      return Optional.of(new Pending(token, 0, null));
    }
    if (last.getFinishedAt() != null) {
      return Optional.empty();
    }
    return Optional.of(
        new Pending(token, last.getMoved() == null ? 0 : last.getMoved(), last.getStartedAt()));
  }

  /** The status after one batch of {@code pending}. */
  static RedriveStatus after(Pending pending, DeadLetterRedrive.Batch batch, Instant now) {
    var status = new RedriveStatus();
    status.setToken(pending.token());
    status.setMoved(pending.movedSoFar() + batch.moved());
    status.setRemaining(batch.remaining());
    status.setStartedAt(pending.startedAt() == null ? now.toString() : pending.startedAt());
    status.setFinishedAt(batch.finished() ? now.toString() : null);
    return status;
  }
}
