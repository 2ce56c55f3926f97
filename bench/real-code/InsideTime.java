import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The CPU time spent inside NaNGuard's processor (its init and process calls and its task
 * listener, on javac's thread) while javac runs it with -Ananguard.scan=all over a codebase, apart
 * from what javac itself does.
 * Runs after scan.sh, which leaves each codebase's file list in WORK_DIR/build/CODEBASE/files.
 *
 * <p>usage: java InsideTime.java PROCESSOR_PATH WORK_DIR ROUNDS CODEBASE... (from this folder)
 */
public class InsideTime {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), InsideTime.class.getClassLoader());
            StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
          long[] nanos = {0};
          Processor timed = timed((Processor) loader.loadClass("io.nanguard.processor.NanGuardProcessor")
              .getConstructor().newInstance(), nanos);
          int[] count = {0};
          JavaCompiler.CompilationTask task = javac.getTask(null, fm,
              d -> count[0] += d.getKind() == Diagnostic.Kind.WARNING && d.getMessage(null).startsWith("[nanguard:") ? 1 : 0,
              List.of("-proc:only", "-cp", cp, "-encoding", "UTF-8", "-implicit:none", "-Xmaxwarns", "100000", "-Ananguard.scan=all"), null,
              fm.getJavaFileObjectsFromStrings(files));
          task.setProcessors(List.of(timed));
          task.call();
          inside.add(nanos[0] / 1_000_000);
          warnings = count[0];
        }
      }
      inside.sort(null);
      System.out.printf("%s: %d files, %d warnings, CPU ms inside NaNGuard per round %s, median %d%n",
          args[c], files.size(), warnings, inside, inside.get(inside.size() / 2));
    }
  }

  /**
   * The processor, its init and process calls timed in CPU time of the calling thread, and the
   * task listeners it registers in init (the scan runs from one when processing is over): timed
   * between a listener registered just before its init and one just after, which javac calls in
   * that order for every event.
   */
  private static Processor timed(Processor p, long[] nanos) {
    long[] eventStart = {0};
    return (Processor) Proxy.newProxyInstance(Processor.class.getClassLoader(), new Class<?>[] {Processor.class},
        (proxy, method, margs) -> {
          boolean init = method.getName().equals("init");
          boolean timed = init || method.getName().equals("process");
          JavacTask task = init ? JavacTask.instance((ProcessingEnvironment) margs[0]) : null;
          if (init) {
            task.addTaskListener(clock(() -> eventStart[0] = THREADS.getCurrentThreadCpuTime()));
          }
          long t0 = timed ? THREADS.getCurrentThreadCpuTime() : 0;
          try {
            return method.invoke(p, margs);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            nanos[0] += timed ? THREADS.getCurrentThreadCpuTime() - t0 : 0;
            if (init) {
              task.addTaskListener(clock(() -> nanos[0] += THREADS.getCurrentThreadCpuTime() - eventStart[0]));
            }
          }
        });
  }

  /** A listener that runs {@code tick} at the start and at the end of every event. */
  private static TaskListener clock(Runnable tick) {
    return new TaskListener() {
      @Override
      public void started(TaskEvent e) {
        tick.run();
      }

      @Override
      public void finished(TaskEvent e) {
        tick.run();
      }
    };
  }
}
