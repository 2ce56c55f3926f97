package io.nanguard.demo.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compile time of a synthetic corpus (400 classes of 20 methods, 10% guarded, spread over every
 * class or concentrated in loss classes; and 4x that) with the JDK's javac in process, without
 * ({@code plain}), with a processor that does nothing ({@code noop}: javac's fixed cost of annotation
 * processing) and with ({@code processor}) NaNGuard's annotation processor; {@code ndspread400} is
 * the spread corpus written against DJL's NDArray ({@link ProcessorCorpus.Dialect#NDARRAY}). Ratios per corpus are printed by {@link Benchmarks}.
 * {@link ProcessorOverhead} measures the same with interleaved runs in one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class ProcessorBench {

  private ProcessorCorpus spread;
  private ProcessorCorpus concentrated;
  private ProcessorCorpus spread4x;
  private ProcessorCorpus ndSpread;

  @Setup
  public void setUp() {
    spread = ProcessorCorpus.of(400, ProcessorCorpus.Layout.SPREAD);
    concentrated = ProcessorCorpus.of(400, ProcessorCorpus.Layout.CONCENTRATED);
    spread4x = ProcessorCorpus.of(1600, ProcessorCorpus.Layout.SPREAD);
    ndSpread = ProcessorCorpus.of(400, ProcessorCorpus.Layout.SPREAD, ProcessorCorpus.Dialect.NDARRAY);
  }

  @Benchmark
  public ProcessorCorpus.Outcome spread400_plain() {
    return spread.compile(ProcessorCorpus.Processing.NONE);
  }

  @Benchmark
  public ProcessorCorpus.Outcome spread400_noop() {
    return spread.compile(ProcessorCorpus.Processing.NO_OP);
  }

  @Benchmark
  public ProcessorCorpus.Outcome spread400_processor() {
    return spread.compile(ProcessorCorpus.Processing.NANGUARD);
  }

  @Benchmark
  public ProcessorCorpus.Outcome concentrated400_plain() {
    return concentrated.compile(ProcessorCorpus.Processing.NONE);
  }

  @Benchmark
  public ProcessorCorpus.Outcome concentrated400_noop() {
    return concentrated.compile(ProcessorCorpus.Processing.NO_OP);
  }

  @Benchmark
  public ProcessorCorpus.Outcome concentrated400_processor() {
    return concentrated.compile(ProcessorCorpus.Processing.NANGUARD);
  }

  @Benchmark
  public ProcessorCorpus.Outcome spread1600_plain() {
    return spread4x.compile(ProcessorCorpus.Processing.NONE);
  }

  @Benchmark
  public ProcessorCorpus.Outcome spread1600_processor() {
    return spread4x.compile(ProcessorCorpus.Processing.NANGUARD);
  }

  @Benchmark
  public ProcessorCorpus.Outcome ndspread400_plain() {
    return ndSpread.compile(ProcessorCorpus.Processing.NONE);
  }

  @Benchmark
  public ProcessorCorpus.Outcome ndspread400_processor() {
    return ndSpread.compile(ProcessorCorpus.Processing.NANGUARD);
  }
}
