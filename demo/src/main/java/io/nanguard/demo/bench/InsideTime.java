package io.nanguard.demo.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The CPU time spent inside NaNGuard's processor (its init and process calls and its task
 * listener, on javac's thread) while javac runs it with -Ananguard.scan=all over a codebase, apart
 * from what javac itself does. Runs after {@code bench/real-code/scan.sh}, which leaves each codebase's file list in
 * WORK_DIR/build/CODEBASE/files. The processor is loaded from PROCESSOR_PATH alone (not from this
 * module's class path), so any build of it can be timed.
 *
 * <p>usage: {@code java -cp demo/target/classes io.nanguard.demo.bench.InsideTime PROCESSOR_PATH
 * WORK_DIR ROUNDS CODEBASE...}
 */
public final class InsideTime {

  private InsideTime() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String p : args[0].split(":")) {
      urls.add(Path.of(p).toUri().toURL());
    }
    Path work = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    String cp = Files.list(work.resolve("lib")).map(Path::toString).sorted().collect(Collectors.joining(":"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (int c = 3; c < args.length; c++) {
      List<String> files = Files.readAllLines(work.resolve("build").resolve(args[c]).resolve("files"));
      List<Long> inside = new ArrayList<>();
      int warnings = 0;
      for (int r = 0; r < rounds; r++) {
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
          TimedProcessor timed = new TimedProcessor((Processor) loader.loadClass("io.nanguard.processor.NanGuardProcessor")
              .getConstructor().newInstance());
          int[] count = {0};
          JavaCompiler.CompilationTask task = javac.getTask(null, fm,
              d -> count[0] += d.getKind() == Diagnostic.Kind.WARNING && d.getMessage(null).startsWith("[nanguard:") ? 1 : 0,
              List.of("-proc:only", "-cp", cp, "-encoding", "UTF-8", "-implicit:none", "-Xmaxwarns", "100000", "-Ananguard.scan=all"), null,
              fm.getJavaFileObjectsFromStrings(files));
          task.setProcessors(List.of(timed));
          task.call();
          inside.add(timed.cpuMillis());
          warnings = count[0];
        }
      }
      inside.sort(null);
      System.out.printf("%s: %d files, %d warnings, CPU ms inside NaNGuard per round %s, median %d%n",
          args[c], files.size(), warnings, inside, inside.get(inside.size() / 2));
    }
  }
}
