package io.nanguard.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import io.nanguard.processor.analysis.MemberIndex;
import io.nanguard.processor.diagnostics.Diagnostics;
import io.nanguard.processor.rewrite.BodyRewriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Writes {@code Guarded<Name>} for one type holding guarded methods: in the same package,
 * {@code @Generated}, extending the class (or implementing the interface), one constructor per
 * non-private constructor of the original, and an override of each guarded method whose body is
 * the original's with the unsafe ops rewritten ({@link BodyRewriter}). Static guarded methods
 * become static methods of the generated class.
 *
 * <p>A nested type {@code Outer.Inner} gets the top-level {@code GuardedOuter_Inner}. The
 * generated class is abstract exactly when the original is an abstract class, or an interface
 * that still has abstract methods besides the guarded ones.
 *
 * <p>Anything that would make the generated code fail to compile (a final class, a private
 * member used by a guarded body, ...) is reported as an error on the offending element, and no
 * file is generated for that type: never uncompilable generated code.
 */
public final class GuardedTypeGenerator {

  /** The processor named in {@code @Generated}. */
  public static final String PROCESSOR = "io.nanguard.processor.NanGuardProcessor";

  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** The guard class the class comment names: the one library's whose ops were rewritten, else NaNGuard's own. */
  private static ClassName guardClassOf(List<GuardedMethod> methods) {
    Set<String> used = methods.stream().flatMap(m -> m.findings().stream())
        .map(f -> f.fix().guardClass()).collect(Collectors.toSet());
    return used.size() == 1 ? ClassName.bestGuess(used.iterator().next()) : IntroducedNames.GUARD;
  }
  private static final Set<Modifier> NOT_COPIED = EnumSet.of(Modifier.ABSTRACT, Modifier.DEFAULT, Modifier.NATIVE);

  private final Diagnostics diagnostics;
  private final Elements elements;
  private final SourceVersion sourceVersion;
  private final BodyRewriter rewriter;
  /** Whether {@code @Generated} is readable from the unnamed module; null until asked. */
  private Boolean generatedInUnnamed;

  /** A generator reporting through {@code env}'s Messager, reading trees through javac's Trees. */
  public GuardedTypeGenerator(ProcessingEnvironment env) {
    this(env, Trees.instance(env));
  }

  /** A generator using the given Trees (an unwrapped one, when a build tool wraps the environment). */
  public GuardedTypeGenerator(ProcessingEnvironment env, Trees trees) {
    this.diagnostics = new Diagnostics(env.getMessager(), null);
    this.elements = env.getElementUtils();
    this.sourceVersion = env.getSourceVersion();
    this.rewriter = new BodyRewriter(trees, elements, env.getTypeUtils());
  }

  /** The generated class's name: {@code Guarded} + the simple names from the outermost type, joined by {@code _}. */
  public static ClassName guardedName(TypeElement type) {
    ClassName original = ClassName.get(type);
    return ClassName.get(original.packageName(), "Guarded" + String.join("_", original.simpleNames()));
  }

  /**
   * The generated file for {@code type}, or empty after reporting errors through the Messager
   * when it cannot be generated. {@code methods} must all be declared in {@code type}.
   */
  public Optional<GuardedType> generate(TypeElement type, List<GuardedMethod> methods) {
    return generate(type, methods, new MemberIndex(elements));
  }

  /** As {@link #generate(TypeElement, List)}, with the processing round's member index. */
  public Optional<GuardedType> generate(TypeElement type, List<GuardedMethod> methods, MemberIndex members) {
    List<String> typeProblems = TypeChecks.problems(type);
    if (!typeProblems.isEmpty()) {
      typeProblems.forEach(p -> error(type, "cannot generate " + guardedName(type).simpleName() + ": " + p));
      return Optional.empty();
    }
    IntroducedNames introduced = IntroducedNames.of(type, methods, members, elements);
    if (!introduced.problems().isEmpty()) {
      introduced.problems().forEach(p -> error(type, "cannot generate " + guardedName(type).simpleName() + ": " + p));
      return Optional.empty();
    }
    List<MethodSpec> overrides = new ArrayList<>();
    Set<Tree> left = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean ok = true;
    for (GuardedMethod m : methods) {
      Optional<MethodSpec> spec = override(type, m, members, left);
      ok &= spec.isPresent();
      spec.ifPresent(overrides::add);
    }
    if (!ok) {
      return Optional.empty();
    }
    ClassName name = guardedName(type);
    TypeSpec.Builder b = TypeSpec.classBuilder(name)
        .addOriginatingElement(type)
        .alwaysQualify(introduced.qualified().toArray(String[]::new))
        .avoidClashesWithNestedClasses(type);
    if (generatedAvailable(type)) {
      b.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
    }
    b
        .addJavadoc("Epsilon-safe version of {@link $T}, generated by NaNGuard: each op of its guarded methods\n"
            + "that the analysis could not prove safe calls {@link $T}, tagged with its original source line.\n",
            ClassName.get(type), guardClassOf(methods));
    if (type.getModifiers().contains(Modifier.PUBLIC)) {
      b.addModifiers(Modifier.PUBLIC);
    }
    if (TypeChecks.leavesAbstractMethods(type, methods, elements)) {
      b.addModifiers(Modifier.ABSTRACT);
    }
    List<TypeVariableName> typeVars = type.getTypeParameters().stream().map(TypeVariableName::get).toList();
    b.addTypeVariables(typeVars);
    TypeName supertype = typeVars.isEmpty()
        ? ClassName.get(type)
        : ParameterizedTypeName.get(ClassName.get(type), typeVars.toArray(TypeName[]::new));
    if (type.getKind().isInterface()) {
      b.addSuperinterface(supertype);
    } else {
      b.superclass(supertype);
      for (ExecutableElement ctor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
        if (!ctor.getModifiers().contains(Modifier.PRIVATE)) {
          b.addMethod(constructor(ctor));
        }
      }
    }
    b.addMethods(overrides);
    return Optional.of(new GuardedType(JavaFile.builder(name.packageName(), b.build())
        .addFileComment("Generated by NaNGuard from $L. Do not edit: change the original and recompile.",
            ClassName.get(type).canonicalName())
        .indent("  ")
        .skipJavaLangImports(true)
        .build(), left));
  }

