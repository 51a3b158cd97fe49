package io.schemagate.operator;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.db.KnownSecrets;
import io.schemagate.db.Redactor;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.operator.FleetMembers.Member;
import io.schemagate.operator.FleetMemory.Seen;
import io.schemagate.operator.FleetRollout.TargetState;
import java.util.ArrayList;

/**
 * One target of a fleet in one reconcile: its database read under the tenant policy, then a {@link
 * TargetRun} (observe, decide, act) on the target's own status, ending in what the fleet remembers
 * of it ({@link Seen}). A failure ends there too, never in an exception.
 */
final class FleetTargetRun {
  private final DatabaseMigration resource;
  private final ReconcileContext context;
  private final Announcements announce;
  private final long generation;
  private final DatabaseMigrationStatus resourceStatus;
  private final String key;
  private final String uid;
  // One reconcile rolls one bundle: its plan digest is the same for every target of a kind.
  private final java.util.Map<io.schemagate.db.DatabaseKind, String> planInputs =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param resourceStatus the fleet resource's status, whose tokens a target seen for the first
   *     time starts from
   */
  FleetTargetRun(
      DatabaseMigration resource,
      ReconcileContext context,
      Announcements announce,
      long generation,
      DatabaseMigrationStatus resourceStatus) {
    this.resource = resource;
    this.context = context;
    this.announce = announce;
    this.generation = generation;
    this.resourceStatus = resourceStatus;
    this.key = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    this.uid = resource.getMetadata().getUid();
  }

  /** One target: read its database, then observe, decide and act as a single resource would. */
  Seen run(Member member, Bundle fleetBundle, String rollout, Seen before) {
    String target = key + "/" + member.name();
    DatabaseMigrationStatus start = before == null ? firstStatus() : before.status();
    StatusAssembler own = new StatusAssembler(start, generation);
    DatabaseUrl url;
    try {
      url =
          member.url(
              context.targets(),
              resource.getMetadata().getNamespace(),
              context.settings().tenants().policy(resource.getMetadata().getNamespace()));
    } catch (Problem problem) {
      return ended(
          rollout,
          own,
          false,
          TargetResult.failed(problem.reason(), problem.getMessage(), null, 0, null));
    } catch (IllegalArgumentException e) {
      return ended(
          rollout,
          own,
          false,
          TargetResult.failed(Reason.InvalidSpec, e.getMessage(), null, 0, null));
    }
    Redactor secrets = url.secrets();
    own.masking(secrets);
    KnownSecrets.set(target, secrets);
    Bundle bundle = member.bundle(fleetBundle);
    try {
      EngineSettings engineSettings =
          Reconciliation.engineSettings(bundle, resource.getSpec(), context.settings());
      String history =
          HistoryOwners.key(url.kind().name(), url.jdbcUrl(), engineSettings.lockScope());
      try (TargetEngine engine = context.engines().open(target, url, bundle, engineSettings)) {
        context.running().started(uid, engine);
        try {
          Requests asked = Requests.of(resource);
          TargetRun.Resource shared =
              new TargetRun.Resource(
                  resource,
                  context,
                  own,
                  announce.forTarget(member.name()),
                  secrets,
                  target,
                  // A reset drops a database's objects: the fleet does not reset its targets.
                  new Requests(asked.approve(), asked.repair(), null),
                  true);
          TargetResult result =
              new TargetRun(
                      shared,
                      engine,
                      url,
                      planInputs.computeIfAbsent(
                          url.kind(), kind -> PlanInputs.fleetDigest(fleetBundle, kind)),
                      history)
                  .run();
          return ended(rollout, own, true, result);
        } finally {
          context.running().finished(uid, engine);
        }
      }
    } catch (Problem problem) {
      return ended(
          rollout,
          own,
          false,
          TargetResult.failed(
              problem.reason(), secrets.redact(problem.getMessage()), null, 0, null));
    } catch (EngineException e) {
      return ended(
          rollout,
          own,
          false,
          TargetResult.failed(
              Decision.reasonOf(e.kind()),
              secrets.redact(e.getMessage()),
              e.script(),
              e.line(),
              null));
    }
  }

  /** A target's first status: the tokens the resource already acted on. */
  private DatabaseMigrationStatus firstStatus() {
    DatabaseMigrationStatus first = new DatabaseMigrationStatus();
    first.lastApproval = resourceStatus.lastApproval;
    first.lastRepair = resourceStatus.lastRepair;
    return first;
  }

  /** How the target's run ended, with its own status trimmed to what its next run needs. */
  private Seen ended(String rollout, StatusAssembler own, boolean opened, TargetResult result) {
    DatabaseMigrationStatus after =
        switch (result.state()) {
          case UNCHANGED -> own.previous();
          case READY -> own.ready();
          case AWAITING_APPROVAL -> own.awaitingApproval(result.plan(), result.message());
          case CONTRACT_HELD -> own.contractHeld(result.plan(), result.message());
          case FAILED -> {
            if (result.plan() != null) {
              own.showing(result.plan());
            }
            own.failed(result.reason(), result.message(), result.script(), result.line());
            yield own.status();
          }
        };
    after.history = new ArrayList<>();
    after.pending = new ArrayList<>();
    if (after.plan != null) {
      after.plan.sql = null;
    }
    TargetState state =
        switch (result.state()) {
          case UNCHANGED, READY -> TargetState.READY;
          case AWAITING_APPROVAL, CONTRACT_HELD -> TargetState.WAITING;
          case FAILED ->
              result.reason().isTransient() ? TargetState.IN_PROGRESS : TargetState.FAILED;
        };
    boolean observed = opened && after.targetVersion != null;
    return new Seen(rollout, state, observed, after, result);
  }
}
