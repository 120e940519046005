package io.natgwchaos.targets.kind;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to bring up one Kube-OVN version on kind, resolved from {@code kube-ovn-lines.properties} of module
 * kind-configs: the version line, install.sh and its environment, images, kind node image and version,
 * multus, kind config switches and the helm alternative.
 *
 * @param version the requested version: a release tag ({@code v1.13.4}) or {@code master}
 * @param line the version line ({@code 1.13} … {@code master})
 * @param ref git ref install.sh is fetched at
 * @param imageTag tag of the kube-ovn and vpc-nat-gateway images install.sh deploys
 * @param minimumKindVersion a kind release older than this cannot create the node image, if known
 * @param multusResourceLimits {@code kubectl set resources --limits} value for kube-multus, empty for none
 * @param helmCharts charts published for this line; empty when only the source tree has them
 */
public record KubeOvnInstallProfile(
    String version, String line, String ref, String imageTag,
    URI installScriptUrl, Map<String, String> installScriptEnv,
    String kubeOvnImage, String natGatewayImage,
    String kindNodeImage, String kindVersion, Optional<String> minimumKindVersion,
    int workers, String kubeProxyMode, String podSubnet, String serviceSubnet, boolean admissionPatch,
    String multusVersion, URI multusManifestUrl, String multusImage, String multusResourceLimits,
    URI helmRepository, List<HelmChart> helmCharts) {

  static final String RESOURCE = "kube-ovn-lines.properties";
  private static final Pattern RELEASE = Pattern.compile("v?(\\d+)\\.(\\d+)(\\.\\d+.*)?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  public KubeOvnInstallProfile {
    // insertion order, so plans and logs print the variables as kind-configs lists them
    installScriptEnv = Collections.unmodifiableMap(new LinkedHashMap<>(installScriptEnv));
    helmCharts = List.copyOf(helmCharts);
  }

  /** The version lines kind-configs describes, oldest first. */
  public static List<String> supportedLines() {
    return Arrays.stream(lines().getProperty("lines").split(",")).map(String::strip).toList();
  }

  /**
   * The profile of a version, with {@code overrides} (profile keys such as {@code kindNodeImage},
   * {@code workers}, {@code multusVersion}) taking precedence over kind-configs.
   *
   * @throws IllegalArgumentException naming the supported lines when the version belongs to none
   */
  public static KubeOvnInstallProfile forVersion(String version, Map<String, String> overrides) {
    Properties properties = lines();
    String tag = normalize(version);
    String line = lineOf(tag, properties);
    Lookup lookup = new Lookup(properties, tag, line, overrides);
    Map<String, String> env = new LinkedHashMap<>();
    for (String assignment : lookup.get("installScriptEnv").split("\\s+")) {
      int equals = assignment.indexOf('=');
      env.put(assignment.substring(0, equals), assignment.substring(equals + 1));
    }
    List<HelmChart> charts = new ArrayList<>();
    for (String chart : lookup.get("helmCharts").split(",")) {
      if (!chart.isBlank()) {
        String name = chart.strip();
        charts.add(new HelmChart(name, lookup.helm(name, "natGatewayKey"), lookup.helm(name, "cniPriorityKey"),
            lookup.helm(name, "imageTagKey")));
      }
    }
    return new KubeOvnInstallProfile(tag, line, lookup.get("ref"), lookup.get("imageTag"),
        URI.create(lookup.get("installScriptUrl")), env,
        lookup.get("kubeOvnImage"), lookup.get("natGatewayImage"),
        lookup.get("kindNodeImage"), lookup.get("kindVersion"), lookup.find("minimumKindVersion"),
        lookup.integer("workers"), lookup.get("kubeProxyMode"), lookup.get("podSubnet"),
        lookup.get("serviceSubnet"), Boolean.parseBoolean(lookup.get("admissionPatch")),
        lookup.get("multusVersion"), URI.create(lookup.get("multusManifestUrl")), lookup.get("multusImage"),
        lookup.get("multusResourceLimits"), URI.create(lookup.get("helmRepository")), charts);
  }

  /** The three images a NAT-gateway cluster needs, in load order. */
  public List<String> images() {
    return List.of(kubeOvnImage, natGatewayImage, multusImage);
  }

  public Optional<HelmChart> helmChart(String name) {
    return helmCharts.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** {@code v1.13.4} for {@code 1.13.4} or {@code v1.13.4}; {@code master} stays. */
  static String normalize(String version) {
    String text = version.strip();
    if (text.equalsIgnoreCase("master")) {
      return "master";
    }
    return Character.isDigit(text.charAt(0)) ? "v" + text : text;
  }

  private static String lineOf(String tag, Properties properties) {
    List<String> lines = Arrays.stream(properties.getProperty("lines").split(",")).map(String::strip).toList();
    String line = null;
    if (tag.equals("master")) {
      line = "master";
    } else {
      Matcher release = RELEASE.matcher(tag);
      if (release.matches() && release.group(3) != null) {
        line = release.group(1) + "." + release.group(2);
      }
    }
    if (line == null || !lines.contains(line)) {
      List<String> examples = lines.stream().map(l -> properties.getProperty("line." + l + ".exampleTag")).toList();
      throw new IllegalArgumentException("kubeovn.version '" + tag + "' is not supported by the kind target: "
          + "supported version lines are " + String.join(", ", lines)
          + "; give a release tag of one of them or master, e.g. -Dkubeovn.version="
          + String.join(" | ", examples));
    }
    return line;
  }

  private static Properties lines() {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(Template.KindConfigs.read(RESOURCE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /** Most specific first: override, tag, line, default; then {key} placeholders resolved the same way. */
  private record Lookup(Properties properties, String tag, String line, Map<String, String> overrides) {
    Optional<String> find(String key) {
      String raw = overrides.get(key);
      if (raw == null) {
        raw = properties.getProperty("tag." + tag + "." + key);
      }
      if (raw == null) {
        raw = properties.getProperty("line." + line + "." + key);
      }
      if (raw == null) {
        raw = properties.getProperty("default." + key);
      }
      if (raw == null) {
        raw = switch (key) {
          case "ref", "imageTag" -> tag;
          default -> null;
        };
      }
      if (raw == null || raw.isBlank()) {
        return Optional.empty();
      }
      Matcher placeholder = PLACEHOLDER.matcher(raw.strip());
      return Optional.of(placeholder.replaceAll(m -> Matcher.quoteReplacement(get(m.group(1)))));
    }

    String get(String key) {
      Optional<String> value = find(key);
      if (value.isPresent()) {
        return value.get();
      }
      // an empty value is meaningful for these: "none"
      if (key.equals("multusResourceLimits") || key.equals("helmCharts")) {
        return "";
      }
      throw new IllegalStateException(RESOURCE + " has no value for " + key + " (line " + line + ")");
    }

    int integer(String key) {
      String value = get(key);
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
      }
    }

    String helm(String chart, String key) {
      String value = properties.getProperty("helm." + chart + "." + key);
      if (value == null) {
        throw new IllegalStateException(RESOURCE + " has no helm." + chart + "." + key);
      }
      return value;
    }
  }
}
