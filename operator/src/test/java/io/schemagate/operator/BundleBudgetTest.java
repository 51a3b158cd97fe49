package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The heap budget of bundles in flight, as plain values. */
class BundleBudgetTest {
  @Test
  void aHeapOf256MiBAllowsAboutElevenMiBOfScriptsAtOnce() {
    BundleBudget budget = BundleBudget.forHeap(256L << 20);
    assertThat(budget.capacity()).isEqualTo((256L << 20) / 2 / BundleBudget.AMPLIFICATION);
  }

  @Test
  void aReconcileWaitsWhileOthersHoldTheBudgetAndGoesOnOnceTheyAreDone() {
    BundleBudget budget = new BundleBudget(100);
    BundleBudget.Reservation first = budget.open();
    first.add(60);
    BundleBudget.Reservation second = budget.open();
    second.add(30);
    Problem waits = catchThrowableOfType(Problem.class, () -> second.add(20));
    assertThat(waits.reason()).isEqualTo(Reason.Queued);
    assertThat(waits.getMessage()).startsWith("Waits for heap for its scripts");
    second.close();
    first.close();
    assertThat(budget.reserved()).isZero();
    BundleBudget.Reservation third = budget.open();
    third.add(100);
    assertThat(budget.reserved()).isEqualTo(100);
    third.close();
    assertThat(budget.reserved()).isZero();
  }

  @Test
  void aBundleLargerThanTheWholeBudgetIsRefusedNamingTheHeap() {
    BundleBudget budget = new BundleBudget(10L << 20);
    BundleBudget.Reservation reservation = budget.open();
    reservation.add(8L << 20);
    Problem refused = catchThrowableOfType(Problem.class, () -> reservation.add(4L << 20));
    assertThat(refused.reason()).isEqualTo(Reason.SourceInvalid);
    assertThat(refused.getMessage())
        .isEqualTo(
            "The bundle holds more than 12.0 MiB of scripts, which need about 11 times as much"
                + " heap while they run; the operator's heap allows 10.0 MiB of scripts at once:"
                + " give the operator more memory, or split the bundle");
    reservation.close();
    assertThat(budget.reserved()).isZero();
  }
}
