/**
 * The engine's values, the layer under the Flyway seam and the façade: bundles and their loader
 * ({@link io.schemagate.engine.api.BundleLoader}), settings ({@link
 * io.schemagate.engine.api.EngineSettings} with its {@link io.schemagate.engine.api.Vocabulary}),
 * plans ({@link io.schemagate.engine.api.MigrationPlan}), reports ({@code StatusReport}, {@code
 * RunReport}, ...), and failures: an {@link io.schemagate.engine.api.EngineException} whose {@link
 * io.schemagate.engine.api.FailureKind} says why, with every refusal worded once in {@link
 * io.schemagate.engine.api.Refusals}. They read no database and know no Flyway internals.
 */
package io.schemagate.engine.api;
