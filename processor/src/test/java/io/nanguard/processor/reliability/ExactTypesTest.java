package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every type decision that could change what the generated code computes is javac's, not a
 * guess from the source: each case below once made the guarded class compute something else
 * (an integer division turned floating, a user's {@code log} turned into {@code Math.log}).
 * Each compiles, its generated class compiles, and original and guarded agree on ordinary inputs.
 */
class ExactTypesTest {

  @Test
  void integerDivisionByMathMaxStaysAnIntegerDivision() {
    Original o = Original.compile("p.Ints", """
        package p;
        import io.nanguard.Guarded;
        public class Ints {
          @Guarded
          public double f(int t, int n) {
            return t / Math.max(n, -n);
          }
        }
        """);
    assertThat(o.sameResult("p.Ints", "p.GuardedInts", "f", 7, 2)).isEqualTo(3.0);
    assertThat(o.generated("p.GuardedInts")).doesNotContain("divisor");
  }

  @Test
  void longCompoundDivisionByMathAbsKeepsItsPrecision() {
    Original o = Original.compile("p.Longs", """
        package p;
        import io.nanguard.Guarded;
        public class Longs {
          @Guarded
          public long f(long a, long b) {
            a /= Math.abs(b);
            return a;
          }
        }
        """);
    assertThat(o.sameResult("p.Longs", "p.GuardedLongs", "f", 9_007_199_254_740_993L, -1L))
        .isEqualTo(9_007_199_254_740_993L);
  }

  @Test
  void aClassMathInTheSamePackageIsNotJavaLangMath() {
    Original o = Original.compile("p.Base2", """
        package p;
        import io.nanguard.Guarded;
        public class Base2 {
          @Guarded
          public double f(double x) {
            return Math.log(x);
          }
        }
        """, "p.Math", """
        package p;
        class Math {
          static double log(double x) {
            return java.lang.Math.log(x) / java.lang.Math.log(2);
          }
        }
        """);
    assertThat(o.sameResult("p.Base2", "p.GuardedBase2", "f", 8.0)).isEqualTo(3.0);
  }

  @Test
  void aFieldNamedMathIsNotJavaLangMath() {
    Original o = Original.compile("p.Field", """
        package p;
        import io.nanguard.Guarded;
        public class Field {
          static final Logs Math = new Logs();
          @Guarded
          public double f(double x) {
            return Math.log(x);
          }
        }
        """, "p.Logs", """
        package p;
        public class Logs {
          public double log(double x) {
            return java.lang.Math.log(x) / java.lang.Math.log(2);
          }
        }
        """);
    assertThat(o.sameResult("p.Field", "p.GuardedField", "f", 8.0)).isEqualTo(3.0);
  }

  @Test
  void aStaticImportHidesMathLog() {
    Original o = Original.compile("p.Imported", """
        package p;
        import static p.Bits.log;
        import io.nanguard.Guarded;
        public class Imported {
          @Guarded
          public double f(double x) {
            return log(x) + 1 / x;
          }
        }
        """, "p.Bits", """
        package p;
        public class Bits {
          public static double log(double x) {
            return java.lang.Math.log(x) / java.lang.Math.log(2);
          }
        }
        """);
    assertThat(o.sameResult("p.Imported", "p.GuardedImported", "f", 16.0)).isEqualTo(4.0625);
  }

  @Test
  void anEnclosingClassOwnSqrtIsNotMathSqrt() {
    Original o = Original.compile("p.Outer", """
        package p;
        import static java.lang.Math.*;
        import io.nanguard.Guarded;
        public class Outer {
          static double sqrt(double x) {
            return 2 * x;
          }
          public static class Inner {
            @Guarded
            public double f(double x) {
              return sqrt(x) + log(x);
            }
          }
        }
        """);
    o.sameResult("p.Outer$Inner", "p.GuardedOuter_Inner", "f", 4.0);
  }

  @Test
  void theOverloadJavacPicksDecidesTheDivision() {
    Original o = Original.compile("p.Overloads", """
        package p;
        import io.nanguard.Guarded;
        public class Overloads {
          static double half(double x) {
            return x / 2;
          }
          static int half(int x) {
            return x / 2;
          }
          @Guarded
          public double f(int t, int n) {
            return t / half(n);
          }
        }
        """);
    assertThat(o.sameResult("p.Overloads", "p.GuardedOverloads", "f", 7, 4)).isEqualTo(3.0);
  }

  @Test
  void aLocalOfAnInnerBlockDoesNotOutliveIt() {
    Original o = Original.compile("p.Blocks", """
        package p;
        import io.nanguard.Guarded;
        public class Blocks {
          int n = 2;
          @Guarded
          public double f(double x) {
            double s = 0;
            { double n = x; s += n; }
            try { double n = x + 1; s += n; } finally { s += 0; }
            for (double n = 0; n < 1; n++) { s += n; }
            return s + 7 / n;
          }
        }
        """);
    assertThat(o.sameResult("p.Blocks", "p.GuardedBlocks", "f", 1.0)).isEqualTo(6.0);
  }

  @Test
  void aFloatDivisionByABoxedFloatStaysFloat() {
    Original o = Original.compile("p.Boxed", """
        package p;
        import io.nanguard.Guarded;
        public class Boxed {
          @Guarded
          public float f(float a, Float b) {
            float r = a / b;
            return r;
          }
        }
        """);
    assertThat(o.sameResult("p.Boxed", "p.GuardedBoxed", "f", 1f, 3f)).isEqualTo(1f / 3f);
  }

  @Test
  void anotherLibrarysLogIsNotGuarded() {
    Original o = Original.compile("p.Complexes", """
        package p;
        import io.nanguard.Guarded;
        public class Complexes {
          @Guarded
          public double f(double x) {
            Tensor c = new Tensor(x);
            return c.log().re + 1 / x;
          }
        }
        """, "p.Tensor", """
        package p;
        public class Tensor {
          final double re;
          Tensor(double re) {
            this.re = re;
          }
          Tensor log() {
            return new Tensor(re * 10);
          }
        }
        """);
    assertThat(o.sameResult("p.Complexes", "p.GuardedComplexes", "f", 2.0)).isEqualTo(20.5);
  }
}
