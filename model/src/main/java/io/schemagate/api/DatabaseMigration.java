package io.schemagate.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Database schema migrations to apply, declared as a Kubernetes resource. */
@Group(DatabaseMigration.GROUP)
@Version(DatabaseMigration.VERSION)
@Kind("DatabaseMigration")
@Plural("databasemigrations")
@ShortNames("dbm")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class DatabaseMigration
    extends CustomResource<DatabaseMigrationSpec, DatabaseMigrationStatus> implements Namespaced {
  public static final String GROUP = "schemagate.io";
  public static final String VERSION = "v1alpha1";

  /** Approves a manual plan: its value must be the plan id shown in status. */
  public static final String APPROVE_ANNOTATION = "schemagate.io/approve";

  /** Runs a repair once for each new value (removes failed rows, realigns checksums). */
  public static final String REPAIR_ANNOTATION = "schemagate.io/repair";

  /**
   * Drops every object in the schemas and applies all migrations again, once for each new value;
   * the value must name the resource ({@code <name>} or {@code <name>@<token>}) and
   * spec.policy.allowClean must be true.
   */
  public static final String RESET_ANNOTATION = "schemagate.io/reset";

  /** Resumes a halted fleet rollout once for each new value: its failed targets run again. */
  public static final String RESUME_ANNOTATION = "schemagate.io/resume";

  /**
   * Lets the waves of a fleet up to this number start, where spec.rollout.approveWaves asks for it.
   */
  public static final String APPROVE_WAVE_ANNOTATION = "schemagate.io/approve-wave";

  @Override
  protected DatabaseMigrationStatus initStatus() {
    return new DatabaseMigrationStatus();
  }
}
