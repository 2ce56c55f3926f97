package io.nanguard.processor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on a newer JDK's javac (the newest JDK installed beside the one running the tests,
 * or the one named by {@code -Dnanguard.newerJdk=<java home>}; skipped when there is none): forks
 * that javac with the built processor on {@code -processorpath}, on cases that once changed what
 * the guarded class computes, then runs original and guarded here (compiled with
 * {@code --release 17}) and compares their results.
 */
class NewerJavacTest {

  @Test
  void guardedClassesCompileAndAgreeOnANewerJdk(@TempDir Path dir) throws Exception {
    Optional<Path> newer = newerJavac();
    assumeTrue(newer.isPresent(), "no JDK newer than " + Runtime.version().feature() + " found");
    Path javacPath = newer.get();
    Path src = Files.createDirectories(dir.resolve("src/p"));
    Files.writeString(src.resolve("Ints.java"), String.join("\n",
        "package p;",
        "import io.nanguard.Guarded;",
        "public class Ints {",
        "  @Guarded",
        "  public double f(int t, int n) {",
        "    return t / Math.max(n, -n) + 1.0 / n;",
        "  }",
        "}"));
    Files.writeString(src.resolve("Cr.java"), String.join("\r",
        "package p;",
        "import io.nanguard.Guarded;",
        "public class Cr {",
        "  @Guarded",
        "  public double f(double x) {",
        "    double total = 1 / x; // a comment",
        "    total *= 2;",
        "    return switch ((int) x) { case 0 -> total; default -> { yield total + Math.log(x); } };",
        "  }",
        "}"));
    Path out = Files.createDirectories(dir.resolve("out"));
    String classPath = System.getProperty("java.class.path");
    List<String> command = List.of(javacPath.toString(), "--release", "17",
        "-processorpath", classPath, "-cp", classPath, "-d", out.toString(), "-s", out.toString(),
        src.resolve("Ints.java").toString(), src.resolve("Cr.java").toString());
    Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, javac.waitFor(), log);
    assertTrue(log.contains("Ints.java:6: warning: [nanguard:div]"), log);
    assertTrue(Files.isRegularFile(out.resolve("p/GuardedInts.class")), log);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      assertEquals(call(loader, "p.Ints", 7, 2), call(loader, "p.GuardedInts", 7, 2));
      assertEquals(3.5, (Double) call(loader, "p.GuardedInts", 7, 2), 0); // 7 / 2 = 3, + 0.5
      assertEquals(call(loader, "p.Cr", 4.0), call(loader, "p.GuardedCr", 4.0));
    }
  }

  /**
   * {@code -Ananguard.scan=all}, which runs from a javac task listener when processing is over,
   * warns on the same lines on the newer javac, in a full compile and under {@code -proc:only}.
   */
  @Test
  void theScanAfterProcessingWarnsOnANewerJdk(@TempDir Path dir) throws Exception {
    Optional<Path> newer = newerJavac();
    assumeTrue(newer.isPresent(), "no JDK newer than " + Runtime.version().feature() + " found");
    Path src = Files.createDirectories(dir.resolve("src/p"));
    Files.writeString(src.resolve("Over.java"), String.join("\n",
        "package p;",
        "public class Over {",
        "  static int half(int x) { return x / 2; }",
        "  static double half(double x) { return x / 2; }",
        "  public double f(double d, int n) {",
        "    var m = half(n);",
        "    return 1 / half(d) + 1 / half(n) + d / m;", // line 7: two double divisions, one int
        "  }",
        "}"));
    String classPath = System.getProperty("java.class.path");
    for (List<String> mode : List.of(List.<String>of(), List.of("-proc:only"))) {
      List<String> command = new ArrayList<>(List.of(newer.get().toString(), "--release", "17", "-Ananguard.scan=all",
          "-processorpath", classPath, "-cp", classPath, "-d", Files.createDirectories(dir.resolve("out")).toString(),
          src.resolve("Over.java").toString()));
      command.addAll(mode);
      Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
      String log = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, javac.waitFor(), log);
      assertTrue(log.contains("Over.java:7: warning: [nanguard:div] division by 'half(d)'"), log);
      assertTrue(log.contains("Over.java:7: warning: [nanguard:div] division by 'm'"), log);
      assertEquals(2, log.split("\\[nanguard:", -1).length - 1, log);
    }
  }

  /**
   * The javac of a JDK newer than this one: {@code nanguard.newerJdk} if set, else the newest of the
   * JDKs installed in the same directory as this one (how Debian, SDKMAN and most installers lay
   * them out), judged by the {@code JAVA_VERSION} of each JDK's {@code release} file.
   */
  private static Optional<Path> newerJavac() throws IOException {
    String named = System.getProperty("nanguard.newerJdk");
    if (named != null) {
      return Optional.of(Path.of(named, "bin", "javac")).filter(Files::isExecutable);
    }
    Path home = Path.of(System.getProperty("java.home")).toRealPath();
    Path installs = home.getParent();
    if (installs == null) {
      return Optional.empty();
    }
    try (Stream<Path> jdks = Files.list(installs)) {
      return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/javac")))
          .filter(jdk -> featureVersion(jdk) > Runtime.version().feature())
          .max(Comparator.comparingInt(NewerJavacTest::featureVersion))
          .map(jdk -> jdk.resolve("bin/javac"));
    }
  }

  /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.1"} is 25), or 0. */
  private static int featureVersion(Path jdk) {
    try {
      for (String line : Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Runtime.Version.parse(version).feature();
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return 0; // not a JDK we can read: not a candidate
    }
    return 0;
  }

  private static Object call(ClassLoader loader, String type, Object... args) throws Exception {
    Class<?> c = loader.loadClass(type);
    for (var m : c.getMethods()) {
      if (m.getName().equals("f")) {
        return m.invoke(c.getDeclaredConstructor().newInstance(), args);
      }
    }
    throw new AssertionError(type + " has no f");
  }
}
