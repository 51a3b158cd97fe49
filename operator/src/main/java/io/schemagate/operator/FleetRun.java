package io.schemagate.operator;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.api.FleetStatus;
import io.schemagate.db.KnownSecrets;
import io.schemagate.engine.api.Bundle;
import io.schemagate.operator.FleetMembers.Member;
import io.schemagate.operator.FleetMemory.Seen;
import io.schemagate.operator.FleetRollout.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One reconcile of a fleet: per wave, decide (a pure {@link FleetRollout}) which targets may run,
 * run each as its own {@link TargetRun} (observe, decide, act) with at most {@code maxParallel} at
 * once, then fold their results into the bounded status ({@link FleetStatusAssembler}), recorded
 * after each wave so a long rollout shows where it is. Past the failure budget no new target
 * starts; the running ones finish.
 */
final class FleetRun {
  private final DatabaseMigration resource;
  private final ReconcileContext context;
  private final StatusAssembler status;
  private final Announcements announce;
  private final String key;
  private final String uid;
  private final long generation;
  private final FleetTargetRun targets;

  FleetRun(
      DatabaseMigration resource,
      ReconcileContext context,
      StatusAssembler status,
      Announcements announce,
      long generation) {
    this.resource = resource;
    this.context = context;
    this.status = status;
    this.announce = announce;
    this.generation = generation;
    this.key = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    this.uid = resource.getMetadata().getUid();
    this.targets = new FleetTargetRun(resource, context, announce, generation, status.previous());
  }

  /** Rolls the fleet {@code members} as far as the strategy lets it in this reconcile. */
  Reconciliation.Outcome run(List<Member> members, Bundle bundle, FleetRollout.Strategy strategy) {
    OperatorSettings settings = context.settings();
    String rollout = generation + "/" + bundle.digest();
    FleetStatus previous = status.previous().fleet;
    boolean same = previous != null && rollout.equals(previous.rollout);
    String resume = annotation(DatabaseMigration.RESUME_ANNOTATION);
    boolean resumed =
        resume != null && (previous == null || !resume.equals(previous.lastResume)) && same;
    String lastResume = resume != null ? resume : previous == null ? null : previous.lastResume;
    boolean halted = same && Boolean.TRUE.equals(previous.halted) && !resumed;
    int startedWave = same && previous.wave != null ? previous.wave : -1;
    Instant waveReadyAt =
        same && previous.waveReadyAt != null ? Instant.parse(previous.waveReadyAt) : null;

    Map<String, Seen> seen = context.fleets().of(uid);
    List<String> names = members.stream().map(Member::name).toList();
    // A target taken out of the fleet is left as it is: only the operator's memory of it goes.
    context.fleets().keepOnly(uid, new HashSet<>(names)).forEach(this::forgetTarget);
    if (resumed) {
      seen.replaceAll(
          (name, target) ->
              target.in(rollout) == TargetState.FAILED
                  ? new Seen(null, TargetState.UNKNOWN, false, target.status(), target.result())
                  : target);
      announce.fleet(
          false, "Resumed", "schemagate.io/resume=" + resume + ": failed targets run again");
    }
    int parallel = Math.min(strategy.maxParallel(), context.slots().perNamespace());
    int waves =
        FleetRollout.waveStarts(names.size(), strategy.canary(), strategy.waveSize()).size();
    Set<String> ran = new HashSet<>();
    FleetRollout.Next next;
    while (true) {
      List<TargetState> states =
          names.stream().map(n -> state(seen.get(n), rollout)).collect(Collectors.toList());
      next =
          FleetRollout.decide(
              new FleetRollout.Inputs(
                  states,
                  strategy,
                  startedWave,
                  halted,
                  waveReadyAt,
                  Instant.now(),
                  approvedWave()));
      if (next.halted()) {
        halted = true;
        break;
      }
      if (next.wave() > startedWave && startedWave >= 0) {
        announce.fleet(
            false,
            "WaveStarted",
            "Wave " + next.wave() + " of " + waves + " starts (0 is the canary)");
      }
      startedWave = Math.max(startedWave, next.wave());
      waveReadyAt = next.waveReadyAt();
      List<Member> now = new ArrayList<>();
      for (int index : next.run()) {
        if (ran.add(names.get(index))) {
          now.add(members.get(index));
        }
      }
      if (now.isEmpty()) {
        break;
      }
      runAll(now, bundle, rollout, seen, parallel, strategy.failureBudget());
      context
          .status()
          .record(resource, fold(names, seen, rollout, next, waves, halted, lastResume, strategy));
    }
    boolean wasHalted = same && Boolean.TRUE.equals(previous.halted);
    DatabaseMigrationStatus folded =
        fold(names, seen, rollout, next, waves, halted, lastResume, strategy);
    if (halted && !wasHalted) {
      announce.fleet(true, Reason.Halted.name(), readyMessage(folded));
    }
    context.metrics().fleet(resource, byState(folded.fleet));
    Duration again = settings.recheckInterval();
    if (next.wakeIn() != null && next.wakeIn().compareTo(again) < 0) {
      again = next.wakeIn();
    }
    if (folded.fleet.inProgress > 0 && settings.retryMax().compareTo(again) < 0) {
      again = settings.retryMax();
    }
    return new Reconciliation.Outcome(folded, again);
  }

