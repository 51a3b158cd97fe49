package io.schemagate.gate;

/** The label, annotations and scheduling gate a workload's pod template carries. */
public final class GateAnnotations {
  /** Only pods with this label set to "true" are ever read by the gate. */
  public static final String GATED_LABEL = "schemagate.io/gated";

  /** The DatabaseMigration, in the pod's namespace, whose applied version the pod needs. */
  public static final String MIGRATION = "schemagate.io/migration";

  /** The schema version the pod needs, in Flyway's version format (7, 1.10). */
  public static final String REQUIRES_VERSION = "schemagate.io/requires-version";

  /** The scheduling gate the gate removes; other gates are never touched. */
  public static final String GATE = "schemagate.io/schema";

  private GateAnnotations() {}

  /** The pod annotations schemagate reads; an informer keeps no others. */
  public static final java.util.Set<String> READ = java.util.Set.of(MIGRATION, REQUIRES_VERSION);
}
