import com.sun.management.OperatingSystemMXBean;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;

/**
 * One javac run in a fresh JVM, as the javac launcher makes one, timed from inside: the CPU time
 * of the whole process, of the thread that compiles, and of the JIT compiler threads. In a single
 * javac run the JIT is most of the cost of any processor's code, and it varies from run to run;
 * the split says whether a difference is the compile thread's work or the JIT's.
 *
 * <p>usage: {@code java -cp DIR CompileCpu FILE_LIST CLASS_PATH PROCESSOR_PATH|plain OUT_DIR}, where
 * FILE_LIST holds one source file per line; {@code plain} compiles with {@code -proc:none},
 * anything else is the processor path of a {@code -Ananguard.scan=all} compile. Prints one line:
 * {@code rc=0 process=S main=S jit=S} (seconds; jit is the JIT threads' total, summed).
 */
public class CompileCpu {
  public static void main(String[] a) throws Exception {
    List<String> args = new ArrayList<>(List.of("-cp", a[1], "-encoding", "UTF-8", "-Xmaxwarns", "100000",
        "-implicit:none", "-d", a[3]));
    if (a[2].equals("plain")) {
      args.add("-proc:none");
    } else {
      args.addAll(List.of("-processorpath", a[2], "-Ananguard.scan=all"));
    }
    for (String f : Files.readAllLines(Path.of(a[0]))) {
      if (!f.isBlank()) {
        args.add(f);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long process = os.getProcessCpuTime();
    long main = threads.getCurrentThreadCpuTime();
    long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int rc = ToolProvider.getSystemJavaCompiler().run(null, quiet, quiet, args.toArray(new String[0]));
    System.out.printf("rc=%d process=%.2f main=%.2f jit=%.2f%n", rc, (os.getProcessCpuTime() - process) / 1e9,
        (threads.getCurrentThreadCpuTime() - main) / 1e9,
        (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit) / 1e3);
  }
}
