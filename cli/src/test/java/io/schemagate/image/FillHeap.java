package io.schemagate.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills the heap from a worker thread while the main thread waits: without an exit on
 * OutOfMemoryError the worker dies and the process lives on, as an operator whose reconcile threads
 * died would.
 */
public final class FillHeap {
  private FillHeap() {}

  public static void main(String[] args) throws Exception {
    Thread worker =
        new Thread(
            () -> {
              List<long[]> hoard = new ArrayList<>();
              while (true) {
                hoard.add(new long[1 << 18]);
              }
            },
            "reconciler-1");
    worker.start();
    worker.join();
    System.out.println("the worker died and the process lives on");
    Thread.sleep(Long.MAX_VALUE);
  }
}
