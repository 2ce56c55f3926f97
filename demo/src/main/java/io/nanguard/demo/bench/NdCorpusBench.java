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
 * The processor on an NDArray corpus against the same corpus on {@code Tensor} (400 classes of
 * 20 methods, two guarded in each, {@link ProcessorCorpus.Dialect}): compile time without
 * ({@code plain}) and with ({@code processor}) NaNGuard, so each ratio is the processor's
 * overhead on one library. {@link NdCorpusOverhead} measures the processor's own CPU time on both,
 * interleaved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class NdCorpusBench {

  private ProcessorCorpus tensor;
  private ProcessorCorpus ndarray;

  @Setup
  public void setUp() {
    tensor = ProcessorCorpus.of(400, ProcessorCorpus.Layout.SPREAD, ProcessorCorpus.Dialect.TENSOR);
    ndarray = ProcessorCorpus.of(400, ProcessorCorpus.Layout.SPREAD, ProcessorCorpus.Dialect.NDARRAY);
  }

  @Benchmark
  public ProcessorCorpus.Outcome tensorcorpus_plain() {
    return tensor.compile(ProcessorCorpus.Processing.NONE);
  }

  @Benchmark
  public ProcessorCorpus.Outcome tensorcorpus_processor() {
    return tensor.compile(ProcessorCorpus.Processing.NANGUARD);
  }

  @Benchmark
  public ProcessorCorpus.Outcome ndcorpus_plain() {
    return ndarray.compile(ProcessorCorpus.Processing.NONE);
  }

  @Benchmark
  public ProcessorCorpus.Outcome ndcorpus_processor() {
    return ndarray.compile(ProcessorCorpus.Processing.NANGUARD);
  }
}
