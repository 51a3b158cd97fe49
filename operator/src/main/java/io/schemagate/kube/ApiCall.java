package io.schemagate.kube;

import java.util.List;

/**
 * A kind of Kubernetes API call schemagate makes, as an RBAC rule. The Helm chart's RBAC is checked
 * against the lists of these, so it grants what the code uses and nothing more.
 *
 * @param apiGroup "" for the core group
 */
public record ApiCall(String apiGroup, String resource, List<String> verbs) {
  public ApiCall {
    verbs = List.copyOf(verbs);
  }
}
