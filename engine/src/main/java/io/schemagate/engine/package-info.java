/**
 * The migration engine's façade, the top layer of the engine: what applications, the command line
 * and the operator call.
 *
 * <p>{@link io.schemagate.engine.MigrationEngine} runs one bundle against one database: {@code
 * plan} says what moving to a target would do, {@code apply} runs exactly that plan or nothing, and
 * {@link io.schemagate.engine.Maintenance} holds validate, repair, stamp, baseline and clean. The
 * values they take and return (bundles, settings, plans, reports, failures) are in {@link
 * io.schemagate.engine.api}.
 *
 * <p>The package {@code io.schemagate.engine.flyway} is not API: it is the one place that uses
 * Flyway's internal classes or writes history rows by hand, and it may change in any release.
 */
package io.schemagate.engine;
