package io.schemagate.autogen;

import io.schemagate.db.DatabaseUrl;
import java.nio.file.Path;
import java.util.List;

/** Where the schema the developer wants comes from. */
public sealed interface DesiredSchema {

  /** What it is, for messages: {@code the entities in build/classes (com.example.model)}. */
  String describe();

  /**
   * JPA entities: compiled classes (folders or jars) and the packages to scan, exported to DDL for
   * the target's dialect by Hibernate ORM.
   *
   * @param classpath folders or jars holding the entity classes and what they need
   * @param packages the packages whose {@code @Entity} classes (and sub-packages) are the model
   */
  record Entities(List<Path> classpath, List<String> packages) implements DesiredSchema {
    public Entities {
      classpath = List.copyOf(classpath);
      packages = List.copyOf(packages);
    }

    @Override
    public String describe() {
      return "the entities of " + String.join(", ", packages) + " in " + classpath;
    }
  }

  /**
   * A desired-state SQL file, or a folder whose {@code .sql} files are applied in name order.
   *
   * @param path the file or folder
   */
  record SqlFiles(Path path) implements DesiredSchema {
    @Override
    public String describe() {
      return path.toString();
    }
  }

  /**
   * A development database changed by hand, read and never written.
   *
   * @param url where it is
   */
  record Database(DatabaseUrl url) implements DesiredSchema {
    @Override
    public String describe() {
      return url.redacted();
    }
  }
}