  private DatabaseMigrationStatus fold(
      List<String> names,
      Map<String, Seen> seen,
      String rollout,
      FleetRollout.Next next,
      int waves,
      boolean halted,
      String lastResume,
      FleetRollout.Strategy strategy) {
    return status.fleet(
        FleetStatusAssembler.of(
            names,
            seen,
            new FleetStatusAssembler.Rollout(
                rollout,
                next,
                waves,
                halted,
                lastResume,
                strategy.failureBudget(),
                strategy.pause(),
                status.previous().appliedVersion,
                context.pods().targetsNamed(resource))));
  }

  private static TargetState state(Seen target, String rollout) {
    return target == null ? TargetState.UNKNOWN : target.in(rollout);
  }

  /**
   * Runs {@code members} with at most {@code parallel} at once. A target starts only while the
   * failures of this rollout are within {@code budget}; the ones already running finish.
   */
  private void runAll(
      List<Member> members,
      Bundle bundle,
      String rollout,
      Map<String, Seen> seen,
      int parallel,
      int budget) {
    AtomicInteger failures =
        new AtomicInteger(
            (int) seen.values().stream().filter(s -> s.in(rollout) == TargetState.FAILED).count());
    ExecutorService workers =
        Executors.newFixedThreadPool(
            Math.min(parallel, members.size()),
            r -> {
              Thread thread = new Thread(r, "schemagate-fleet-" + resource.getMetadata().getName());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Member member : members) {
        running.add(
            workers.submit(
                () -> {
                  if (failures.get() > budget) {
                    return;
                  }
                  Seen result = targets.run(member, bundle, rollout, seen.get(member.name()));
                  seen.put(member.name(), result);
                  if (result.state() == TargetState.FAILED) {
                    failures.incrementAndGet();
                    announce.fleet(
                        true,
                        "TargetFailed",
                        "Target " + member.name() + ": " + result.result().message());
                  }
                }));
      }
      for (Future<?> future : running) {
        try {
          future.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the fleet's targets ran", e);
        }
      }
    } finally {
      workers.shutdownNow();
    }
  }

  private String annotation(String name) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(name);
  }

  /** The number schemagate.io/approve-wave carries, or -1. */
  private int approvedWave() {
    String value = annotation(DatabaseMigration.APPROVE_WAVE_ANNOTATION);
    if (value == null) {
      return -1;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void forgetTarget(String name) {
    String target = key + "/" + name;
    context.verified().forget(target);
    context.owners().forget(target);
    KnownSecrets.forget(target);
    context.forgetPool(target);
  }

  private static String readyMessage(DatabaseMigrationStatus folded) {
    return folded.conditions.stream()
        .filter(c -> Conditions.READY.equals(c.getType()))
        .map(io.fabric8.kubernetes.api.model.Condition::getMessage)
        .findFirst()
        .orElse("");
  }

  private static Map<String, Integer> byState(FleetStatus fleet) {
    return Map.of(
        "ready", fleet.ready,
        "in_progress", fleet.inProgress,
        "waiting", fleet.waiting,
        "failed", fleet.failed,
        "not_started", fleet.notStarted);
  }
}
