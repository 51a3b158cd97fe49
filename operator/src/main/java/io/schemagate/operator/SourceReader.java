package io.schemagate.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.schemagate.api.ConfigMapRef;
import io.schemagate.api.DatabaseMigration;
import io.schemagate.api.SourceSpec;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleException;
import io.schemagate.engine.api.BundleLimits;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.Naming;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a resource's scripts from its ConfigMaps and inline scripts into one bundle, within the
 * operator's bundle limits. ConfigMaps are read in the resource's namespace only, by name.
 */
final class SourceReader {
  /** Label that makes an edit of a bundle ConfigMap re-reconcile its resources at once. */
  static final String BUNDLE_LABEL = "schemagate.io/bundle";

  private final NamedObjects<ConfigMap> configMaps;
  private final BundleLimits limits;

  SourceReader(NamedObjects<ConfigMap> configMaps, BundleLimits limits) {
    this.configMaps = configMaps;
    this.limits = limits;
  }

  /**
   * Reads the bundle, counting its bytes into {@code budget} as each source is read, before it is
   * decoded: a bundle over the limit stops at the first ConfigMap that takes it there.
   */
  Bundle read(DatabaseMigration resource, BundleBudget.Reservation budget) {
    FlywayOptions overrides = FlywaySpecOptions.of(resource.getSpec());
    List<String> invalid = overrides.problems();
    if (!invalid.isEmpty()) {
      throw new Problem(Reason.InvalidSpec, String.join("; ", invalid));
    }
    String namespace = resource.getMetadata().getNamespace();
    SourceSpec source = resource.getSpec().source;
    if (source.configMaps.size() > SourceSpec.MAX_CONFIG_MAPS) {
      throw new Problem(
          Reason.SourceInvalid,
          "spec.source.configMaps names "
              + source.configMaps.size()
              + " ConfigMaps; a bundle may come from at most "
              + SourceSpec.MAX_CONFIG_MAPS
              + ": put more scripts into each (one holds up to 1 MiB)");
    }
    long total = 0;
    for (String text : source.inline.values()) {
      total = counted(total, text == null ? 0 : text.length(), budget);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    Map<String, String> twice = new LinkedHashMap<>();
    for (ConfigMapRef ref : source.configMaps) {
      Problem.checkName("ConfigMap", "spec.source.configMaps[].name", ref.name);
      ConfigMap configMap = configMaps.get(namespace, ref.name);
      if (configMap == null) {
        throw new Problem(
            Reason.SourceNotFound,
            "ConfigMap "
                + namespace
                + "/"
                + ref.name
                + " (spec.source.configMaps) does not exist; create it in this namespace");
      }
      String where = "ConfigMap " + ref.name;
      total = counted(total, size(configMap), budget);
      if (configMap.getData() != null) {
        configMap
            .getData()
            .forEach(
                (key, text) ->
                    add(files, origin, twice, key, text.getBytes(StandardCharsets.UTF_8), where));
      }
      if (configMap.getBinaryData() != null) {
        configMap
            .getBinaryData()
            .forEach(
                (key, base64) ->
                    add(files, origin, twice, key, Base64.getDecoder().decode(base64), where));
      }
    }
    source.inline.forEach(
        (key, text) ->
            add(
                files,
                origin,
                twice,
                key,
                text.getBytes(StandardCharsets.UTF_8),
                "spec.source.inline"));
    if (files.isEmpty()) {
      throw new Problem(
          Reason.SourceInvalid,
          "spec.source names no scripts: list ConfigMaps in spec.source.configMaps or write"
              + " scripts into spec.source.inline");
    }
    Bundle bundle;
    try {
      bundle = BundleLoader.fromFiles(describe(namespace, source), files, limits, overrides);
    } catch (BundleException e) {
      throw new Problem(Reason.SourceInvalid, e.getMessage());
    }
    refuseCallbacksOutsideMigrate(bundle);
    // A name in two sources matters only when the bundle reads it (a script or a setting file),
    // not for a README that two ConfigMaps carry.
    for (Map.Entry<String, String> duplicate : twice.entrySet()) {
      if (bundle.files().containsKey(duplicate.getKey())) {
        throw new Problem(Reason.SourceInvalid, duplicate.getValue());
      }
    }
    return bundle;
  }

  /**
   * {@code total} plus {@code bytes}, reserved in the budget.
   *
   * @throws Problem with the bundle limit's message as soon as the total passes it, before the rest
   *     is read
   */
  private long counted(long total, long bytes, BundleBudget.Reservation budget) {
    long sum = total + bytes;
    if (sum > limits.maxTotalBytes()) {
      throw new Problem(
          Reason.SourceInvalid,
          "The bundle is too large: "
              + limits.check(0, sum).replace("its files hold", "its sources hold at least"));
    }
    budget.add(bytes);
    return sum;
  }

  /**
   * The bytes a ConfigMap's scripts take, at least: characters of its text (a UTF-8 byte each or
   * more) and the decoded size of its binary data, counted without decoding it.
   */
  private static long size(ConfigMap configMap) {
    long bytes = 0;
    if (configMap.getData() != null) {
      for (String text : configMap.getData().values()) {
        bytes += text == null ? 0 : text.length();
      }
    }
    if (configMap.getBinaryData() != null) {
      for (String base64 : configMap.getBinaryData().values()) {
        bytes += base64 == null ? 0 : base64.length() / 4 * 3;
      }
    }
    return bytes;
  }

  /**
   * Flyway runs SQL callbacks of other events while the operator only plans ({@code afterConnect},
   * {@code beforeInfo}, {@code beforeValidate} run on every reconcile, before any approval and
   * outside a run's deadline), or on commands the operator runs on request ({@code beforeClean},
   * {@code beforeRepair}): only the callbacks of a migrate run here, after approval, shown in
   * status.plan.sql.
   */
  private static void refuseCallbacksOutsideMigrate(Bundle bundle) {
    List<String> refused =
        bundle.files().keySet().stream()
            .filter(
                path ->
                    bundle
                        .naming()
                        .callbackEvent(path.substring(path.lastIndexOf('/') + 1))
                        .filter(event -> !Naming.MIGRATE_EVENTS.contains(event))
                        .isPresent())
            .toList();
    if (!refused.isEmpty()) {
      throw new Problem(
          Reason.SourceInvalid,
          (refused.size() == 1 ? "The callback " : "The callbacks ")
              + String.join(", ", refused)
              + (refused.size() == 1 ? " runs" : " run")
              + " outside a migrate (while the operator plans, before any approval and"
              + " outside the run's deadline, or on a repair or reset); the operator runs only the"
              + " callbacks "
              + String.join(", ", Naming.MIGRATE_EVENTS)
              + ": rename "
              + (refused.size() == 1 ? "it" : "them")
              + " to one of those or move the SQL into a migration");
    }
  }

  /**
   * ConfigMap keys cannot hold '/': {@code postgresql.V1__x.sql} stands for the per-database script
   * {@code postgresql/V1__x.sql}.
   */
  private static void add(
      Map<String, byte[]> files,
      Map<String, String> origin,
      Map<String, String> twice,
      String key,
      byte[] bytes,
      String where) {
    String path = key;
    int dot = key.indexOf('.');
    if (dot > 0 && BundleLoader.DATABASE_FOLDERS.contains(key.substring(0, dot))) {
      path = key.substring(0, dot) + "/" + key.substring(dot + 1);
    }
    // Every key goes to the loader, which reads scripts by the bundle's own naming (custom
    // suffixes, flyway.conf) and leaves the rest (a README) out.
    String earlier = origin.putIfAbsent(path, where);
    if (earlier != null) {
      twice.putIfAbsent(
          path, "The script " + key + " is in both " + earlier + " and " + where + "; keep one");
      return;
    }
    files.put(path, bytes);
  }

  private static String describe(String namespace, SourceSpec source) {
    Set<String> names = new java.util.LinkedHashSet<>();
    source.configMaps.forEach(ref -> names.add("configmap/" + ref.name));
    if (!source.inline.isEmpty()) {
      names.add("inline");
    }
    return namespace + ":" + String.join("+", names);
  }
}
