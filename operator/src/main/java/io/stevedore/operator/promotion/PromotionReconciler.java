package io.stevedore.operator.promotion;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.health.HealthObserver;
import io.stevedore.operator.health.HealthReading;
import io.stevedore.operator.promotion.PromotionStateMachine.Action;
import io.stevedore.operator.promotion.PromotionStateMachine.Facts;
import io.stevedore.operator.promotion.PromotionStateMachine.Transition;
import io.stevedore.operator.release.ReleaseClaim;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles a Promotion: gathers the facts (its plan, its place in the queue, the target as it is
 * now, the health the gates need), lets the state machine decide, makes the one change it asks for
 * on the target Environment, and reports the phase with its conditions and Events.
 */
@ControllerConfiguration(
    name = "promotion",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrAnnotationChange.class))
public class PromotionReconciler implements Reconciler<Promotion> {
  /** How soon an expired promotion looks again while its Environment's history catches up. */
  private static final Duration HISTORY_WAIT = Duration.ofSeconds(1);

  private final StatusReporter status;
  private final HealthObserver health;
  private final PromotionMetrics metrics;
  private final Clock clock;

  public PromotionReconciler(
      StatusReporter status, HealthObserver health, PromotionMetrics metrics, Clock clock) {
    this.status = status;
    this.health = health;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, Promotion>> prepareEventSources(
      EventSourceContext<Promotion> context) {
    return List.of(
        PromotionEventSources.environments(context), PromotionEventSources.promotions(context));
  }

  @Override
  public UpdateControl<Promotion> reconcile(Promotion promotion, Context<Promotion> context) {
    if (PromotionQueue.isFinal(promotion)) {
      return expire(promotion, context);
    }
    var releases = new EnvironmentReleases(context.getClient());
    String namespace = promotion.getMetadata().getNamespace();
    Map<String, Environment> environments = PromotionEventSources.environments(promotion, context);
    boolean pending =
        promotion.getStatus() == null
            || promotion.getStatus().getPhase() == null
            || promotion.getStatus().getPhase() == PromotionPhase.Pending;
    PromotionPlan plan = pending ? PromotionPlan.of(promotion, environments) : null;
    Optional<Promotion> ahead =
        pending && !(plan instanceof PromotionPlan.Rejected)
            ? PromotionQueue.ahead(promotion, PromotionEventSources.promotions(promotion, context))
            : Optional.empty();
    Environment target =
        plan instanceof PromotionPlan.Rejected || ahead.isPresent()
            ? environments.get(promotion.getSpec().getEnvironment())
            : releases.get(namespace, promotion.getSpec().getEnvironment());
    var policy =
        EffectivePolicy.of(
            target == null ? null : target.getSpec().getPromotion(), clock.instant());
    var facts = new Facts(promotion, plan, ahead, target, policy, null);
    HealthReading reading =
        PromotionStateMachine.measure(facts)
            .map(
                m ->
                    health.observe(
                        m.environment().equals(target.getMetadata().getName())
                            ? target
                            : environments.get(m.environment()),
                        policy.gates(),
                        m.since()))
            .orElse(null);
    Transition transition =
        PromotionStateMachine.next(new Facts(promotion, plan, ahead, target, policy, reading));
    if (transition.action() != Action.NONE) {
      change(promotion, target, transition, releases);
    }
    metrics.observe(
        promotion,
        promotion.getStatus() == null ? null : promotion.getStatus().getPhase(),
        transition.phase());
    UpdateControl<Promotion> control =
        status.report(
            promotion,
            PromotionStatus::new,
            readyState(transition),
            s -> {
              copy(transition.status(), s);
              PromotionConditions.apply(
                  s,
                  transition.reason(),
                  transition.message(),
                  policy.requireApproval(),
                  promotion.getMetadata().getGeneration(),
                  clock.instant());
            });
    Duration requeue =
        transition.phase().isFinal() && promotion.getSpec().getTtlSecondsAfterFinished() != null
            ? Duration.ofSeconds(promotion.getSpec().getTtlSecondsAfterFinished())
            : transition.requeue();
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  /** A finished promotion is left alone, or deleted once its ttlSecondsAfterFinished is up. */
  private UpdateControl<Promotion> expire(Promotion promotion, Context<Promotion> context) {
    var deleteIn = PromotionExpiry.deleteIn(promotion, clock.instant());
    if (deleteIn.isEmpty()) {
      return UpdateControl.noUpdate();
    }
    if (!deleteIn.get().isNegative() && !deleteIn.get().isZero()) {
      return UpdateControl.<Promotion>noUpdate().rescheduleAfter(deleteIn.get());
    }
    var target =
        PromotionEventSources.environments(promotion, context)
            .get(promotion.getSpec().getEnvironment());
    if (!PromotionExpiry.recorded(promotion, target)) {
      return UpdateControl.<Promotion>noUpdate().rescheduleAfter(HISTORY_WAIT);
    }
    context.getClient().resource(promotion).delete();
    if (target != null) {
      status
          .events()
          .normal(
              target,
              "PromotionExpired",
              "Promotion "
                  + promotion.getMetadata().getName()
                  + " ("
                  + promotion.getStatus().getPhase()
                  + ") deleted "
                  + promotion.getSpec().getTtlSecondsAfterFinished()
                  + " s after it finished (ttlSecondsAfterFinished)");
    }
    return UpdateControl.noUpdate();
  }

  @Override
  public ErrorStatusUpdateControl<Promotion> updateErrorStatus(
      Promotion promotion, Context<Promotion> context, Exception error) {
    return status.reportError(promotion, PromotionStatus::new, error);
  }

  private void change(
      Promotion promotion,
      Environment target,
      Transition transition,
      EnvironmentReleases releases) {
    boolean rollback = transition.action() == Action.ROLL_BACK;
    var claim = new ReleaseClaim(promotion.getMetadata().getName(), rollback, transition.release());
    releases.set(target, transition.release(), claim);
    String message =
        "Promotion "
            + promotion.getMetadata().getName()
            + (rollback ? " rolls back to " : " sets release ")
            + transition.release().getVersion()
            + (rollback ? ": " + transition.message() : "");
    if (rollback) {
      status.events().warning(target, "RollingBack", message);
    } else {
      status.events().normal(target, "Promoting", message);
    }
  }

  private static ReadyState readyState(Transition transition) {
    if (transition.phase() == PromotionPhase.Succeeded) {
      return ReadyState.ready(transition.reason(), transition.message());
    }
    return PromotionConditions.warning(transition.status())
        ? ReadyState.failed(transition.reason(), transition.message())
        : ReadyState.progressing(transition.reason(), transition.message());
  }

  /** Copies the state machine's status onto the one the reporter patches (conditions apart). */
  private static void copy(PromotionStatus from, PromotionStatus to) {
    to.setPhase(from.getPhase());
    to.setRelease(from.getRelease());
    to.setSourceEnvironment(from.getSourceEnvironment());
    to.setRollbackRelease(from.getRollbackRelease());
    to.setPromotedBy(from.getPromotedBy());
    to.setApprovedBy(from.getApprovedBy());
    to.setGates(from.getGates());
    to.setStartedAt(from.getStartedAt());
    to.setVerificationStartedAt(from.getVerificationStartedAt());
    to.setRollbackStartedAt(from.getRollbackStartedAt());
    to.setFinishedAt(from.getFinishedAt());
  }
}