  /**
   * Whether {@code @javax.annotation.processing.Generated} can be read where {@code type} is
   * compiled: it is missing under {@code --release 8} and in a named module that does not
   * require {@code java.compiler}; the generated class then carries no such annotation.
   */
  private boolean generatedAvailable(TypeElement type) {
    if (sourceVersion.compareTo(SourceVersion.RELEASE_8) <= 0) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(type);
    if (module == null || module.isUnnamed()) {
      if (generatedInUnnamed == null) { // one unbound lookup, which searches every module, per compilation
        generatedInUnnamed = elements.getTypeElement(GENERATED.canonicalName()) != null;
      }
      return generatedInUnnamed;
    }
    for (ModuleElement.Directive d : module.getDirectives()) {
      if (d instanceof ModuleElement.RequiresDirective r && r.getDependency().getQualifiedName().contentEquals("java.compiler")) {
        return true;
      }
    }
    return false;
  }

  private MethodSpec constructor(ExecutableElement ctor) {
    MethodSpec.Builder c = MethodSpec.constructorBuilder();
    signature(c, ctor);
    c.addStatement("super($L)", ctor.getParameters().stream()
        .map(p -> p.getSimpleName().toString()).collect(Collectors.joining(", ")));
    return c.build();
  }

  /** The override of {@code m}, or empty after reporting why; adds the ops its body leaves as written to {@code left}. */
  private Optional<MethodSpec> override(TypeElement type, GuardedMethod m, MemberIndex members, Set<Tree> left) {
    ExecutableElement el = m.element();
    List<String> problems = new ArrayList<>(TypeChecks.methodProblems(el));
    BodyRewriter.Result body = problems.isEmpty() ? rewriter.rewrite(m, type, members) : null;
    if (body != null) {
      problems.addAll(body.problems());
    }
    if (!problems.isEmpty()) {
      String what = guardedName(type).simpleName() + " cannot override " + el.getSimpleName() + ": ";
      problems.forEach(p -> error(el, what + p));
      return Optional.empty();
    }
    body.notes().forEach(n -> diagnostics.note(guardedName(type).simpleName() + "." + el.getSimpleName() + ": " + n, el));
    left.addAll(body.leftAsWritten());
    MethodSpec.Builder spec = MethodSpec.methodBuilder(el.getSimpleName().toString());
    boolean isStatic = el.getModifiers().contains(Modifier.STATIC);
    if (!isStatic) {
      spec.addAnnotation(Override.class);
    }
    spec.returns(TypeName.get(el.getReturnType()));
    signature(spec, el);
    if (type.getKind().isInterface() && !isStatic) {
      spec.addModifiers(Modifier.PUBLIC);
    }
    return Optional.of(spec.addCode(body.body()).build());
  }

  /** Modifiers, type parameters, parameters and throws, as the original declares them. */
  private static void signature(MethodSpec.Builder spec, ExecutableElement el) {
    for (Modifier mod : el.getModifiers()) {
      if (!NOT_COPIED.contains(mod)) {
        spec.addModifiers(mod);
      }
    }
    for (TypeParameterElement tp : el.getTypeParameters()) {
      spec.addTypeVariable(TypeVariableName.get(tp));
    }
    for (VariableElement p : el.getParameters()) {
      ParameterSpec.Builder param = ParameterSpec.builder(TypeName.get(p.asType()), p.getSimpleName().toString());
      if (p.getModifiers().contains(Modifier.FINAL)) {
        param.addModifiers(Modifier.FINAL);
      }
      spec.addParameter(param.build());
    }
    spec.varargs(el.isVarArgs());
    for (TypeMirror thrown : el.getThrownTypes()) {
      spec.addException(TypeName.get(thrown));
    }
  }

  private void error(Element on, String message) {
    diagnostics.error(message, on);
  }
}
