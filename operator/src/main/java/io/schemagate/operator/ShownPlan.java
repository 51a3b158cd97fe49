package io.schemagate.operator;

import io.schemagate.lint.ContractStep;
import io.schemagate.lint.Finding;
import java.util.List;
import java.util.Map;

/**
 * A plan as a resource shows it, as a value: the decision makes it, the steps carry it, and only
 * the {@link StatusAssembler} writes it into status.plan (through {@link PlanDetails#status}).
 *
 * @param id the plan id an approval names: a digest of the plan and of what else decides it
 * @param direction "Upgrade" or "Downgrade"
 * @param fromVersion the applied version, or null
 * @param toVersion the target, or null
 * @param scripts the scripts in the order they run
 * @param findings the lint's findings, all of them
 * @param contractSteps the contract steps among the scripts
 * @param waitingFor the running pods each held contract step waits for, by its version
 * @param sql the SQL it runs, rendered for a plan that waits or is refused, else null
 */
record ShownPlan(
    String id,
    String direction,
    String fromVersion,
    String toVersion,
    List<String> scripts,
    List<Finding> findings,
    List<ContractStep> contractSteps,
    Map<String, List<String>> waitingFor,
    String sql) {
  ShownPlan {
    scripts = List.copyOf(scripts);
    findings = List.copyOf(findings);
    contractSteps = List.copyOf(contractSteps);
    waitingFor = Map.copyOf(waitingFor);
  }

  /** This plan with the SQL it runs. */
  ShownPlan withSql(String rendered) {
    return new ShownPlan(
        id,
        direction,
        fromVersion,
        toVersion,
        scripts,
        findings,
        contractSteps,
        waitingFor,
        rendered);
  }

  /** This plan with the contract step of {@code version} waiting for {@code pods}. */
  ShownPlan waiting(String version, List<String> pods) {
    Map<String, List<String>> waiting = new java.util.HashMap<>(waitingFor);
    waiting.put(version, List.copyOf(pods));
    return new ShownPlan(
        id, direction, fromVersion, toVersion, scripts, findings, contractSteps, waiting, sql);
  }

  /** "Upgrade from 3 to 6", as messages and events name a plan. */
  String describe() {
    return direction
        + " from "
        + Decision.orNone(fromVersion)
        + " to "
        + Decision.orNone(toVersion);
  }
}
