package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a pod fits a node, as the scheduler's filters decide it: node Ready and not cordoned,
 * nodeSelector, required node affinity, taints with effect NoSchedule/NoExecute tolerated. Resources,
 * ports and pod (anti-)affinity are not modelled.
 */
final class NodeFit {
  /** Why a node does not fit, in the words of the scheduler's summary message. */
  enum Misfit {
    NOT_READY("node(s) were not ready"),
    UNSCHEDULABLE("node(s) were unschedulable"),
    SELECTOR("node(s) didn't match Pod's node affinity/selector"),
    TAINT("node(s) had untolerated taint");

    final String text;

    Misfit(String text) {
      this.text = text;
    }
  }

  private NodeFit() {}

  static Optional<Misfit> check(Pod pod, Node node) {
    if (!TwinNodes.isReady(node)) {
      return Optional.of(Misfit.NOT_READY);
    }
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return Optional.of(Misfit.UNSCHEDULABLE);
    }
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null && !selector.entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return Optional.of(Misfit.SELECTOR);
    }
    if (!matchesRequiredAffinity(pod, node, labels)) {
      return Optional.of(Misfit.SELECTOR);
    }
    if (node.getSpec() != null && node.getSpec().getTaints() != null) {
      for (Taint taint : node.getSpec().getTaints()) {
        boolean blocking = "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
        if (blocking && !tolerated(taint, pod.getSpec().getTolerations())) {
          return Optional.of(Misfit.TAINT);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matchesRequiredAffinity(Pod pod, Node node, Map<String, String> labels) {
    if (pod.getSpec().getAffinity() == null || pod.getSpec().getAffinity().getNodeAffinity() == null
        || pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return true;
    }
    List<NodeSelectorTerm> terms = pod.getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    if (terms == null || terms.isEmpty()) {
      return false;
    }
    for (NodeSelectorTerm term : terms) {
      boolean all = true;
      for (NodeSelectorRequirement requirement : nonNull(term.getMatchExpressions())) {
        all &= matches(requirement, labels.get(requirement.getKey()), labels.containsKey(requirement.getKey()));
      }
      for (NodeSelectorRequirement requirement : nonNull(term.getMatchFields())) {
        String value = "metadata.name".equals(requirement.getKey()) ? node.getMetadata().getName() : null;
        all &= matches(requirement, value, value != null);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(NodeSelectorRequirement requirement, String value, boolean present) {
    List<String> values = nonNull(requirement.getValues());
    return switch (requirement.getOperator()) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt" -> present && !values.isEmpty() && parse(value) > parse(values.get(0));
      case "Lt" -> present && !values.isEmpty() && parse(value) < parse(values.get(0));
      default -> false;
    };
  }

  private static long parse(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private static boolean tolerated(Taint taint, List<Toleration> tolerations) {
    for (Toleration toleration : nonNull(tolerations)) {
      boolean keyMatches = toleration.getKey() == null || toleration.getKey().isEmpty()
          ? "Exists".equals(toleration.getOperator())
          : toleration.getKey().equals(taint.getKey());
      boolean valueMatches = "Exists".equals(toleration.getOperator())
          || java.util.Objects.equals(nullToEmpty(toleration.getValue()), nullToEmpty(taint.getValue()));
      boolean effectMatches = toleration.getEffect() == null || toleration.getEffect().isEmpty()
          || toleration.getEffect().equals(taint.getEffect());
      if (keyMatches && valueMatches && effectMatches) {
        return true;
      }
    }
    return false;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
