package io.nanguard.processor.codegen;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.nanguard.Distance;
import io.nanguard.Guarded;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.Range;
import io.nanguard.processor.analysis.Finding;
import io.nanguard.processor.analysis.Fix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * A stand-in for the real analysis in codegen tests: it "proves" nothing safe, so it guards every
 * sqrt/rsqrt/log/log1p/pow/acos/asin/exp/expm1/reciprocal call and every division by a
 * non-literal, and recognises the stability compositions syntactically. Eps: the annotation's
 * if set, else {@code -Ananguard.eps}, else 1e-8. It exercises the generator exactly as the real
 * processor does: one {@link GuardedMethod} per guarded method, one generate() per type.
 */
final class NaiveGuardProcessor extends AbstractProcessor {

  private static final Set<String> GUARDED_CALLS = OpCatalog.unaryOps().values().stream()
      .filter(OpSpec::hazardous).map(OpSpec::name).collect(Collectors.toSet());

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // Claiming @Generated too keeps -Xlint:processing quiet about the generated classes.
    return Set.of(Guarded.class.getName(), Distance.class.getName(), "javax.annotation.processing.Generated");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of("nanguard.eps");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Trees trees = Trees.instance(processingEnv);
    Map<TypeElement, List<GuardedMethod>> byType = new LinkedHashMap<>();
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals("javax.annotation.processing.Generated")) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        List<ExecutableElement> methods = e instanceof TypeElement t
            ? ElementFilter.methodsIn(t.getEnclosedElements()).stream()
                .filter(m -> !m.getModifiers().contains(Modifier.PRIVATE) && !m.getModifiers().contains(Modifier.ABSTRACT))
                .toList()
            : List.of((ExecutableElement) e);
        for (ExecutableElement m : methods) {
          TreePath path = trees.getPath(m);
          MethodTree tree = (MethodTree) path.getLeaf();
          CompilationUnitTree unit = path.getCompilationUnit();
          GuardedMethod gm = new GuardedMethod(m, tree, unit, eps(m), findings(tree));
          List<GuardedMethod> list = byType.computeIfAbsent((TypeElement) m.getEnclosingElement(), k -> new ArrayList<>());
          if (list.stream().noneMatch(g -> g.element().equals(m))) {
            list.add(gm);
          }
        }
      }
    }
    GuardedTypeGenerator generator = new GuardedTypeGenerator(processingEnv);
    byType.forEach((type, methods) -> generator.generate(type, methods).ifPresent(file -> {
      try {
        file.writeTo(processingEnv.getFiler());
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }));
    return true;
  }

  private double eps(ExecutableElement m) {
    for (Element e = m; e != null; e = e.getEnclosingElement()) {
      for (AnnotationMirror a : e.getAnnotationMirrors()) {
        String name = a.getAnnotationType().toString();
        if (name.equals(Guarded.class.getName()) || name.equals(Distance.class.getName())) {
          for (var entry : a.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals("eps")) {
              return (Double) entry.getValue().getValue();
            }
          }
        }
      }
    }
    String option = processingEnv.getOptions().get("nanguard.eps");
    return option == null ? 1e-8 : Double.parseDouble(option);
  }

  private static List<Finding> findings(MethodTree method) {
    List<Finding> out = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Fix fix = fixFor(call);
        if (fix != null) {
          out.add(new Finding(call, hazardOf(call, fix), null, Range.TOP, "test", fix));
        }
        return super.visitMethodInvocation(call, unused);
      }

      @Override
      public Void visitBinary(BinaryTree node, Void unused) {
        if (node.getKind() == Tree.Kind.DIVIDE && !(node.getRightOperand() instanceof LiteralTree)) {
          out.add(new Finding(node, Hazard.DIV, null, Range.TOP, "test",
              new Fix(node.getRightOperand(), "divisor", List.of(node.getRightOperand()))));
        }
        return super.visitBinary(node, unused);
      }
    }.scan(method.getBody(), null);
    return out;
  }

  private static Hazard hazardOf(MethodInvocationTree call, Fix fix) {
    String guard = fix.guardMethod();
    if (guard.equals("divisor")) {
      return Hazard.DIV;
    }
    if (guard.equals("pow")) {
      return Hazard.POW;
    }
    return guard.equals(name(call)) ? OpCatalog.byName(guard).hazard() : Hazard.STABILITY;
  }

  /** The fix for one call, or null: stability patterns first, then the plain guards. */
  private static Fix fixFor(MethodInvocationTree call) {
    String name = name(call);
    ExpressionTree receiver = receiver(call);
    List<? extends ExpressionTree> args = call.getArguments();
    boolean onMath = receiver != null && receiver.toString().equals("Math");
    if (name.equals("log")) {
      ExpressionTree x = onMath ? args.get(0) : receiver;
      if (x instanceof BinaryTree sum && sum.getKind() == Tree.Kind.PLUS && sum.getLeftOperand().toString().equals("1")) {
        return new Fix(call, "log1p", List.of(sum.getRightOperand()));
      }
      if (x instanceof MethodInvocationTree inner && !onMath) {
        ExpressionTree innerReceiver = receiver(inner);
        switch (name(inner)) {
          case "sum" -> {
            if (innerReceiver instanceof MethodInvocationTree e && name(e).equals("exp") && inner.getArguments().size() == 1) {
              return new Fix(call, "logSumExp", List.of(receiver(e), inner.getArguments().get(0)));
            }
          }
          case "softmax" -> {
            return new Fix(call, "logSoftmax", List.of(innerReceiver, inner.getArguments().get(0)));
          }
          case "sigmoid" -> {
            return new Fix(call, "logSigmoid", List.of(innerReceiver));
          }
          default -> { }
        }
      }
    }
    if (name.equals("div") && !onMath && args.size() == 1) {
      if (receiver instanceof MethodInvocationTree e && name(e).equals("exp")
          && args.get(0) instanceof MethodInvocationTree s && name(s).equals("sum")
          && receiver(s) instanceof MethodInvocationTree e2 && name(e2).equals("exp")
          && receiver(e2).toString().equals(receiver(e).toString()) && s.getArguments().size() == 1) {
        return new Fix(call, "softmax", List.of(receiver(e), s.getArguments().get(0)));
      }
      return args.get(0) instanceof LiteralTree ? null : new Fix(args.get(0), "divisor", List.of(args.get(0)));
    }
    if (name.equals("pow")) {
      return onMath ? new Fix(call, "pow", List.of(args.get(0), args.get(1)))
          : receiver == null ? null : new Fix(call, "pow", List.of(receiver, args.get(0)));
    }
    if (!GUARDED_CALLS.contains(name)) {
      return null;
    }
    if (onMath || (receiver == null && args.size() == 1)) {
      return new Fix(call, name, List.of(args.get(0)));
    }
    return receiver != null && args.isEmpty() ? new Fix(call, name, List.of(receiver)) : null;
  }

  private static String name(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    return select instanceof MemberSelectTree m ? m.getIdentifier().toString() : select.toString();
  }

  private static ExpressionTree receiver(MethodInvocationTree call) {
    return call.getMethodSelect() instanceof MemberSelectTree m ? m.getExpression() : null;
  }
}
