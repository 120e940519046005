package io.natgwchaos.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An upstream bug this experiment is expected to hit, by the id the checker's signatures use
 * ({@code kubeovn/kube-ovn#5114}). On an affected version, violations that all carry declared known issues make
 * the verdict "known issue reproduced" (the test passes and is reported as such). With {@code mustReproduce},
 * not reproducing it on an affected version fails the experiment on the twin (the checker lost its teeth) and is
 * reported on kind and existing clusters. Repeatable; on the method or the class.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(KnownIssue.List.class)
public @interface KnownIssue {
  /** The issue id as the signatures report it, e.g. {@code kubeovn/kube-ovn#5114}. */
  String value();

  /**
   * Affected versions: exact ({@code v1.13.4}, a leading {@code v} optional) or prefixes ending in {@code *}
   * ({@code v1.13.*}). Empty: every version except the twin profile {@code fixed}, which has every known bug off.
   */
  String[] versions() default {};

  /** Whether an affected run must reproduce it. */
  boolean mustReproduce() default true;

  @Target({ElementType.METHOD, ElementType.TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @Inherited
  @interface List {
    KnownIssue[] value();
  }
}
