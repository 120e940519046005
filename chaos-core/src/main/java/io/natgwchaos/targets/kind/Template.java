package io.natgwchaos.targets.kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text template from module kind-configs: {@code {{name}}} inserts a value, {@code {{#name}}…{{/name}}}
 * includes its body when the value is {@code true} or repeats it for each map of a list (the map's
 * entries shadow the outer values). A section tag alone on its line takes the line with it. A value the
 * template needs but was not given is an error, never an empty string.
 */
public final class Template {
  static final String RESOURCE_ROOT = "natgw-chaos/kind/";
  private static final Pattern STANDALONE_TAG = Pattern.compile("(?m)^[ \\t]*(\\{\\{[#/][\\w.-]+}})[ \\t]*\\r?\\n");
  private static final Pattern TAG = Pattern.compile("\\{\\{([#/]?)([\\w.-]+)}}");

  private final String name;
  private final String text;

  public Template(String name, String text) {
    this.name = name;
    this.text = STANDALONE_TAG.matcher(text).replaceAll("$1");
  }

  /** A template of kind-configs, e.g. {@code kind-cluster.yaml.tmpl}. */
  public static Template load(String fileName) {
    return new Template(fileName, KindConfigs.read(fileName));
  }

  public String render(Map<String, ?> values) {
    return render(text, values);
  }

  private String render(String body, Map<String, ?> scope) {
    StringBuilder out = new StringBuilder();
    Matcher tag = TAG.matcher(body);
    int position = 0;
    while (tag.find(position)) {
      out.append(body, position, tag.start());
      String kind = tag.group(1);
      String key = tag.group(2);
      if (kind.equals("/")) {
        throw new IllegalArgumentException("template " + name + ": {{/" + key + "}} without {{#" + key + "}}");
      }
      if (kind.isEmpty()) {
        out.append(value(scope, key));
        position = tag.end();
        continue;
      }
      int close = findClose(body, key, tag.end());
      String section = body.substring(tag.end(), close);
      Object value = scope.get(key);
      if (value instanceof Boolean flag) {
        if (flag) {
          out.append(render(section, scope));
        }
      } else if (value instanceof List<?> items) {
        for (Object item : items) {
          if (!(item instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("template " + name + ": items of {{#" + key + "}} must be maps");
          }
          Map<String, Object> inner = new HashMap<>(scope);
          entries.forEach((k, v) -> inner.put(k.toString(), v));
          out.append(render(section, inner));
        }
      } else {
        throw new IllegalArgumentException("template " + name + ": section {{#" + key
            + "}} needs a boolean or a list, got " + (value == null ? "no value" : value.getClass().getSimpleName()));
      }
      position = close + ("{{/" + key + "}}").length();
    }
    out.append(body.substring(position));
    return out.toString();
  }

  private Object value(Map<String, ?> scope, String key) {
    Object value = scope.get(key);
    if (value == null) {
      throw new IllegalArgumentException("template " + name + ": no value for {{" + key + "}}");
    }
    return value;
  }

  private int findClose(String body, String key, int from) {
    String open = "{{#" + key + "}}";
    String close = "{{/" + key + "}}";
    int depth = 1;
    int position = from;
    while (true) {
      int nextClose = body.indexOf(close, position);
      if (nextClose < 0) {
        throw new IllegalArgumentException("template " + name + ": {{#" + key + "}} is never closed");
      }
      int nextOpen = body.indexOf(open, position);
      if (nextOpen >= 0 && nextOpen < nextClose) {
        depth++;
        position = nextOpen + open.length();
      } else if (--depth == 0) {
        return nextClose;
      } else {
        position = nextClose + close.length();
      }
    }
  }

  /** Reads resources of module kind-configs. */
  static final class KindConfigs {
    private KindConfigs() {}

    static String read(String fileName) {
      String resource = RESOURCE_ROOT + fileName;
      try (InputStream in = Template.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("resource " + resource
              + " is missing: module kind-configs must be on the classpath");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read resource " + resource, e);
      }
    }
  }
}
