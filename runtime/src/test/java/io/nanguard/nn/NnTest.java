package io.nanguard.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Linear, Embedding and the losses against hand-computed values and gradients. */
class NnTest {

  private static final double LN2 = Math.log(2);

  @Test
  void linearComputesXWTransposePlusBias() {
    Linear layer = new Linear(2, 2, new Random(0));
    System.arraycopy(new double[] {1, 2, 3, 4}, 0, layer.weight().data(), 0, 4);
    System.arraycopy(new double[] {0.5, -1}, 0, layer.bias().data(), 0, 2);
    Tensor y = layer.forward(Tensor.of(new double[] {1, 1, 2, 0}, 2, 2));
    assertArrayEquals(new int[] {2, 2}, y.shape());
    assertArrayEquals(new double[] {3.5, 6, 2.5, 5}, y.toArray());
    assertArrayEquals(new double[] {3.5, 6}, layer.forward(Tensor.of(1, 1)).toArray());

    y.sum().backward(); // dW[o][i] = sum over batch of x[b][i]; db = batch size
    assertArrayEquals(new double[] {3, 1, 3, 1}, layer.weight().grad().toArray());
    assertArrayEquals(new double[] {2, 2}, layer.bias().grad().toArray());
  }

  @Test
  void linearInitialisesUniformlyWithinOneOverSqrtIn() {
    Linear layer = new Linear(16, 8, new Random(1));
    for (double w : layer.weight().toArray()) {
      assertTrue(Math.abs(w) <= 0.25, "weight " + w);
    }
    assertArrayEquals(new int[] {8, 16}, layer.weight().shape());
    assertArrayEquals(new int[] {8}, layer.bias().shape());
    assertEquals(2, layer.parameters().size());
  }

  @Test
  void linearRejectsTheWrongNumberOfFeatures() {
    Linear layer = new Linear(3, 2, new Random(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> layer.forward(Tensor.zeros(4, 2)));
    assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("3 features"), e.getMessage());
  }

  @Test
  void embeddingLooksUpRowsAndScattersGradientsBack() {
    Embedding emb = new Embedding(3, 2, new Random(0));
    double[] w = emb.weight().toArray();
    Tensor e = emb.forward(2, 0, 2);
    assertArrayEquals(new double[] {w[4], w[5], w[0], w[1], w[4], w[5]}, e.toArray());
    e.sum().backward();
    assertArrayEquals(new double[] {1, 1, 0, 0, 2, 2}, emb.weight().grad().toArray());
  }

  @Test
  void mseIsTheMeanSquaredDifference() {
    Tensor p = Tensor.of(1, 2).requiresGrad(true);
    Tensor loss = Losses.mse(p, Tensor.of(0, 4));
    assertEquals(2.5, loss.item());
    loss.backward();
    assertArrayEquals(new double[] {1, -2}, p.grad().toArray()); // 2 (p - t) / n
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.mse(Tensor.zeros(2, 1), Tensor.zeros(2)));
    assertTrue(e.getMessage().contains("[2, 1]") && e.getMessage().contains("[2]"), e.getMessage());
  }

  @Test
  void crossEntropyMatchesTheHandValueAndGradient() {
    double ln3 = Math.log(3);
    Tensor logits = Tensor.of(new double[] {0, ln3, 0, 0}, 2, 2).requiresGrad(true);
    Tensor loss = Losses.crossEntropy(logits, new int[] {1, 0});
    // row 0: softmax [1/4, 3/4], -log(3/4); row 1: [1/2, 1/2], log 2
    assertEquals((-Math.log(0.75) + LN2) / 2, loss.item(), 1e-15);
    loss.backward(); // (softmax - onehot) / batch
    assertArrayEquals(new double[] {0.125, -0.125, -0.25, 0.25}, logits.grad().toArray(), 1e-15);
  }

  @Test
  void crossEntropyIsStableAtLargeLogits() {
    Tensor logits = Tensor.of(new double[] {1000, 0, 1000, 1000}, 2, 2).requiresGrad(true);
    Tensor loss = Losses.crossEntropy(logits, new int[] {1, 0});
    assertEquals((1000 + LN2) / 2, loss.item(), 1e-12);
    loss.backward();
    assertArrayEquals(new double[] {0.5, -0.5, -0.25, 0.25}, logits.grad().toArray(), 1e-12);
  }

  @Test
  void crossEntropyRejectsBadTargets() {
    Tensor logits = Tensor.zeros(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.crossEntropy(logits, new int[] {0, 3}));
    assertTrue(e.getMessage().contains("target 3") && e.getMessage().contains("3 classes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, new int[] {0}));
    assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(3), new int[] {0}));
    assertTrue(e.getMessage().contains("[3]"), e.getMessage());
  }

  @Test
  void layersRejectNonPositiveSizes() {
    assertThrows(IllegalArgumentException.class, () -> new Linear(0, 2, new Random(0)));
    assertThrows(IllegalArgumentException.class, () -> new Embedding(3, 0, new Random(0)));
  }
}
