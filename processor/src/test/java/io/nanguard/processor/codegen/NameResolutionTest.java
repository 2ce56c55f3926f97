package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.nanguard.processor.NanGuardProcessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rewriter resolves the names of typical guarded bodies from the source, without javac
 * attributing the class during the processing round, and leaves to javac's attribution exactly
 * the bodies where the source alone does not prove what a name means. Either way the generated
 * file and the problems are what attribution gives: the golden files here were written by the
 * rewriter before it had a fast path.
 */
class NameResolutionTest {

  /**
   * Sources (qualified name, then text; the first is the class with guarded methods), whether
   * javac had to attribute it during processing, and the golden file or the expected error.
   */
  record Case(String name, boolean attributed, String goldenOrError, String... qualifiedNameThenSource) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("typical tensor and double code", false, "GuardedNamesTypical", "com.x.NamesTypical", """
            package com.x;

            import io.nanguard.Guarded;
            import io.nanguard.tensor.Tensor;
            import java.util.ArrayList;
            import java.util.HashSet;
            import java.util.List;

            public class NamesTypical {
              double scale = 2;
              int counter;
              private final double unused = 1;

              public double scale() {
                return scale + unused;
              }

              @Guarded
              public Tensor unit(Tensor x) {
                Tensor n = x.square().sum(1, true).sqrt();
                return x.div(n);
              }

              @Guarded
              public double rms(double[] xs) {
                double s = 0;
                for (double v : xs) {
                  s += v * v;
                }
                List<Double> seen = new ArrayList<>();
                seen.add(s);
                counter++;
                StringBuilder b = new StringBuilder().append(seen.size());
                Runnable r = () -> b.append(counter);
                r.run();
                return Math.sqrt(s / xs.length) * scale() * this.scale;
              }
            }
            """),
        new Case("float locals and a float method of another class", false, "GuardedNamesFloat", "com.x.NamesFloat", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesFloat {
              @Guarded
              public float ratio(float a, float b) {
                float d = b - a;
                return a / d;
              }

              @Guarded
              public float scaled(float a) {
                return a / Scales.of(a);
              }

              @Guarded
              public double mixed(float a, double b) {
                return Math.sqrt(a * b) / (a - 1f);
              }
            }
            """, "com.x.Scales", """
            package com.x;

            public class Scales {
              static float of(float x) {
                return x;
              }
            }
            """),
        new Case("private field by simple name", false, "uses private field 'scale' of NamesPrivate", "com.x.NamesPrivate", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesPrivate {
              private double scale = 2;

              @Guarded
              public double f(double x) {
                return Math.sqrt(x) * scale;
              }
            }
            """),
        new Case("static import", true, "GuardedNamesStatic", "com.x.NamesStatic", """
            package com.x;

            import static java.lang.Math.sqrt;

            import io.nanguard.Guarded;

            public class NamesStatic {
              @Guarded
              public double f(double x) {
                return sqrt(x);
              }
            }
            """),
        new Case("nested original class", true, "GuardedNamesOuter_Inner", "com.x.NamesOuter", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesOuter {
              static double twice(double x) {
                return 2 * x;
              }

              public static class Inner {
                @Guarded
                public double f(double x) {
                  return Math.sqrt(twice(x));
                }
              }
            }
            """),
        new Case("private member through this", true, "uses private field 'shift' of NamesThisPrivate",
            "com.x.NamesThisPrivate", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesThisPrivate {
              private double shift;

              @Guarded
              public double f(double x) {
                return Math.log(x + this.shift);
              }
            }
            """),
        new Case("protected member of another package via another object", true,
            "uses protected method 'weight' of Lib", "com.x.NamesProtected", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesProtected extends lib.Lib {
              @Guarded
              public double f(NamesProtected other, double x) {
                return Math.sqrt(x) + other.weight();
              }
            }
            """, "lib.Lib", """
            package lib;

            public class Lib {
              protected double weight() {
                return 1;
              }
            }
            """),
        new Case("enum constant in a case label", true, "GuardedNamesSwitch", "com.x.NamesSwitch", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesSwitch {
              @Guarded
              public double f(Mode m, double x) {
                switch (m) {
                  case SQRT:
                    return Math.sqrt(x);
                  default:
                    return x;
                }
              }
            }
            """, "com.x.Mode", """
            package com.x;

            public enum Mode { SQRT, PLAIN }
            """),
        new Case("anonymous class", true, "GuardedNamesAnonymous", "com.x.NamesAnonymous", """
            package com.x;

            import io.nanguard.Guarded;
            import java.util.function.DoubleSupplier;

            public class NamesAnonymous {
              @Guarded
              public double f(double x) {
                DoubleSupplier s = new DoubleSupplier() {
                  @Override
                  public double getAsDouble() {
                    return x;
                  }
                };
                return Math.sqrt(s.getAsDouble());
              }
            }
            """),
        new Case("local class and method reference", true, "GuardedNamesLocal", "com.x.NamesLocal", """
            package com.x;

            import io.nanguard.Guarded;
            import java.util.function.DoubleUnaryOperator;

            public class NamesLocal {
              @Guarded
              public double f(double x) {
                class Half {
                  double of(double y) {
                    return y / 2;
                  }
                }
                DoubleUnaryOperator h = new Half()::of;
                return Math.sqrt(h.applyAsDouble(x));
              }
            }
            """),
        new Case("local named like a field", true, "GuardedNamesShadowField", "com.x.NamesShadowField", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesShadowField {
              double scale = 2;

              @Guarded
              public double f(double x) {
                double scale = x * this.scale;
                return Math.sqrt(scale);
              }
            }
            """),
        new Case("local named like a type", true, "GuardedNamesShadowType", "com.x.NamesShadowType", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesShadowType {
              @Guarded
              public double f(double x) {
                double Math = 2;
                return java.lang.Math.sqrt(x) * Math;
              }
            }
            """),
        new Case("var divisor", true, "GuardedNamesVar", "com.x.NamesVar", """
            package com.x;

            import io.nanguard.Guarded;

            public class NamesVar {
              @Guarded
              public float f(float a, float b) {
                var d = b - a;
                return a / d;
              }
            }
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesFromTheSourceOrLeavesItToJavac(Case c) {
    AttributionProbe probe = new AttributionProbe();
    Compilation compilation = compile(probe, c.qualifiedNameThenSource());
    if (c.goldenOrError().startsWith("Guarded")) {
      assertThat(compilation).succeeded();
      Generated.assertGolden(compilation, "com.x." + c.goldenOrError());
    } else {
      assertThat(compilation).hadErrorContaining(c.goldenOrError());
    }
    assertThat(probe.attributed).isNotEmpty();
    assertThat(new HashSet<>(probe.attributed.values())).containsExactly(c.attributed());
  }

  private static Compilation compile(AttributionProbe probe, String... qualifiedNameThenSource) {
    List<JavaFileObject> files = new ArrayList<>();
    for (int i = 0; i < qualifiedNameThenSource.length; i += 2) {
      files.add(JavaFileObjects.forSourceString(qualifiedNameThenSource[i], qualifiedNameThenSource[i + 1]));
    }
    // The probe runs NaNGuard first in each round (NaNGuard claims @Guarded, so a processor after
    // it would not be called), then sees the trees as NaNGuard left them.
    return javac().withProcessors(probe).withOptions("-Xlint:all,-processing").compile(files);
  }

  /**
   * Records, for each {@code @Guarded} method, whether its body was attributed during
   * processing: an identifier's symbol is set only by attribution.
   */
  private static final class AttributionProbe extends GuardedMethodsProcessor {
    final Map<String, Boolean> attributed = new LinkedHashMap<>();
    private final NanGuardProcessor nanguard = new NanGuardProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      nanguard.init(env);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      nanguard.process(annotations, round);
      return super.process(annotations, round);
    }

    @Override
    void visit(ExecutableElement method, TreePath path, Trees trees) {
      boolean[] typed = {false};
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          typed[0] |= trees.getTypeMirror(getCurrentPath()) != null;
          return null;
        }
      }.scan(new TreePath(path, ((MethodTree) path.getLeaf()).getBody()), null);
      attributed.put(method.getSimpleName().toString(), typed[0]);
    }
  }
}
