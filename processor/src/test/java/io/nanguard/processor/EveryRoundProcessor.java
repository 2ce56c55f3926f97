package io.nanguard.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.lang.model.SourceVersion;

/**
 * A test processor called in every round, whatever the sources are annotated with, as NaNGuard's
 * is under {@code -Ananguard.scan=all}: the frame of processors that run beside it in a test.
 */
public abstract class EveryRoundProcessor extends AbstractProcessor {

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }
}
