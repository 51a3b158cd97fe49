/**
 * The rules of a rollout, without a database: the gate's annotations, the one version grammar, the
 * running pods a contract step waits for, and the contract-hold rule. The gate, the operator's
 * decision and the command line's {@code wait} share them.
 */
package io.schemagate.rollout;
