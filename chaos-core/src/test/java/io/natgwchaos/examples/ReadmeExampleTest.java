package io.natgwchaos.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.junit.ChaosOutcome;
import io.natgwchaos.junit.ChaosOutcomes;
import io.natgwchaos.junit.ExperimentVerdict.Category;
import io.natgwchaos.testing.FakeTarget;
import io.natgwchaos.testing.FakeTargetProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The README's example is this module's {@link FipChurnDuringRescheduleIT}, and it runs. */
class ReadmeExampleTest {
  @TempDir
  Path runs;

  @BeforeEach
  void fakeTarget() {
    System.setProperty("chaos.target", "fake");
    System.setProperty("chaos.runsDir", runs.toString());
    System.setProperty("chaos.topology.pollInterval", "50ms");
    FakeTargetProvider.configure(List.of("v1.13.4"), settings -> FakeTarget.builder()
        .version(settings.kubeOvnVersion().orElseThrow()).build());
  }

  @AfterEach
  void restore() {
    System.clearProperty("chaos.target");
    System.clearProperty("chaos.runsDir");
    System.clearProperty("chaos.topology.pollInterval");
  }

  @Test
  void theReadmeShowsTheExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    Matcher block = Pattern.compile("## Writing an experiment.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("a java block under 'Writing an experiment'").isTrue();
    String source = Files.readString(Path.of("src/test/java/io/natgwchaos/examples/FipChurnDuringRescheduleIT.java"));
    assertThat(block.group(1)).isEqualTo(source.substring(source.indexOf("import ")));
    assertThat(block.group(1).lines().count()).isLessThanOrEqualTo(30);
    // and it is the suite's #5114 experiment, but for its Javadoc
    String suite = Files.readString(Path.of(
        "../experiments/src/test/java/io/natgwchaos/experiments/FipChurnDuringRescheduleIT.java"));
    String withoutJavadoc = suite.substring(suite.indexOf("import ")).replaceAll("(?s)/\\*\\*.*?\\*/\n", "");
    assertThat(block.group(1)).isEqualTo(withoutJavadoc);
  }

  @Test
  void theExampleRunsAndACorrectGatewayDoesNotReproduce5114() {
    int before = ChaosOutcomes.all().size();

    EngineTestKit.engine("junit-jupiter").selectors(selectClass(FipChurnDuringRescheduleIT.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(1));

    List<ChaosOutcome> outcomes = ChaosOutcomes.all().subList(before, ChaosOutcomes.all().size());
    assertThat(outcomes).singleElement().satisfies(o -> {
      // the fake target is not the twin: a declared issue that did not reproduce is reported, not failed
      assertThat(o.verdict().category()).isEqualTo(Category.KNOWN_ISSUE_NOT_REPRODUCED);
      assertThat(o.result().isClean()).isTrue();
      assertThat(o.result().workload().ok()).isGreaterThan(20);
      assertThat(o.result().history().entries(FaultEvent.class).map(FaultEvent::phase))
          .containsExactly(FaultPhase.START, FaultPhase.END);
    });
  }
}
