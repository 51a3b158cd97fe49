package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void replacesAValueWhereItStandsAsAWordOfItsOwn() {
    Redactor redactor = Redactor.of(List.of("pass"));
    assertThat(redactor.redact("check the password")).isEqualTo("check the password");
    assertThat(redactor.redact("jdbc:mariadb://root:pass@db/app"))
        .isEqualTo("jdbc:mariadb://root:***@db/app");
    assertThat(redactor.redact("invalid input syntax for type integer: \"pass\""))
        .isEqualTo("invalid input syntax for type integer: \"***\"");
    assertThat(redactor.redact("pass")).isEqualTo("***");
  }

  @Test
  void valuesWithSymbolsAndLongerValuesFirst() {
    Redactor redactor = Redactor.of(List.of("p@ss", "p@ss-longer"));
    assertThat(redactor.redact("a p@ss-longer and a p@ss")).isEqualTo("a *** and a ***");
    assertThat(Redactor.of(List.of("!x!")).redact("a!x!b")).isEqualTo("a***b");
  }

  @Test
  void knownSecretsAreTheUnionOfEveryOwnersValuesUntilForgotten() {
    KnownSecrets.set("test/one", Redactor.of(List.of("Alpha-Secret-1")));
    KnownSecrets.set("test/two", Redactor.of(List.of("Beta-Secret-2")));
    assertThat(KnownSecrets.redact("Alpha-Secret-1 Beta-Secret-2")).isEqualTo("*** ***");
    KnownSecrets.forget("test/one");
    assertThat(KnownSecrets.redact("Alpha-Secret-1 Beta-Secret-2")).isEqualTo("Alpha-Secret-1 ***");
    KnownSecrets.set("test/two", Redactor.none());
    assertThat(KnownSecrets.redact("Beta-Secret-2")).isEqualTo("Beta-Secret-2");
  }
}
