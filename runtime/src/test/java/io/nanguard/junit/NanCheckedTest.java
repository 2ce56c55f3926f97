package io.nanguard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.nanguard.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code @NanChecked} verified by running example test classes through the JUnit Platform test
 * kit: a test with a NaN road fails with the report, a safe test passes. The example classes are
 * static nested classes, which Surefire does not run on its own.
 */
class NanCheckedTest {

  /** Class-level annotation: every test is checked. */
  @NanChecked
  static class CheckedClass {
    @Test
    void sqrtAtZeroWithAGradient() {
      Tensor x = Tensor.of(0.0, 4.0).requiresGrad(true);
      x.sqrt().sum().backward();
    }

    @Test
    void safeSqrt() {
      Tensor x = Tensor.of(0.0, 4.0).requiresGrad(true);
      x.add(1e-8).sqrt().sum().backward();
    }
  }

  /** Method-level annotation: only that method is checked. */
  static class CheckedMethod {
    @Test
    @NanChecked
    void logOfZero() {
      Tensor.of(0.0).log();
    }

    @Test
    void uncheckedLogOfZero() {
      Tensor.of(0.0).log();
    }
  }

  private static Events run(Class<?> type) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(type)).execute().testEvents();
  }

  private static String failureMessage(Events events) {
    List<Event> failed = events.failed().list();
    assertEquals(1, failed.size());
    return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
  }

  @Test
  void aFailingCaseFailsWithTheReportAndASafeCasePasses() {
    Events events = run(CheckedClass.class);
    events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    String message = failureMessage(events);
    assertTrue(message.contains("NanCheckedTest.java:"), message);
    assertTrue(message.contains("warning: [nanguard:sqrt] sqrt input is 0.0 at [0] while a gradient flows"), message);
    assertTrue(message.contains("error: [nanguard:sqrt] backward of sqrt produced Infinity"), message);
    assertTrue(events.failed().list().get(0).getTestDescriptor().getDisplayName().startsWith("sqrtAtZero"));
  }

  @Test
  void methodLevelAnnotationChecksOnlyThatMethod() {
    Events events = run(CheckedMethod.class);
    events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertTrue(failureMessage(events).contains("error: [nanguard:log] log produced -Infinity at [0]"));
    assertTrue(events.failed().list().get(0).getTestDescriptor().getDisplayName().startsWith("logOfZero"));
  }
}
