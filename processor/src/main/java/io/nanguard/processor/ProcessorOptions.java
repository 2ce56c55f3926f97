package io.nanguard.processor;

import io.nanguard.ops.FloatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The processor's {@code -A} options.
 *
 * @param eps the epsilon for guarded methods whose annotation does not set one
 * @param werror whether findings are errors rather than warnings
 * @param scanAll whether every method of the compilation is checked (warnings only, no code)
 * @param format the floating format declared for provider libraries ({@code -Ananguard.format=float16}),
 *     or null for each library's own
 * @param problems option values that could not be read, to report once
 */
record ProcessorOptions(double eps, boolean werror, boolean scanAll, FloatFormat format, List<String> problems) {

  static final String EPS = "nanguard.eps";
  static final String WERROR = "nanguard.werror";
  static final String SCAN = "nanguard.scan";
  static final String FORMAT = "nanguard.format";
  static final Set<String> NAMES = Set.of(EPS, WERROR, SCAN, FORMAT);
  static final double DEFAULT_EPS = 1e-8;

  static ProcessorOptions parse(Map<String, String> options) {
    List<String> problems = new ArrayList<>();
    double eps = DEFAULT_EPS;
    String e = options.get(EPS);
    if (e != null) {
      try {
        eps = Double.parseDouble(e.trim());
        if (!validEps(eps)) {
          problems.add("-A" + EPS + "=" + e + " must be a number with 0 < eps < 1; using " + DEFAULT_EPS);
          eps = DEFAULT_EPS;
        }
      } catch (NumberFormatException ex) {
        problems.add("-A" + EPS + "=" + e + " is not a number; using " + DEFAULT_EPS);
      }
    }
    boolean werror = flag(options, WERROR, "true", problems);
    boolean scanAll = flag(options, SCAN, "all", problems);
    return new ProcessorOptions(eps, werror, scanAll, format(options.get(FORMAT), problems), List.copyOf(problems));
  }

  private static FloatFormat format(String v, List<String> problems) {
    if (v == null) {
      return null;
    }
    try {
      return FloatFormat.valueOf(v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("-A" + FORMAT + "=" + v + " is not a format; expected float64, float32, float16 or bfloat16");
      return null;
    }
  }

  /** Whether {@code eps} can serve as a guard's epsilon: finite, above 0 and below 1 (the guards' own check). */
  static boolean validEps(double eps) {
    return eps > 0 && eps < 1;
  }

  private static boolean flag(Map<String, String> options, String name, String on, List<String> problems) {
    String v = options.get(name);
    if (v == null) {
      return false;
    }
    String t = v.trim();
    if (!t.equalsIgnoreCase(on) && !t.equalsIgnoreCase(name.equals(SCAN) ? "annotated" : "false")) {
      problems.add("-A" + name + "=" + v + " is not understood; expected " + on);
    }
    return t.equalsIgnoreCase(on);
  }
}
