package io.nanguard.demo.bench;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Wraps a processor and adds up the CPU time spent inside its {@code init} and {@code process}
 * calls, and inside the javac task listeners it registers (NaNGuard's scan mode runs from one when
 * processing is over): the part of a compilation that is the processor's own code (and the javac
 * services it calls, such as the Filer or an attribution it asks for), as opposed to what javac
 * does around it. A listener's time is measured between two clock listeners registered just
 * before and just after the processor's {@code init}, which javac calls in that order for every
 * event. The clocks tick only at the end of annotation processing, the one event NaNGuard listens
 * to, and remove themselves after it: a clock read at every parse, enter, analyze and generate
 * event costs CPU time of its own, and while any listener is registered javac also attributes the
 * classes it would otherwise skip ({@code -implicit:none}), which javac alone, the baseline, does
 * not.
 */
final class TimedProcessor implements Processor {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Processor delegate;
  private long nanos;

  TimedProcessor(Processor delegate) {
    this.delegate = delegate;
  }

  /** CPU time spent inside the wrapped processor so far. */
  long cpuMillis() {
    return nanos / 1_000_000;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public void init(ProcessingEnvironment env) {
    JavacTask task = javacTask(env);
    long[] eventStart = {0};
    TaskListener before = clock(() -> eventStart[0] = THREADS.getCurrentThreadCpuTime(), null, null);
    if (task != null) {
      task.addTaskListener(before);
    }
    long t0 = THREADS.getCurrentThreadCpuTime();
    delegate.init(env);
    nanos += THREADS.getCurrentThreadCpuTime() - t0;
    if (task != null) {
      task.addTaskListener(clock(() -> nanos += THREADS.getCurrentThreadCpuTime() - eventStart[0], task, before));
    }
  }

  private static JavacTask javacTask(ProcessingEnvironment env) {
    try {
      return JavacTask.instance(env);
    } catch (IllegalArgumentException e) {
      return null; // not javac: only init and process are timed
    }
  }

  /**
   * A listener that runs {@code tick} at the start and at the end of annotation processing; given
   * a {@code task}, the last listener, it then removes itself and {@code first} from it.
   */
  private static TaskListener clock(Runnable tick, JavacTask task, TaskListener first) {
    return new TaskListener() {
      @Override
      public void started(TaskEvent e) {
        if (e.getKind() == TaskEvent.Kind.ANNOTATION_PROCESSING) {
          tick.run();
        }
      }

      @Override
      public void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.ANNOTATION_PROCESSING) {
          return;
        }
        tick.run();
        if (task != null) {
          task.removeTaskListener(first);
          task.removeTaskListener(this);
        }
      }
    };
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    try {
      return delegate.process(annotations, round);
    } finally {
      nanos += THREADS.getCurrentThreadCpuTime() - t0;
    }
  }

  @Override
  public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
      ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }
}
