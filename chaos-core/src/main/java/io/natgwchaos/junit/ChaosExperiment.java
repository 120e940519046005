package io.natgwchaos.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A chaos experiment: runs once per Kube-OVN version of the selected target ({@code -Dchaos.target}, default
 * {@code twin}; {@code -Dkubeovn.version}, or on the twin every version profile), with an
 * {@link io.natgwchaos.experiment.Experiment} and the {@link io.natgwchaos.targets.ChaosTarget} injected as
 * parameters. Every experiment run inside is judged by the verdict policy ({@link KnownIssue}); diagnostics of
 * failures and known-issue reproductions go to {@code target/chaos-runs/}. Tagged {@code chaos}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(ChaosExtension.class)
@Tag("chaos")
public @interface ChaosExperiment {}
