package io.schemagate.autogen;

import io.schemagate.autogen.AutogenerateException.Cause;
import io.schemagate.db.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/**
 * JPA entities as the DDL Hibernate ORM would create for the target's dialect, without a database
 * connection: the Java counterpart of the SQLAlchemy models an Alembic project autogenerates from.
 * The entity classes are loaded, so their static initialisers run: this is the developer's own code
 * on the developer's machine; the operator never does this.
 */
final class EntityExport {
  private static final List<String> MODEL_ANNOTATIONS =
      List.of(
          "jakarta.persistence.Entity",
          "jakarta.persistence.Embeddable",
          "jakarta.persistence.MappedSuperclass",
          "jakarta.persistence.Converter");

  private EntityExport() {}

  /** The CREATE statements of the entities, one per line, each ending in a semicolon. */
  static String ddl(DesiredSchema.Entities entities, DatabaseKind kind) {
    List<URL> urls = new ArrayList<>();
    for (Path path : entities.classpath()) {
      if (!Files.exists(path)) {
        throw new AutogenerateException(
            Cause.INPUT,
            "--entities " + path + " does not exist: give the folder of compiled classes or a jar");
      }
      try {
        urls.add(path.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new AutogenerateException(Cause.INPUT, "--entities " + path + " is not a path", e);
      }
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), EntityExport.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      List<Class<?>> classes = modelClasses(entities, loader);
      if (classes.stream().noneMatch(c -> annotated(c, MODEL_ANNOTATIONS.get(0)))) {
        throw new AutogenerateException(
            Cause.INPUT,
            "No @Entity class found in the packages "
                + String.join(", ", entities.packages())
                + " under "
                + entities.classpath()
                + ": compile the model first, and check --entities and --packages");
      }
      return export(classes, loader, kind);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static String export(List<Class<?>> classes, ClassLoader loader, DatabaseKind kind)
      throws IOException {
    BootstrapServiceRegistry bootstrap =
        new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder(bootstrap)
            .applySetting("hibernate.dialect", dialect(kind))
            .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
            .applySetting("hibernate.show_sql", "false")
            .build();
    Path file = Files.createTempFile("schemagate-entities", ".sql");
    try {
      MetadataSources sources = new MetadataSources(registry);
      classes.forEach(sources::addAnnotatedClass);
      Metadata metadata = sources.buildMetadata();
      Map<String, Object> settings =
          new HashMap<>(
              registry
                  .requireService(org.hibernate.engine.config.spi.ConfigurationService.class)
                  .getSettings());
      settings.put("jakarta.persistence.schema-generation.database.action", "none");
      settings.put("jakarta.persistence.schema-generation.scripts.action", "create");
      settings.put("jakarta.persistence.schema-generation.scripts.create-target", file.toString());
      settings.put("hibernate.hbm2ddl.delimiter", ";");
      settings.put("hibernate.format_sql", "false");
      settings.put("hibernate.hbm2ddl.schema-generation.script.append", "false");
      SchemaManagementToolCoordinator.process(metadata, registry, settings, action -> {});
      return Files.readString(file);
    } catch (RuntimeException e) {
      throw new AutogenerateException(
          Cause.INPUT, "Hibernate could not map the entities: " + firstLine(e), e);
    } finally {
      StandardServiceRegistryBuilder.destroy(registry);
      Files.deleteIfExists(file);
    }
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  static String dialect(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> "org.hibernate.dialect.PostgreSQLDialect";
      case MYSQL -> "org.hibernate.dialect.MySQLDialect";
      case MARIADB -> "org.hibernate.dialect.MariaDBDialect";
      case H2 -> "org.hibernate.dialect.H2Dialect";
      case SQLITE -> "org.hibernate.community.dialect.SQLiteDialect";
    };
  }

  /** The annotated model classes of the packages, in name order. */
  private static List<Class<?>> modelClasses(DesiredSchema.Entities entities, ClassLoader loader)
      throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (Path path : entities.classpath()) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.walk(path)) {
          files
              .filter(f -> f.toString().endsWith(".class"))
              .map(f -> className(path.relativize(f).toString().replace('\\', '/')))
              .forEach(names::add);
        }
      } else {
        try (JarFile jar = new JarFile(path.toFile())) {
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.endsWith(".class"))
              .map(EntityExport::className)
              .forEach(names::add);
        }
      }
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      if (name.contains("$") || name.endsWith("module-info") || name.endsWith("package-info")) {
        continue;
      }
      boolean inPackage = entities.packages().stream().anyMatch(p -> name.startsWith(p + "."));
      if (!inPackage) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new AutogenerateException(
            Cause.INPUT,
            "Cannot load "
                + name
                + " from --entities ("
                + firstLine(e)
                + "): add the jars it needs to --entities");
      }
      if (MODEL_ANNOTATIONS.stream().anyMatch(a -> annotated(type, a))) {
        classes.add(type);
      }
    }
    return classes;
  }

  private static boolean annotated(Class<?> type, String annotation) {
    for (var a : type.getDeclaredAnnotations()) {
      if (a.annotationType().getName().equals(annotation)) {
        return true;
      }
    }
    return false;
  }

  private static String className(String file) {
    return file.substring(0, file.length() - ".class".length()).replace('/', '.');
  }
}
