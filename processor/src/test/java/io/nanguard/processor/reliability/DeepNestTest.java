package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;

import io.nanguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Guard calls nested three deep or more: the middle ones are written with a cast to their own
 * type, which javac attributes once instead of once per overload of the enclosing guard (deep
 * nests compiled in quadratic time otherwise); the code computes what the original computes.
 */
class DeepNestTest {

  @Test
  void middleCallsOfADoubleNestAreCastAndComputeTheSame() {
    Original o = Original.compile("p.Nest", """
        package p;
        import io.nanguard.Guarded;
        public class Nest {
          @Guarded
          public double f(double x) {
            return Math.log(Math.log(Math.log(Math.log(x))));
          }
        }
        """);
    String g = o.generated("p.GuardedNest");
    assertThat(g).contains("return io.nanguard.guard.Guard.log((double) io.nanguard.guard.Guard.log((double)"
        + " io.nanguard.guard.Guard.log(io.nanguard.guard.Guard.log(x, 1.0E-8, \"Nest.java:6\"), 1.0E-8,");
    assertThat(o.sameResult("p.Nest", "p.GuardedNest", "f", 1e30)).isEqualTo(Math.log(Math.log(Math.log(Math.log(1e30)))));
  }

  @Test
  void aTensorNestIsCastToTensor() {
    Original o = Original.compile("p.TNest", """
        package p;
        import io.nanguard.Guarded;
        import io.nanguard.tensor.Tensor;
        public class TNest {
          @Guarded
          public Tensor f(Tensor x) {
            return x.log().log().log();
          }
        }
        """);
    assertThat(o.generated("p.GuardedTNest")).contains("io.nanguard.guard.Guard.log((Tensor) io.nanguard.guard.Guard.log(");
    Tensor t = Tensor.of(new double[] {1e30, 1e20}, 2);
    double[] original = ((Tensor) o.run("p.TNest", "f", t)).toArray();
    assertThat(((Tensor) o.run("p.GuardedTNest", "f", t)).toArray()).isEqualTo(original);
    assertThat(original[0]).isEqualTo(Math.log(Math.log(Math.log(1e30))));
  }
}
