package io.nanguard.demo.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark of this package (or those matching the regexes given as arguments)
 * in one forked JVM and prints, per benchmark class and workload, each variant's time and its
 * ratio to the {@code plain} variant. Arguments are JMH's own command line ({@code -i 20},
 * {@code -wi 10}, {@code -f 2}, a regex such as {@code EngineBench}); unset options default to
 * one fork, 6 warm-up iterations of 2 s and 10 measured ones of 1 s, average time in microseconds.
 *
 * <p>A benchmark method named {@code <workload>_<variant>} (variant without underscores, e.g.
 * {@code seed_loss_checked}) becomes a ratio row automatically. With
 * {@code -Dnanguard.torch=<file>} holding the output of {@code torch_workloads.py}, the engine's
 * {@code plain} times are also compared with PyTorch's.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
    exposeClasspathToForks();
    CommandLineOptions cli = new CommandLineOptions(args);
    ChainedOptionsBuilder opts = withDefaults(cli, 2);
    if (cli.getIncludes().isEmpty()) {
      opts.include(Benchmarks.class.getPackageName().replace(".", "\\.") + "\\..*");
    }
    Collection<RunResult> results = new Runner(opts.build()).run();

    RatioTable table = new RatioTable();
    for (RunResult r : results) {
      table.add(r.getParams().getBenchmark(), r.getPrimaryResult().getScore(),
          r.getPrimaryResult().getScoreError());
    }
    System.out.println();
    System.out.print(table.render());
    String torch = System.getProperty("nanguard.torch");
    if (torch != null) {
      System.out.println();
      System.out.print(table.renderAgainstTorch(Files.readAllLines(Path.of(torch))));
    }
  }

  /**
   * The command-line options, with this project's defaults for what they leave unset: one
   * fork, 6 warm-up iterations of {@code warmupSeconds} (on a shared 2-core machine the JIT
   * needs several seconds to finish compiling a workload), 10 measured iterations of 1 s,
   * average time in microseconds.
   */
  static ChainedOptionsBuilder withDefaults(CommandLineOptions cli, int warmupSeconds) {
    ChainedOptionsBuilder opts = new OptionsBuilder().parent(cli);
    if (!cli.getForkCount().hasValue()) {
      opts.forks(1);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      opts.warmupIterations(6);
    }
    if (!cli.getWarmupTime().hasValue()) {
      opts.warmupTime(TimeValue.seconds(warmupSeconds));
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      opts.measurementIterations(10);
    }
    if (!cli.getMeasurementTime().hasValue()) {
      opts.measurementTime(TimeValue.seconds(1));
    }
    if (cli.getBenchModes().isEmpty()) {
      opts.mode(Mode.AverageTime);
    }
    if (!cli.getTimeUnit().hasValue()) {
      opts.timeUnit(TimeUnit.MICROSECONDS);
    }
    return opts;
  }

  /**
   * JMH starts its fork with this JVM's {@code java.class.path}; under {@code exec:java} that is
   * Maven's launcher, not the project, so the fork could not find the benchmarks. The class
   * loader that loaded this class knows the real class path.
   */
  private static void exposeClasspathToForks() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader cl = Benchmarks.class.getClassLoader(); cl != null; cl = cl.getParent()) {
      if (cl instanceof URLClassLoader) {
        for (URL url : ((URLClassLoader) cl).getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (URISyntaxException | IllegalArgumentException e) {
            entries.add(url.getPath());
          }
        }
      }
    }
    if (!entries.isEmpty()) {
      List<String> cp = new ArrayList<>(entries);
      cp.add(System.getProperty("java.class.path"));
      System.setProperty("java.class.path", String.join(File.pathSeparator, cp));
    }
  }
}
