package io.nanguard.processor.analysis;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.ApiTable;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The scan's syntactic filter: a body is skipped only when no tree of it can be a finding, so
 * every op with a check, in any spelling, keeps its method analysed.
 */
class FindingSitesTest {

  /** Methods named {@code site...} hold a possible finding; those named {@code none...} do not. */
  private static final String SOURCE = String.join("\n",
      "import static java.lang.Math.sqrt;",
      "class C {",
      "  double siteDivision(double a, double b) { return a / b; }",
      "  void siteCompoundDivision(double[] a, double b) { a[0] /= b; }",
      "  int siteIntegerDivision(int a, int b) { return a / b; }",
      "  double siteMath(double a) { return Math.log(a); }",
      "  double siteStaticImport(double a) { return sqrt(a); }",
      "  double siteQualified(double a) { return java.lang.StrictMath.acos(a); }",
      "  double sitePow(double a) { return Math.pow(a, 0.5); }",
      "  Object siteTensorMethod(io.nanguard.tensor.Tensor t) { return t.sub(t).div(t); }",
      "  Object siteProvidersOwnName(io.nanguard.processor.testapi.Vec v) { return v.ln(); }",
      "  Runnable siteInALambda(double[] a) { return () -> a[0] = Math.exp(a[1]); }",
      "  Object siteInALocalClass() { class L { double f(double x) { return 1 / x; } } return new L(); }",
      "  double noneArithmetic(double a, double b) { return a * b + a - b % 3; }",
      "  double noneSafeCalls(double[] a) { double m = Math.max(a[0], Math.abs(a[1])); return m + a.length; }",
      "  int noneShifts(int a) { a >>= 2; a *= 3; return a << 1; }",
      "  String noneComment() { return \"a / b, Math.sqrt(x)\"; } // log(x) / y",
      "  Object noneTensorSafeOps(io.nanguard.tensor.Tensor t) { return t.add(t).mul(t).sum(); }",
      "}");

  @Test
  void everyOpWithACheckKeepsItsMethodAndOnlyThoseAreSkipped() throws IOException {
    List<String> checked = new ArrayList<>();
    for (Tree member : parse(SOURCE).getMembers()) {
      if (member instanceof MethodTree m) {
        String name = m.getName().toString();
        boolean expected = name.startsWith("site");
        assertWithMessage(name).that(FindingSites.mayHold(m.getBody())).isEqualTo(expected);
        checked.add(name);
      }
    }
    assertThat(checked).hasSize(16);
  }

  @Test
  void everyHazardousOrBinaryRowOfEveryLibraryIsAReportableName() {
    Apis apis = Apis.installed();
    int rows = 0;
    for (ApiTable t : apis.all()) {
      List<ApiMethod> methods = new ArrayList<>(t.instanceMethods());
      methods.addAll(t.staticMethods());
      for (ApiMethod m : methods) {
        if (m.binary() != null || (m.op() != null && m.op().hazardous())) {
          assertWithMessage(t.name() + "." + m.name()).that(apis.mayReport(m.name())).isTrue();
          rows++;
        }
      }
    }
    assertThat(rows).isGreaterThan(20);
    assertThat(apis.mayReport("add")).isFalse();
    assertThat(apis.mayReport("sum")).isFalse();
    assertThat(apis.mayReport("max")).isFalse();
    assertThat(apis.mayReport("ln")).isTrue(); // the test provider's own spelling of log
  }

  private static ClassTree parse(String source) throws IOException {
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///C.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(Writer.nullWriter(), null, null,
        List.of("-proc:none"), null, List.of(file));
    CompilationUnitTree unit = task.parse().iterator().next();
    return (ClassTree) unit.getTypeDecls().get(0);
  }
}
