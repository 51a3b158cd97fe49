package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The namespace slots as logic: no threads, no database. */
class NamespaceSlotsTest {
  @Test
  void aNamespaceHoldsAtMostItsSlotsAndOthersAreNotAffected() {
    NamespaceSlots slots = new NamespaceSlots(2);
    assertThat(slots.tryAcquire("noisy", "a")).isTrue();
    assertThat(slots.tryAcquire("noisy", "b")).isTrue();
    assertThat(slots.tryAcquire("noisy", "c")).isFalse();
    assertThat(slots.tryAcquire("noisy", "d")).isFalse();
    assertThat(slots.tryAcquire("quiet", "x")).isTrue();
    assertThat(slots.holders("noisy")).containsExactly("a", "b");
    // A holder asking again (a retry inside its own reconcile) keeps its slot.
    assertThat(slots.tryAcquire("noisy", "a")).isTrue();
  }

  @Test
  void aFreedSlotWakesTheFirstWaiterAndADeletedWaiterIsSkipped() {
    NamespaceSlots slots = new NamespaceSlots(1);
    slots.tryAcquire("ns", "a");
    slots.tryAcquire("ns", "b");
    slots.tryAcquire("ns", "c");
    slots.tryAcquire("ns", "d");
    assertThat(slots.forget("ns", "b")).as("b waited; forgetting it frees nothing").isEmpty();
    assertThat(slots.release("ns", "a")).containsExactly("c");
    assertThat(slots.tryAcquire("ns", "c")).isTrue();
    assertThat(slots.tryAcquire("ns", "d")).isFalse();
    assertThat(slots.forget("ns", "c")).containsExactly("d");
    assertThat(slots.tryAcquire("ns", "d")).isTrue();
    assertThat(slots.release("ns", "d")).isEmpty();
    assertThat(slots.holders("ns")).isEmpty();
  }
}
