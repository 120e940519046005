package io.natgwchaos.report;

import io.natgwchaos.history.RunStarted;
import io.qameta.allure.model.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run-level files of an Allure results directory: {@code environment.properties} (what ran where),
 * {@code executor.json} (which build produced it, with a link back to it in CI) and {@code categories.json}
 * (the four {@link OutcomeCategory outcomes}).
 *
 * <p>Note that allure-maven's {@code report} goal rewrites {@code executor.json} from its own
 * {@code executorInfo} configuration (and copies {@code categories.json} from the test classpath); the reports
 * module configures both to the same content. The files written here are what the plain Allure CLI and Allure 3
 * read.
 *
 * @param entries environment entries in display order, e.g. {@code target -> twin}
 */
public record AllureEnvironment(Map<String, String> entries) {
  public static final String TARGET = "target";
  public static final String KUBE_OVN_VERSION = "Kube-OVN version";
  public static final String KIND_VERSION = "kind version";
  public static final String KUBERNETES_VERSION = "Kubernetes version";
  public static final String SEED = "seed";
  public static final String TIME_SCALE = "twin time scale";

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public AllureEnvironment {
    Map<String, String> copy = new LinkedHashMap<>();
    entries.forEach((key, value) -> {
      if (key != null && value != null && !value.isBlank()) {
        copy.put(key, value);
      }
    });
    entries = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The usual entries; a null value is left out (kind and Kubernetes versions only apply to {@code kind}, the time
   * scale only to {@code twin}).
   */
  public static AllureEnvironment of(String target, String kubeOvnVersion, String kindVersion,
      String kubernetesVersion, Long seed, String timeScale) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(TARGET, target);
    entries.put(KUBE_OVN_VERSION, kubeOvnVersion);
    entries.put(KIND_VERSION, kindVersion);
    entries.put(KUBERNETES_VERSION, kubernetesVersion);
    entries.put(SEED, seed == null ? null : Long.toString(seed));
    entries.put(TIME_SCALE, "twin".equals(target) ? timeScale : null);
    return new AllureEnvironment(entries);
  }

  /** From a history's first entry: target, version, seed and (twin) {@code timeScale} parameter. */
  public static AllureEnvironment of(RunStarted run) {
    return of(run.target(), run.kubeOvnVersion(), run.parameters().get("kindVersion"),
        run.parameters().get("kubernetesVersion"), run.seed(), run.parameters().get("timeScale"));
  }

  /** This environment plus one more entry. */
  public AllureEnvironment with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(entries);
    more.put(key, value);
    return new AllureEnvironment(more);
  }

  /** Writes environment.properties, executor.json and categories.json into {@code resultsDirectory}. */
  public void writeTo(Path resultsDirectory, Map<String, String> ciEnvironment) {
    try {
      Files.createDirectories(resultsDirectory);
      Files.writeString(resultsDirectory.resolve("environment.properties"), properties(), StandardCharsets.UTF_8);
      Files.writeString(resultsDirectory.resolve("executor.json"), executorJson(ciEnvironment),
          StandardCharsets.UTF_8);
      Files.writeString(resultsDirectory.resolve("categories.json"), categoriesJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Allure environment files into " + resultsDirectory, e);
    }
  }

  /** {@code environment.properties}: one entry a line, no timestamp, keys escaped as java.util.Properties reads them. */
  public String properties() {
    StringBuilder out = new StringBuilder();
    entries.forEach((key, value) -> out.append(escape(key, true)).append('=').append(escape(value, false))
        .append('\n'));
    return out.toString();
  }

  /**
   * {@code executor.json}: in GitHub Actions (from its {@code GITHUB_*} variables) the workflow run with its link;
   * elsewhere a local build.
   */
  public static String executorJson(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    Map<String, Object> executor = new LinkedHashMap<>();
    String server = environment.get("GITHUB_SERVER_URL");
    String repository = environment.get("GITHUB_REPOSITORY");
    String runId = environment.get("GITHUB_RUN_ID");
    if (server != null && repository != null && runId != null) {
      String runUrl = server + "/" + repository + "/actions/runs/" + runId;
      executor.put("name", "GitHub Actions");
      executor.put("type", "github");
      executor.put("url", server + "/" + repository);
      executor.put("buildName", environment.getOrDefault("GITHUB_WORKFLOW", "workflow") + " #"
          + environment.getOrDefault("GITHUB_RUN_NUMBER", runId));
      executor.put("buildUrl", runUrl);
      executor.put("reportUrl", runUrl);
      String number = environment.get("GITHUB_RUN_NUMBER");
      if (number != null && number.chars().allMatch(Character::isDigit)) {
        executor.put("buildOrder", Long.parseLong(number));
      }
    } else {
      executor.put("name", "local");
      executor.put("type", "local");
      executor.put("buildName", "natgw-chaos local build");
    }
    executor.put("reportName", "natgw-chaos");
    return JSON.writeValueAsString(executor) + "\n";
  }

  /** {@code categories.json}: the four outcomes, each a status list and a message prefix. */
  public static String categoriesJson() {
    List<Map<String, Object>> categories = new ArrayList<>();
    for (OutcomeCategory category : OutcomeCategory.values()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", category.title());
      json.put("description", category.description());
      json.put("matchedStatuses", category.statuses().stream().map(Status::value).toList());
      json.put("messageRegex", category.messageRegex());
      categories.add(json);
    }
    return JSON.writeValueAsString(categories) + "\n";
  }

  private static String escape(String text, boolean key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '=', ':', '#', '!' -> out.append('\\').append(c);
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
