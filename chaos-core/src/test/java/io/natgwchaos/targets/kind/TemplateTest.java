package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void insertsValuesAndRendersSectionsWithoutLeavingTheirLines() {
    Template template = new Template("t", """
        a: {{a}}
        {{#on}}
        on: yes
        {{/on}}
        {{#off}}
        off: yes
        {{/off}}
        items:
        {{#items}}
          - {{name}} of {{a}}
        {{/items}}
        end
        """);

    String text = template.render(Map.of("a", "x", "on", true, "off", false,
        "items", List.of(Map.of("name", "one"), Map.of("name", "two"))));

    assertThat(text).isEqualTo("""
        a: x
        on: yes
        items:
          - one of x
          - two of x
        end
        """);
  }

  @Test
  void aMissingValueOrUnclosedSectionIsAnErrorNamingTheTemplate() {
    assertThatThrownBy(() -> new Template("kind.tmpl", "x: {{missing}}").render(Map.of()))
        .hasMessage("template kind.tmpl: no value for {{missing}}");
    assertThatThrownBy(() -> new Template("kind.tmpl", "{{#s}}x").render(Map.of("s", true)))
        .hasMessage("template kind.tmpl: {{#s}} is never closed");
  }
}
