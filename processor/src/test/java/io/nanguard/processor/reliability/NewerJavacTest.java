package io.nanguard.processor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on a newer JDK's javac (Temurin 25, where installed; skipped otherwise): forks
 * that javac with the built processor on {@code -processorpath}, on cases that once changed what
 * the guarded class computes, then runs original and guarded here (compiled with
 * {@code --release 17}) and compares their results.
 */
class NewerJavacTest {

  private static final Path JAVAC = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac");

  @Test
  void guardedClassesCompileAndAgreeOnJdk25(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(JAVAC), "no JDK 25 javac at " + JAVAC);
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
    List<String> command = List.of(JAVAC.toString(), "--release", "17",
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
