package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import io.nanguard.ops.Failure;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.Range;

/**
 * One op the range analysis could not prove safe: what the diagnostics report and what the
 * rewriter replaces.
 *
 * @param op the op's own tree (where the warning is placed, line and column)
 * @param hazard the kind, as in {@code [nanguard:sqrt]}
 * @param failure whether the value or only the gradient may fail; null for stability findings
 * @param range the range found for the op's hazard input (TOP when nothing is known)
 * @param message the diagnostic text after the {@code [nanguard:KIND]} prefix
 * @param fix the rewrite the generated code applies
 */
public record Finding(Tree op, Hazard hazard, Failure failure, Range range, String message, Fix fix) {}
