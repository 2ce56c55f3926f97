package io.nanguard.demo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * An annotation processor that writes one empty class {@code Guarded<Name>} per class with
 * {@code @Guarded} methods, as many files with the same names as NaNGuard writes, and does
 * nothing else: the baseline for what javac charges any processor that generates sources (a
 * further round that re-enters every class, the Filer's name check in every module, parsing
 * the new files), which NaNGuard cannot avoid while it generates code.
 */
@SupportedAnnotationTypes("io.nanguard.Guarded")
public final class OneFilePerClassProcessor extends AbstractProcessor {

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> owners = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      for (Element method : round.getElementsAnnotatedWith(annotation)) {
        owners.add((TypeElement) method.getEnclosingElement());
      }
    }
    for (TypeElement owner : owners) {
      String pkg = ((PackageElement) owner.getEnclosingElement()).getQualifiedName().toString();
      String name = "Guarded" + owner.getSimpleName();
      try (Writer w = processingEnv.getFiler().createSourceFile(pkg + "." + name, owner).openWriter()) {
        w.write("package " + pkg + ";\nfinal class " + name + " {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
