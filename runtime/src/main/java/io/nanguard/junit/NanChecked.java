package io.nanguard.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test (every test of the class, or the annotated test method) under an
 * {@link io.nanguard.check.Anomaly} scope that collects everything, and fails the test with the
 * report if anything was found: an error or a warning. The test body runs on the thread that
 * opened the scope, so ops on other threads the test starts are not checked.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NanCheckedExtension.class)
public @interface NanChecked {}
