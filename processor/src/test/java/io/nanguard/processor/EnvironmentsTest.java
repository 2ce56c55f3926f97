package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.junit.jupiter.api.Test;

/** Build tools' wrapped environments are unwrapped to javac's, so Trees works inside them. */
class EnvironmentsTest {

  /** Gradle-style: an environment that forwards to the real one, kept in a field named delegate. */
  static final class ForwardingEnv implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    ForwardingEnv(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override public Map<String, String> getOptions() { return delegate.getOptions(); }
    @Override public Messager getMessager() { return delegate.getMessager(); }
    @Override public Filer getFiler() { return delegate.getFiler(); }
    @Override public Elements getElementUtils() { return delegate.getElementUtils(); }
    @Override public Types getTypeUtils() { return delegate.getTypeUtils(); }
    @Override public SourceVersion getSourceVersion() { return delegate.getSourceVersion(); }
    @Override public Locale getLocale() { return delegate.getLocale(); }
  }

  @Test
  void unwrapsDelegatingWrappersAndProxiesNestedInEachOther() {
    List<Boolean> found = new ArrayList<>();
    javac().withProcessors(new AbstractProcessor() {
      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
          return false;
        }
        ProcessingEnvironment real = processingEnv;
        ProcessingEnvironment gradle = new ForwardingEnv(real);
        // IntelliJ-style: a dynamic proxy whose invocation handler keeps the wrapped environment.
        ProcessingEnvironment intellij = (ProcessingEnvironment) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
            (proxy, method, args) -> method.invoke(gradle, args));
        found.add(Environments.unwrap(gradle) == real);
        found.add(Environments.unwrap(intellij) == real);
        found.add(Environments.trees(intellij) != null);
        return false;
      }
    }).compile(JavaFileObjects.forSourceLines("p.A", "package p;", "class A {}"));
    assertThat(found).containsExactly(true, true, true);
  }
}
