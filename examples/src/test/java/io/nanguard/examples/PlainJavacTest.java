package io.nanguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain-javac setup of docs/compile-time.md, as a user runs it: the JDK's own javac in a
 * separate process, with nothing but the one processor jar on {@code -processorpath} and the
 * runtime jar on the class path, compiling the Maven example's loss; then the generated class
 * runs on a plain {@code java -cp}.
 */
class PlainJavacTest {

  private static final Path JAVA_BIN = Paths.get(System.getProperty("java.home"), "bin");

  private static Path property(String name) {
    String value = System.getProperty(name);
    assertTrue(value != null && Files.exists(Paths.get(value)), name + " names no file: " + value);
    return Paths.get(value);
  }

  private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    return output;
  }

  @Test
  void oneProcessorJarWarnsGeneratesAndTheGeneratedClassRuns(@TempDir Path out) throws Exception {
    Path processor = property("nanguard.processor.all");
    Path runtime = property("nanguard.runtime");
    Path sources = property("nanguard.example").resolve("src/main/java/com/example");

    List<String> javac = new ArrayList<>(List.of(JAVA_BIN.resolve("javac").toString(), "-d", out.toString(),
        "-cp", runtime.toString(), "-processorpath", processor.toString()));
    javac.add(sources.resolve("PairLoss.java").toString());
    javac.add(sources.resolve("Train.java").toString());
    String compiled = run(out, javac);

    assertTrue(compiled.contains("PairLoss.java:10: warning: [nanguard:sqrt] "), compiled);
    assertTrue(Files.isRegularFile(out.resolve("com/example/GuardedPairLoss.class")), "GuardedPairLoss.class");

    String trained = run(out, List.of(JAVA_BIN.resolve("java").toString(), "-cp",
        out + java.io.File.pathSeparator + runtime, "com.example.Train"));
    assertTrue(trained.startsWith("loss after 200 steps: "), trained);
    double loss = Double.parseDouble(trained.substring("loss after 200 steps: ".length()).trim());
    assertTrue(loss < 0.1, trained);
  }
}
