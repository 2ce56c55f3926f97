package io.nanguard.djl.demo;

import io.nanguard.check.FindingKind;
import io.nanguard.check.NonFiniteException;
import io.nanguard.check.Report;
import io.nanguard.djl.NanGuardListener;
import java.util.Arrays;

/**
 * The seed's loss on DJL, end to end on the real PyTorch engine: the plain {@link SegmentLoss} is
 * stopped by {@link NanGuardListener} before the optimizer step, naming the parameter and rows
 * [0, 7] with the weights untouched; {@code GuardedSegmentLoss}, which NaNGuard's processor
 * generated from it when this module's tests were compiled, trains to a small loss with no error.
 * Run with {@code mvn -B -q -Pdemo -pl djl -am verify -DskipTests}; exits non-zero if a fact of
 * the story does not hold.
 */
public final class DjlDemo {

  private DjlDemo() {}

  public static void main(String[] args) {
    boolean ok = plainLossIsStoppedBeforeTheStep() & guardedLossTrains();
    if (!ok) {
      System.exit(1);
    }
  }

  private static boolean plainLossIsStoppedBeforeTheStep() {
    System.out.println("== 1. SegmentLoss (d = sqrt(sum((v - v0)^2, 1))) under NanGuardListener, EasyTrain.fit");
    try (SeedTraining t = new SeedTraining(new SegmentLoss(), new NanGuardListener())) {
      float[] before = t.codes().toFloatArray();
      try {
        t.fit(3);
        System.out.println("FAILED: training was not stopped");
        return false;
      } catch (NonFiniteException e) {
        System.out.println(e.getMessage());
        boolean untouched = Arrays.equals(before, t.codes().toFloatArray());
        boolean rows = e.report().findings(FindingKind.NON_FINITE_GRADIENT).stream()
            .anyMatch(f -> f.rows().equals(java.util.List.of(0, SeedTraining.N - 1)));
        System.out.println("stopped before trainer.step(): weights untouched = " + untouched
            + ", rows [0, 7] named = " + rows);
        return untouched && rows;
      }
    }
  }

  private static boolean guardedLossTrains() {
    System.out.println();
    System.out.println("== 2. GuardedSegmentLoss (generated: NdGuard.sqrtNonNegative at SegmentLoss.java:28 and :29), 200 steps");
    NanGuardListener listener = new NanGuardListener();
    try (SeedTraining t = new SeedTraining(new GuardedSegmentLoss(), listener)) {
      float start = t.loss();
      t.fit(200);
      float end = t.loss();
      Report r = listener.report();
      System.out.println("loss " + start + " -> " + end);
      System.out.println(r);
      boolean ok = !r.hasErrors() && end < 0.02f * start;
      System.out.println(ok ? "trained to a small loss with no error; the warnings say which guard engaged on"
          + " which rows" : "FAILED");
      return ok;
    }
  }
}
