package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.api.DatabaseMigration;
import io.schemagate.testing.Databases;
import io.schemagate.testing.LiveOperator;
import io.schemagate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A status write that meets a conflict or a server error is retried on a fresh read. */
@LiveOperator
class StatusConflictTest {
  @RegisterExtension final OperatorExtension api = OperatorExtension.apiOnly();

  @Test
  void statusEndsCorrectAfterConflictsAndServerErrors() throws Exception {
    String path =
        "/apis/schemagate.io/v1alpha1/namespaces/apps/databasemigrations/conflicted/status";
    api.server()
        .expect()
        .put()
        .withPath(path)
        .andReturn(409, "{\"kind\":\"Status\",\"code\":409}")
        .times(2);
    api.server()
        .expect()
        .put()
        .withPath(path)
        .andReturn(500, "{\"kind\":\"Status\",\"code\":500}")
        .once();
    OperatorHarness harness = api.restart(OperatorHarness.fastSettings());
    TestDatabase db = Databases.postgres();
    harness.configMap("apps", "conflicted-scripts", OperatorHarness.exampleScripts());
    harness.apply(
        OperatorHarness.migration("apps", "conflicted", db.url(), "conflicted-scripts", null));
    DatabaseMigration ready = harness.awaitReason("apps", "conflicted", Reason.Applied);
    assertThat(ready.getStatus().appliedVersion).isEqualTo("6");
    assertThat(db.queryOne("SELECT COUNT(*) FROM flyway_schema_history").toString()).isEqualTo("6");
  }
}
