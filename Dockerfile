# The schemagate operator image. Build the jar first:
#   ./mvnw -B -q package -DskipTests
#   docker build -t ghcr.io/<you>/schemagate:0.1.0 .
FROM eclipse-temurin:17-jre

# A fixed non-root user; the chart runs the pod as this uid with a read-only root filesystem.
RUN groupadd --system --gid 65532 schemagate \
    && useradd --system --uid 65532 --gid 65532 --no-create-home schemagate
COPY operator/target/schemagate.jar /app/schemagate.jar
USER 65532:65532

# The same CLI as on a laptop: the chart passes "operator" and its flags as arguments. An
# OutOfMemoryError ends the process, so Kubernetes restarts it instead of leaving dead threads.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/schemagate.jar"]
CMD ["operator"]
