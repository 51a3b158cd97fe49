package io.schemagate.rollout;

import io.schemagate.api.DatabaseMigration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The contract-hold rule, shared by the gate and {@code wait}. */
public final class ContractSteps {
  private ContractSteps() {}

  /**
   * True when {@code version} is a pending contract step and so is every script pending below it:
   * such steps wait for the older pods to go, and a pod written for them never needs them applied,
   * so holding it would hold the rollout that lets them run.
   */
  public static boolean onlyContractStepsUpTo(DatabaseMigration migration, String version) {
    var status = migration.getStatus();
    if (status == null || status.plan == null || status.plan.contractSteps.isEmpty()) {
      return false;
    }
    Set<String> contract =
        status.plan.contractSteps.stream().map(c -> c.version).collect(Collectors.toSet());
    List<String> below =
        status.pending.stream()
            .map(p -> p.version)
            .filter(v -> v != null && SchemaVersion.compare(v, version) <= 0)
            .toList();
    // A version above every contract step (or above the target) is not pending: it must be applied.
    return !below.isEmpty()
        && contract.containsAll(below)
        && below.stream().anyMatch(v -> SchemaVersion.compare(v, version) == 0);
  }
}
