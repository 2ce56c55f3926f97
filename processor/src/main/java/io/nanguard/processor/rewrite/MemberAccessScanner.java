package io.nanguard.processor.rewrite;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Walks a guarded method body for what changes meaning when the body moves into the generated
 * subclass, a separate top-level class in the same package: simple type names (their imports
 * stay behind), static members reached by static import or from an enclosing class (not
 * inherited), and members the subclass cannot reach at all (private ones, {@code super} calls,
 * protected members of another package reached through another object), which are problems.
 */
final class MemberAccessScanner extends TreePathScanner<Void, Void> {

  private final Resolution resolution;
  private final Types types;
  private final SourcePositions positions;
  private final CompilationUnitTree unit;
  private final TypeElement original;
  private final List<Replacement> replacements = new ArrayList<>();
  private final Set<String> problems = new LinkedHashSet<>();

  MemberAccessScanner(Resolution resolution, Types types, SourcePositions positions, CompilationUnitTree unit,
      TypeElement original) {
    this.resolution = resolution;
    this.types = types;
    this.positions = positions;
    this.unit = unit;
    this.original = original;
  }

  List<Replacement> replacements() {
    return replacements;
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    String name = node.getName().toString();
    Element el = resolution.element(getCurrentPath());
    if (el == null || name.equals("this") || name.equals("super")) {
      return null;
    }
    if (el instanceof TypeElement type) {
      checkVisible(type);
      if (type.getNestingKind() == NestingKind.TOP_LEVEL || type.getNestingKind() == NestingKind.MEMBER) {
        add(new Replacement.TypeName(start(node), end(node), ClassName.get(type)));
      }
    } else if (isMember(el)) {
      checkVisible(el);
      if (el.getModifiers().contains(Modifier.STATIC) && notInherited(el) && !isCaseLabel()) {
        add(new Replacement.StaticMember(start(node), end(node), ClassName.get((TypeElement) el.getEnclosingElement()), name));
      }
    }
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree node, Void unused) {
    ExpressionTree qualifier = node.getExpression();
    if (qualifier instanceof IdentifierTree id && id.getName().contentEquals("super")) {
      problems.add("it uses super." + node.getIdentifier() + ", which in the generated subclass would mean "
          + original.getSimpleName() + "." + node.getIdentifier() + " instead; move that call into a"
          + " helper method that is not guarded");
    }
    Element el = resolution.element(getCurrentPath());
    if (el != null && isMember(el)) {
      checkVisible(el);
      checkProtected(el, qualifier);
    }
    return super.visitMemberSelect(node, unused);
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    Element ctor = resolution.element(getCurrentPath());
    if (ctor != null && node.getClassBody() == null) {
      checkVisible(ctor);
    }
    return super.visitNewClass(node, unused);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree node, Void unused) {
    Element el = resolution.element(getCurrentPath());
    if (el != null) {
      checkVisible(el);
    }
    return super.visitMemberReference(node, unused);
  }

  private void add(Replacement r) {
    if (r.start >= 0 && r.end > r.start) {
      replacements.add(r);
    }
  }

  private int start(Tree t) {
    return (int) positions.getStartPosition(unit, t);
  }

  private int end(Tree t) {
    return (int) positions.getEndPosition(unit, t);
  }

  private static boolean isMember(Element el) {
    ElementKind k = el.getKind();
    boolean memberKind = k == ElementKind.FIELD || k == ElementKind.METHOD || k == ElementKind.ENUM_CONSTANT
        || k == ElementKind.CONSTRUCTOR;
    return memberKind && el.getEnclosingElement() instanceof TypeElement owner && !isLocal(owner);
  }

  private static boolean isLocal(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return true;
      }
    }
    return false;
  }

  /** Private members of this file's classes are invisible to the generated top-level class. */
  private void checkVisible(Element el) {
    if (!el.getModifiers().contains(Modifier.PRIVATE) || (el instanceof TypeElement t && isLocal(t))) {
      return;
    }
    Element owner = el instanceof TypeElement ? el : el.getEnclosingElement();
    if (owner instanceof TypeElement t && isLocal(t)) {
      return;
    }
    problems.add("it uses private " + describe(el) + ", which the generated subclass cannot see;"
        + " make it package-private or protected");
  }

  /** A protected member of another package is reachable from a subclass only through that subclass. */
  private void checkProtected(Element el, ExpressionTree qualifier) {
    if (!el.getModifiers().contains(Modifier.PROTECTED) || el.getModifiers().contains(Modifier.STATIC)) {
      return;
    }
    if (packageOf(el).equals(packageOf(original))) {
      return;
    }
    boolean throughThis = qualifier instanceof IdentifierTree id
        && (id.getName().contentEquals("this") || id.getName().contentEquals("super"));
    if (!throughThis) {
      problems.add("it uses protected " + describe(el) + " of another package through an object other"
          + " than this, which the generated subclass may not do; make it public or call it on this");
    }
  }

  /** Static members of supertypes are inherited, except static methods of interfaces. */
  private boolean notInherited(Element el) {
    TypeElement owner = (TypeElement) el.getEnclosingElement();
    boolean supertype = types.isSubtype(types.erasure(original.asType()), types.erasure(owner.asType()));
    boolean interfaceMethod = owner.getKind().isInterface() && el.getKind() == ElementKind.METHOD;
    return !supertype || interfaceMethod;
  }

  /** Enum constants in case labels must stay unqualified (a qualified label needs Java 21). */
  private boolean isCaseLabel() {
    return isCaseLabel(getCurrentPath().getParentPath().getLeaf());
  }

  /**
   * Whether a name whose parent tree is {@code parent} is a case label. From JDK 21 on, javac
   * wraps the label in a CONSTANT_CASE_LABEL tree, a kind JDK 17's API lacks.
   */
  static boolean isCaseLabel(Tree parent) {
    return parent instanceof CaseTree || parent.getKind().name().equals("CONSTANT_CASE_LABEL");
  }

  private static String describe(Element el) {
    String kind = switch (el.getKind()) {
      case METHOD -> "method";
      case CONSTRUCTOR -> "constructor of";
      case FIELD, ENUM_CONSTANT -> "field";
      default -> "type";
    };
    Element owner = el.getEnclosingElement();
    String name = el.getKind() == ElementKind.CONSTRUCTOR ? owner.getSimpleName().toString() : el.getSimpleName().toString();
    return kind + " '" + name + "'" + (el.getKind() == ElementKind.CONSTRUCTOR || !(owner instanceof TypeElement)
        ? "" : " of " + owner.getSimpleName());
  }

  private static String packageOf(Element el) {
    Element e = el;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }
}
