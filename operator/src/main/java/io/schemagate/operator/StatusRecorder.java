package io.schemagate.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place status is written: only when it changed, replacing the whole status on a fresh
 * read, and retrying on a conflict, so a resource never stays wrong after the work is done.
 */
final class StatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;

  StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Writes {@code status} unless the resource already shows it; returns true when written. */
  boolean write(DatabaseMigration resource, DatabaseMigrationStatus status) {
    if (resource.getStatus() != null) {
      status.waitingPods = resource.getStatus().waitingPods;
    }
    if (same(resource.getStatus(), status)) {
      return false;
    }
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName();
    for (int attempt = 1; ; attempt++) {
      DatabaseMigration fresh =
          client.resources(DatabaseMigration.class).inNamespace(namespace).withName(name).get();
      if (fresh == null) {
        return false;
      }
      if (fresh.getStatus() != null) {
        // The rollout gate owns waitingPods; never overwrite its count with an older one.
        status.waitingPods = fresh.getStatus().waitingPods;
      }
      if (same(fresh.getStatus(), status)) {
        return false;
      }
      fresh.setStatus(status);
      try {
        client.resource(fresh).updateStatus();
        return true;
      } catch (KubernetesClientException e) {
        boolean retry = e.getCode() == 409 || e.getCode() >= 500;
        if (!retry || attempt == ATTEMPTS) {
          throw e;
        }
        LOG.debug(
            "Status write of {}/{} met HTTP {}; retrying on a fresh read",
            namespace,
            name,
            e.getCode());
      }
    }
  }

  static boolean same(DatabaseMigrationStatus a, DatabaseMigrationStatus b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return a == b;
    }
    JsonNode left = Serialization.jsonMapper().valueToTree(a);
    JsonNode right = Serialization.jsonMapper().valueToTree(b);
    return Objects.equals(left, right);
  }
}
