package io.nanguard.demo.bench;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * An annotation processor that claims {@code @Guarded} and does nothing: the baseline that
 * separates javac's own fixed cost of running annotation processors at all (a last round that
 * re-enters every class of the compilation, annotation discovery) from what NaNGuard adds. A
 * build that already runs any processor (Lombok, AutoValue, MapStruct ...) pays that cost once.
 */
@SupportedAnnotationTypes("io.nanguard.Guarded")
public final class NoOpProcessor extends AbstractProcessor {

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return false;
  }
}
