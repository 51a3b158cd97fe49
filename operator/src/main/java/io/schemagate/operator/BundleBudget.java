package io.schemagate.operator;

/**
 * The bytes of scripts all reconciles may hold at once, sized from the heap: a bundle costs about
 * {@link #AMPLIFICATION} times its size in heap while Flyway reads, checksums and runs it
 * (measured: 29.6 MiB of scripts took some 330 MiB). Half the heap is left to everything else. A
 * reconcile reserves its bundle's bytes as it reads its sources and gives them back when it ends;
 * when other reconciles hold the budget it waits its turn ({@code Queued}), and a bundle larger
 * than the whole budget is refused with the heap it would need.
 */
final class BundleBudget {
  /** Heap bytes per byte of script while a bundle is in use. */
  static final int AMPLIFICATION = 11;

  private final long capacity;
  private long reserved;

  BundleBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the bundle budget must be positive");
    }
    this.capacity = capacity;
  }

  /** The budget of a JVM whose heap may grow to {@code maxHeap} bytes. */
  static BundleBudget forHeap(long maxHeap) {
    return new BundleBudget(Math.max(1, maxHeap / 2 / AMPLIFICATION));
  }

  long capacity() {
    return capacity;
  }

  synchronized long reserved() {
    return reserved;
  }

  /** A reservation that starts empty and grows as a reconcile reads its sources. */
  Reservation open() {
    return new Reservation();
  }

  /** One reconcile's share of the budget; {@link #close} gives it back. */
  final class Reservation implements AutoCloseable {
    private long held;

    /**
     * Adds {@code bytes} to this reservation.
     *
     * @throws Problem {@code Queued} while others hold the budget; {@code SourceInvalid} when the
     *     bundle alone is larger than the whole budget
     */
    void add(long bytes) {
      synchronized (BundleBudget.this) {
        if (held + bytes > capacity) {
          throw new Problem(
              Reason.SourceInvalid,
              String.format(
                  "The bundle holds more than %s MiB of scripts, which need about %d times as much"
                      + " heap while they run; the operator's heap allows %s MiB of scripts at once:"
                      + " give the operator more memory, or split the bundle",
                  BundleBudget.mib(held + bytes), AMPLIFICATION, BundleBudget.mib(capacity)));
        }
        if (reserved + bytes > capacity) {
          throw new Problem(
              Reason.Queued,
              // No figure of the moment: the message stays the same while it waits, so it is
              // announced once.
              String.format(
                  "Waits for heap for its scripts: the bundles being run hold the %s MiB of scripts"
                      + " the operator's heap allows at once; it starts when they are done",
                  BundleBudget.mib(capacity)));
        }
        reserved += bytes;
        held += bytes;
      }
    }

    @Override
    public void close() {
      synchronized (BundleBudget.this) {
        reserved -= held;
        held = 0;
      }
    }
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
  }
}
