package io.schemagate.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on a resource: scripts applied or failed, pods held or released. Events
 * are sent on the given executor, so a reconcile (and the database transaction a script runs in)
 * does not wait for the API server; callers that must have them sent wait on the returned future.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Executor executor;

  /** Sends each event before returning. */
  public EventRecorder(KubernetesClient client) {
    this(client, Runnable::run);
  }

  public EventRecorder(KubernetesClient client, Executor executor) {
    this.client = client;
    this.executor = executor;
  }

  /**
   * An executor for events: up to {@code threads} daemon threads and a bounded queue; when the
   * queue is full the event is dropped with a warning, as an event is worth less than the work it
   * reports.
   */
  public static ExecutorService senders(String name, int threads) {
    AtomicInteger sequence = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000),
            r -> {
              Thread thread = new Thread(r, name + "-" + sequence.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            (task, pool) -> LOG.warn("Dropped an event: {} events are already waiting", 10_000));
    // Idle senders go away, so an executor nobody shuts down holds no threads.
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Events of one piece of work, which can wait until all of them are sent. */
  public final class Batch {
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();

    public void normal(HasMetadata resource, String reason, String message) {
      sent.add(EventRecorder.this.normal(resource, reason, message));
    }

    public void warning(HasMetadata resource, String reason, String message) {
      sent.add(EventRecorder.this.warning(resource, reason, message));
    }

    /** Waits until every event of this batch is sent or given up, at most {@code limit}. */
    public void awaitSent(Duration limit) {
      try {
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
            .get(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("Not every event was sent: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A new batch for one piece of work. */
  public Batch batch() {
    return new Batch();
  }

  public CompletableFuture<Void> normal(HasMetadata resource, String reason, String message) {
    return record(resource, "Normal", reason, message);
  }

  public CompletableFuture<Void> warning(HasMetadata resource, String reason, String message) {
    return record(resource, "Warning", reason, message);
  }

  private CompletableFuture<Void> record(
      HasMetadata resource, String type, String reason, String message) {
    try {
      return CompletableFuture.runAsync(() -> send(resource, type, reason, message), executor);
    } catch (RejectedExecutionException e) {
      LOG.warn("Could not record event {}: the event sender is shut down", reason);
      return CompletableFuture.completedFuture(null);
    }
  }

  private void send(HasMetadata resource, String type, String reason, String message) {
    String now = Instant.now().toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(resource.getMetadata().getName() + ".")
            .withNamespace(resource.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(resource.getApiVersion())
                    .withKind(resource.getKind())
                    .withName(resource.getMetadata().getName())
                    .withNamespace(resource.getMetadata().getNamespace())
                    .withUid(resource.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent("schemagate")
            .endSource()
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(resource.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      // An event is worth less than the migration it reports: never fail the work for it.
      LOG.warn("Could not record event {}: HTTP {}", reason, e.getCode());
    }
  }
}
