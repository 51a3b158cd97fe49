/**
 * The migration engine's supported API: what applications, the command line and the operator use.
 *
 * <p>{@link io.schemagate.engine.MigrationEngine} runs one bundle against one database; {@link
 * io.schemagate.engine.BundleLoader} reads bundles; {@link io.schemagate.engine.EngineSettings}
 * (with its {@link io.schemagate.engine.Vocabulary}) configures a run; {@link
 * io.schemagate.engine.MigrationPlan} says what moving to a target would do; the reports ({@code
 * StatusReport}, {@code RunReport}, ...) are plain records; every failure is an {@link
 * io.schemagate.engine.EngineException} whose {@link io.schemagate.engine.FailureKind} says why.
 *
 * <p>The package {@code io.schemagate.engine.flyway} is not API: it is the one place that uses
 * Flyway's internal classes or writes history rows by hand, and it may change in any release.
 */
package io.schemagate.engine;
