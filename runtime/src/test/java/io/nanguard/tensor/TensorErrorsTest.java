package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.nn.Embedding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input throws IllegalArgumentException whose message names the op, the shapes and the culprit. */
class TensorErrorsTest {

  record Bad(String name, Executable call, List<String> mustMention) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Tensor m(int r, int c) {
    return Tensor.zeros(r, c);
  }

  static Stream<Arguments> bad() {
    List<Bad> t = new ArrayList<>();
    t.add(new Bad("broadcast mismatch", () -> m(2, 3).add(Tensor.zeros(4)), List.of("add", "[2, 3]", "[4]")));
    t.add(new Bad("broadcast mismatch in maximum", () -> m(2, 3).maximum(m(3, 2)),
        List.of("maximum", "[2, 3]", "[3, 2]")));
    t.add(new Bad("matmul inner dims", () -> m(2, 3).matmul(m(4, 5)), List.of("matmul", "[2, 3]", "[4, 5]")));
    t.add(new Bad("matmul of 3-D", () -> Tensor.zeros(1, 2, 3).matmul(m(3, 1)), List.of("matmul", "[1, 2, 3]")));
    t.add(new Bad("matmul of a scalar", () -> Tensor.scalar(1).matmul(m(1, 1)), List.of("matmul", "[]")));
    t.add(new Bad("sum bad dim", () -> m(2, 3).sum(2), List.of("sum", "dim 2", "[2, 3]")));
    t.add(new Bad("softmax bad dim", () -> m(2, 3).softmax(-3), List.of("softmax", "dim -3", "[2, 3]")));
    t.add(new Bad("norm bad dim", () -> Tensor.zeros(3).norm(1), List.of("norm", "dim 1", "[3]")));
    t.add(new Bad("max of empty dim", () -> m(2, 0).max(1), List.of("max", "empty", "[2, 0]")));
    t.add(new Bad("transpose bad dim", () -> m(2, 3).transpose(0, 2), List.of("transpose", "dim 2", "[2, 3]")));
    t.add(new Bad("t of 3-D", () -> Tensor.zeros(1, 2, 3).t(), List.of("t:", "[1, 2, 3]")));
    t.add(new Bad("select out of range", () -> m(2, 3).select(1, 3), List.of("select", "index 3", "size 3", "[2, 3]")));
    t.add(new Bad("indexSelect out of range", () -> m(2, 3).indexSelect(0, 0, 2),
        List.of("indexSelect", "index 2", "position 1", "size 2", "[2, 3]")));
    t.add(new Bad("reshape wrong count", () -> m(2, 3).reshape(4, 2), List.of("reshape", "[2, 3]", "[4, 2]")));
    t.add(new Bad("reshape two -1", () -> m(2, 3).reshape(-1, -1), List.of("reshape", "[-1, -1]")));
    t.add(new Bad("squeeze non-1 dim", () -> m(2, 3).squeeze(0), List.of("squeeze", "size 2", "[2, 3]")));
    t.add(new Bad("unsqueeze bad dim", () -> m(2, 3).unsqueeze(4), List.of("unsqueeze", "dim 4", "[2, 3]")));
    t.add(new Bad("of wrong count", () -> Tensor.of(new double[] {1, 2, 3}, 2, 2), List.of("of", "3 values", "[2, 2]")));
    t.add(new Bad("negative shape", () -> Tensor.zeros(2, -1), List.of("negative", "[2, -1]")));
    t.add(new Bad("item of many", () -> m(2, 1).item(), List.of("item", "[2, 1]")));
    t.add(new Bad("get wrong rank", () -> m(2, 1).get(0), List.of("get", "[2, 1]")));
    t.add(new Bad("get out of range", () -> m(2, 1).get(0, 1), List.of("get", "index 1", "[2, 1]")));
    t.add(new Bad("clamp min > max", () -> m(2, 1).clamp(1, 0), List.of("clamp", "1.0", "0.0")));
    t.add(new Bad("cosineSimilarity mismatch", () -> m(2, 3).cosineSimilarity(m(3, 3), 1),
        List.of("cosineSimilarity", "[2, 3]", "[3, 3]")));
    t.add(new Bad("backward on a non-scalar", () -> Tensor.ones(2, 3).requiresGrad(true).sqrt().backward(),
        List.of("backward", "[2, 3]", "sqrt")));
    t.add(new Bad("Embedding index out of range", () -> new Embedding(8, 4, new Random(0)).forward(1, 9),
        List.of("Embedding", "index 9", "8 rows")));
    t.add(new Bad("Embedding negative index", () -> new Embedding(8, 4, new Random(0)).forward(-1),
        List.of("Embedding", "index -1", "8 rows")));
    return t.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badInputThrowsNamingOpAndShapes(Bad bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.call(), bad.name());
    for (String word : bad.mustMention()) {
      assertTrue(e.getMessage().contains(word), bad.name() + ": message lacks '" + word + "': " + e.getMessage());
    }
  }

  @Test
  void backwardWithoutAnyGradientIsAnIllegalState() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.ones(1).sum().backward());
    assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
  }

  @Test
  void requiresGradOnANonLeafIsAnIllegalStateNamingTheOp() {
    Tensor y = Tensor.ones(2).requiresGrad(true).exp();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
    assertTrue(e.getMessage().contains("exp"), e.getMessage());
  }
}
