package io.schemagate.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.DatabaseMigrationStatus;
import io.schemagate.db.KnownSecrets;
import io.schemagate.db.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path of the operator's status writes, and its memory of them. A write replaces the whole
 * status on a fresh read and retries on a conflict. The status written last is kept per resource,
 * and the next reconcile starts from it ({@link #latest}), not from the informer's copy, which may
 * not have seen the write yet: the fields that are the operator's memory (lastReset, lastRepair,
 * plan, failure.attempts) are then never read stale, so a reset cannot run twice. The rollout gate
 * owns waitingPods; it is always taken from the server or the resource, never from memory.
 */
final class StatusRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(StatusRecorder.class);
  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final Map<String, DatabaseMigrationStatus> written = new ConcurrentHashMap<>();

  StatusRecorder(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The status a reconcile of {@code resource} starts from: the one this operator wrote last, or
   * the resource's own when it wrote none (a new resource, or a new leader).
   */
  DatabaseMigrationStatus latest(DatabaseMigration resource) {
    DatabaseMigrationStatus seen = resource.getStatus();
    DatabaseMigrationStatus mine = written.get(resource.getMetadata().getUid());
    if (mine == null) {
      return seen;
    }
    DatabaseMigrationStatus copy = copy(mine);
    copy.waitingPods = seen == null ? null : seen.waitingPods;
    return copy;
  }

  /**
   * Writes {@code status} unless the resource already shows it; returns true when written. Every
   * text of the status is masked first with the secrets the resource's reconcile knows ({@link
   * KnownSecrets}): whatever a field quotes (a finding, a contract step's reason, a driver's
   * message), no password reaches the API server.
   */
  boolean record(DatabaseMigration resource, DatabaseMigrationStatus unmasked) {
    DatabaseMigrationStatus status =
        masked(
            unmasked,
            KnownSecrets.of(
                resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName()));
    DatabaseMigrationStatus known = latest(resource);
    if (known != null) {
      status.waitingPods = known.waitingPods;
    }
    if (same(known, status)) {
      return false;
    }
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName();
    for (int attempt = 1; ; attempt++) {
      DatabaseMigration fresh =
          client.resources(DatabaseMigration.class).inNamespace(namespace).withName(name).get();
      if (fresh == null
          || !Objects.equals(fresh.getMetadata().getUid(), resource.getMetadata().getUid())) {
        return false;
      }
      if (fresh.getStatus() != null) {
        status.waitingPods = fresh.getStatus().waitingPods;
      }
      if (same(fresh.getStatus(), status)) {
        remember(resource, status);
        return false;
      }
      fresh.setStatus(status);
      try {
        client.resource(fresh).updateStatus();
        remember(resource, status);
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

  /** Forgets a deleted resource. */
  void forget(String uid) {
    written.remove(uid);
  }

  int size() {
    return written.size();
  }

  private void remember(DatabaseMigration resource, DatabaseMigrationStatus status) {
    written.put(resource.getMetadata().getUid(), copy(status));
  }

  /** {@code status} with every secret in every text field replaced by {@code ***}. */
  static DatabaseMigrationStatus masked(DatabaseMigrationStatus status, Redactor secrets) {
    if (status == null || secrets.values().isEmpty()) {
      return status;
    }
    JsonNode tree = Serialization.jsonMapper().valueToTree(status);
    return Serialization.jsonMapper()
        .convertValue(mask(tree, secrets), DatabaseMigrationStatus.class);
  }

  private static JsonNode mask(JsonNode node, Redactor secrets) {
    if (node.isTextual()) {
      return TextNode.valueOf(secrets.redact(node.textValue()));
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> object.set(name, mask(object.get(name), secrets)));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, mask(array.get(i), secrets));
      }
    }
    return node;
  }

  private static DatabaseMigrationStatus copy(DatabaseMigrationStatus status) {
    return Serialization.jsonMapper().convertValue(status, DatabaseMigrationStatus.class);
  }

  static boolean same(DatabaseMigrationStatus a, DatabaseMigrationStatus b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    JsonNode left = Serialization.jsonMapper().valueToTree(a);
    JsonNode right = Serialization.jsonMapper().valueToTree(b);
    return Objects.equals(left, right);
  }
}
