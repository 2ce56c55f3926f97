package io.nanguard.demo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each example, buggy then guarded: on its classic bad input the hand-written loss gives a
 * non-finite value or gradient and the generated {@code Guarded<Name>} does not; on ordinary
 * input both agree to 1e-6 relative.
 */
class ExamplesTest {

  private static final Random RANDOM = new Random(11);

  /** The loss value and whether it and the gradients of all inputs are finite. */
  private record Outcome(double value, boolean finite) {}

  private static Outcome run(Function<Tensor[], Tensor> loss, Tensor... inputs) {
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      leaves[i] = inputs[i].detach().requiresGrad(true);
    }
    Tensor value = loss.apply(leaves);
    boolean finite = Double.isFinite(value.item());
    value.backward();
    for (Tensor leaf : leaves) {
      for (double g : leaf.grad().toArray()) {
        finite &= Double.isFinite(g);
      }
    }
    return new Outcome(value.item(), finite);
  }

  private static void assertBuggyThenGuarded(Function<Tensor[], Tensor> plain, Function<Tensor[], Tensor> guarded,
      Tensor[] bad, Tensor[] ordinary) {
    assertFalse(run(plain, bad).finite(), "the hand-written loss fails on the bad input");
    assertTrue(run(guarded, bad).finite(), "the guarded loss is finite on the bad input");
    double expected = run(plain, ordinary).value();
    double actual = run(guarded, ordinary).value();
    assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), "same value on ordinary input");
  }

  private static Tensor randn(int... shape) {
    return Tensor.randn(RANDOM, shape);
  }

  @Test
  void cosineLossWithAZeroRow() {
    CosineLoss plain = new CosineLoss();
    CosineLoss guarded = new GuardedCosineLoss();
    Tensor a = Tensor.of(new double[] {0, 0, 0, 1, 2, 3}, 2, 3);
    assertBuggyThenGuarded(t -> plain.loss(t[0], t[1]), t -> guarded.loss(t[0], t[1]),
        new Tensor[] {a, randn(2, 3)}, new Tensor[] {randn(4, 3), randn(4, 3)});
  }

  @Test
  void softmaxCrossEntropyWithLargeLogits() {
    SoftmaxCrossEntropy plain = new SoftmaxCrossEntropy();
    SoftmaxCrossEntropy guarded = new GuardedSoftmaxCrossEntropy();
    Tensor oneHot = Tensor.of(new double[] {1, 0, 0, 0, 0, 1}, 2, 3);
    Tensor large = Tensor.of(new double[] {1000, 0, -5, 3, 800, 1}, 2, 3);
    assertBuggyThenGuarded(t -> plain.loss(t[0], oneHot), t -> guarded.loss(t[0], oneHot),
        new Tensor[] {large}, new Tensor[] {randn(2, 3)});
  }

  @Test
  void vaeKlWithLargeLogVariance() {
    VaeKl plain = new VaeKl();
    VaeKl guarded = new GuardedVaeKl();
    assertBuggyThenGuarded(t -> plain.kl(t[0], t[1]), t -> guarded.kl(t[0], t[1]),
        new Tensor[] {randn(3), Tensor.of(0.5, 800, -1)}, new Tensor[] {randn(3), randn(3)});
  }

  @Test
  void standardizeAConstantRow() {
    Standardize plain = new Standardize();
    Standardize guarded = new GuardedStandardize();
    Tensor constantRow = Tensor.of(new double[] {2, 2, 2, 1, 5, 9}, 2, 3);
    assertBuggyThenGuarded(t -> plain.apply(t[0]).square().sum(), t -> guarded.apply(t[0]).square().sum(),
        new Tensor[] {constantRow}, new Tensor[] {randn(3, 5)});
  }

  @Test
  void diceLossOnAnEmptyMask() {
    DiceLoss plain = new DiceLoss();
    DiceLoss guarded = new GuardedDiceLoss();
    assertBuggyThenGuarded(t -> plain.loss(t[0], t[1]), t -> guarded.loss(t[0], t[1]),
        new Tensor[] {Tensor.zeros(4, 4), Tensor.zeros(4, 4)},
        new Tensor[] {randn(4, 4).sigmoid(), Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0}, 4, 4)});
  }
}
