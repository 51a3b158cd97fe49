package io.schemagate.operator;

import io.schemagate.api.ContractHold;
import io.schemagate.api.Plan;
import io.schemagate.api.PlanFinding;
import io.schemagate.db.Redactor;
import io.schemagate.engine.api.Direction;
import io.schemagate.engine.api.MigrationPlan;
import io.schemagate.lint.ContractStep;
import io.schemagate.lint.Finding;
import io.schemagate.rollout.RunningPod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What status.plan shows besides the scripts: the lint's findings and contract steps, and the SQL
 * the plan runs; bounded, so a large bundle keeps the status small.
 */
final class PlanDetails {
  private static final Logger LOG = LoggerFactory.getLogger(PlanDetails.class);

  /** The most findings status.plan lists; findingCount has them all. */
  static final int MAX_FINDINGS = 50;

  /** The most contract steps status.plan lists: the first ones are those a hold concerns. */
  static final int MAX_CONTRACT_STEPS = 50;

  /** The most pods a contract step's status and message name. */
  static final int MAX_PODS = 20;

  /** The most of a plan's SQL the status shows. */
  static final int MAX_SQL = 32 * 1024;

  private PlanDetails() {}

  /**
   * {@code plan} as status.plan: at most {@link #MAX_FINDINGS} findings (findingCount has them all)
   * and {@link #MAX_CONTRACT_STEPS} contract steps, every statement masked with {@code secrets}.
   * Called by the {@link StatusAssembler} only.
   */
  static Plan status(ShownPlan plan, Redactor secrets) {
    Plan shown = new Plan();
    shown.id = plan.id();
    shown.direction = plan.direction();
    shown.fromVersion = plan.fromVersion();
    shown.toVersion = plan.toVersion();
    shown.scripts = new ArrayList<>(plan.scripts());
    shown.sql = plan.sql();
    List<Finding> findings = plan.findings();
    shown.findingCount = findings.size();
    shown.findings =
        findings.subList(0, Math.min(MAX_FINDINGS, findings.size())).stream()
            .map(finding -> shown(finding, secrets))
            .toList();
    shown.contractSteps =
        plan.contractSteps().stream()
            .limit(MAX_CONTRACT_STEPS)
            .map(step -> shown(step, plan.waitingFor().get(step.version())))
            .toList();
    return shown;
  }

  private static PlanFinding shown(Finding finding, Redactor secrets) {
    PlanFinding shown = new PlanFinding();
    shown.rule = finding.rule();
    shown.severity = name(finding.severity().name());
    shown.script = finding.script();
    shown.line = finding.line();
    shown.statement = secrets.redact(finding.statement());
    shown.takes = finding.takes();
    shown.why = finding.why();
    shown.fix = finding.fix();
    return shown;
  }

  private static ContractHold shown(ContractStep step, List<String> waitingFor) {
    ContractHold hold = new ContractHold();
    hold.waitingFor = waitingFor;
    hold.version = step.version();
    hold.script = step.script();
    hold.why = step.why();
    return hold;
  }

  /** "web-1 (requires 5), web-2 (requires 5) and 3 more", naming at most {@link #MAX_PODS}. */
  static List<String> names(List<RunningPod> pods) {
    List<String> names =
        new ArrayList<>(pods.stream().limit(MAX_PODS).map(RunningPod::toString).toList());
    if (pods.size() > MAX_PODS) {
      names.add("and " + (pods.size() - MAX_PODS) + " more");
    }
    return names;
  }

  /** "2 lint findings (drop-column in V5__drop.sql line 2, ...)", naming at most three. */
  static String summary(List<Finding> findings) {
    StringBuilder text =
        new StringBuilder()
            .append(findings.size())
            .append(findings.size() == 1 ? " lint finding (" : " lint findings (");
    for (int i = 0; i < Math.min(3, findings.size()); i++) {
      Finding finding = findings.get(i);
      text.append(i == 0 ? "" : ", ")
          .append(finding.rule())
          .append(" in ")
          .append(finding.script())
          .append(" line ")
          .append(finding.line());
    }
    if (findings.size() > 3) {
      text.append(" and ").append(findings.size() - 3).append(" more");
    }
    return text.append(')').toString();
  }

  /**
   * The plan's SQL in the rendering of the command line's --sql, secrets masked and cut to keep the
   * status small; a plan that cannot be rendered is shown without it rather than held up.
   */
  static String sql(TargetEngine engine, MigrationPlan plan, Redactor secrets) {
    try {
      String sql = engine.sql(plan);
      // A script may spell the database's own password (CREATE USER ... PASSWORD): masked.
      sql = secrets.redact(sql);
      if (sql.length() <= MAX_SQL) {
        return sql;
      }
      return sql.substring(0, MAX_SQL)
          + "\n-- ... cut after 32 KiB: `schemagate "
          + (plan.direction() == Direction.DOWN ? "downgrade" : "upgrade")
          + " --sql` prints it all\n";
    } catch (RuntimeException e) {
      LOG.debug("Could not render the plan's SQL: {}", e.getMessage());
      return null;
    }
  }

  private static String name(String upper) {
    return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
  }
}
