package io.nanguard.processor.codegen;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A test processor that hands every {@code @Guarded} method of each round, with its tree path,
 * to {@link #visit}: the frame of the tests that drive the generator or inspect the trees
 * directly, next to or instead of NaNGuard's processor.
 */
abstract class GuardedMethodsProcessor extends AbstractProcessor {

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("io.nanguard.Guarded");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Trees trees = Trees.instance(processingEnv);
    for (TypeElement annotation : annotations) {
      for (Element method : round.getElementsAnnotatedWith(annotation)) {
        visit((ExecutableElement) method, trees.getPath(method), trees);
      }
    }
    return false;
  }

  /** Called once per guarded method; {@code path} leads to its {@code MethodTree}. */
  abstract void visit(ExecutableElement method, TreePath path, Trees trees);
}
