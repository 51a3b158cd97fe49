package io.schemagate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs numbered tasks on a fixed number of threads and times the whole. */
final class Parallel {
  /** One task, numbered from 0. */
  interface Task {
    void run(int index) throws Exception;
  }

  private Parallel() {}

  /** Runs {@code count} tasks, {@code parallelism} at a time; returns the elapsed seconds. */
  static double run(int parallelism, int count, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  task.run(index);
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }
}
