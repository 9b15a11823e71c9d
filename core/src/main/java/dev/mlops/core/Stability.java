package dev.mlops.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How stable a public type or method is, for the teams that build on it (plugins above all). Modelled on JUnit's
 * {@code @API(status = ...)}: a reader sees the promise in the javadoc, a tool can read it at run time.
 *
 * <pre>{@code
 * @Stability(Stability.Level.STABLE)
 * public interface Transform { ... }
 * }</pre>
 *
 * <p>Stability: stable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Stability {
  /** The promise. */
  Level value();

  /** Since which release the promise holds, for example {@code "0.1"}. */
  String since() default "0.1";

  /** The levels, from most to least stable. */
  enum Level {
    /** Changes only compatibly within a major release; deprecated one minor release before removal. */
    STABLE,
    /** May change in a minor release, with a note in the release notes. */
    EXPERIMENTAL,
    /** Implementation detail that is public for technical reasons; may change at any time. */
    INTERNAL
  }
}
