package io.schemagate.engine;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** {@link FlywayDifferentialTest} on MariaDB and H2: the other half of the corpus's cases. */
class FlywayDifferentialOnMariaDbAndH2Test extends FlywayDifferentialTest {
  static Stream<Arguments> cases() throws IOException {
    return cases(Set.of("mariadb", "h2"));
  }
}
