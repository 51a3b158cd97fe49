package io.schemagate.operator;

/**
 * The operator's Kubernetes identity, for messages that tell a tenant whom to grant a Secret: the
 * chart passes the ServiceAccount and namespace in the environment.
 */
final class OperatorIdentity {
  private OperatorIdentity() {}

  static String describe() {
    String account = System.getenv("SCHEMAGATE_SERVICE_ACCOUNT");
    String namespace = System.getenv("POD_NAMESPACE");
    if (account == null || account.isBlank() || namespace == null || namespace.isBlank()) {
      return "the operator's ServiceAccount";
    }
    return "the ServiceAccount " + namespace + "/" + account;
  }
}
