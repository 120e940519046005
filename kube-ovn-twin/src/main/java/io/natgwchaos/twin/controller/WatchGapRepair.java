package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Not upstream behaviour, a repair of the mock API server. A real API server delivers every change to a watch
 * that resumes from a resourceVersion; fabric8's mock server only sends what happens after the watch's websocket
 * is open, so an object created or changed between an informer's list (or a watch reconnect) and that moment
 * never reaches the cache, and the modelled controller would wait forever for an event a real cluster sends.
 *
 * <p>Each pass compares the API with the informer caches. An object the cache lacks, or holds at an older
 * resourceVersion, in two passes in a row at the same resourceVersion (once, for the first pass after the
 * informers started) gets a no-op annotation: the event of that write carries its current state to the cache, as
 * the missed event would have. Nothing else is touched, so the controller's own logic decides what happens next.
 */
final class WatchGapRepair {
  /** Annotation written on an object whose event the mock server lost; its value is the object's resourceVersion. */
  static final String ANNOTATION = "natgw-chaos.io/twin-watch-gap";

  /** One watched kind: how to list it from the API, its cache, and how to edit one object. */
  record Watched<T extends HasMetadata>(String kind, Supplier<List<T>> api, Cache<T> cache,
      Function<String, Resource<T>> object) {}

  private final List<Watched<?>> watched;
  private final Consumer<String> log;
  private Set<String> suspects = new HashSet<>();

  WatchGapRepair(List<Watched<?>> watched, Consumer<String> log) {
    this.watched = List.copyOf(watched);
    this.log = log;
  }

  /**
   * Re-announces what the caches missed.
   *
   * @param firstPass right after the informers started: whatever the cache lacks now fell into the list-to-watch
   *     gap, so it is re-announced without waiting for a second pass
   * @return how many objects were re-announced
   */
  int pass(boolean firstPass) {
    Set<String> seen = new HashSet<>();
    int announced = 0;
    for (Watched<?> kind : watched) {
      announced += pass(kind, firstPass, seen);
    }
    suspects = seen;
    return announced;
  }

  private <T extends HasMetadata> int pass(Watched<T> kind, boolean firstPass, Set<String> seen) {
    int announced = 0;
    for (T current : kind.api().get()) {
      String name = current.getMetadata().getName();
      T cached = kind.cache().get(name);
      boolean missing = cached == null || !cached.getMetadata().getUid().equals(current.getMetadata().getUid());
      if (!missing && !olderThan(cached, current)) {
        continue;
      }
      String suspect = kind.kind() + "/" + name + "@" + current.getMetadata().getResourceVersion();
      if (!firstPass && !suspects.contains(suspect)) {
        seen.add(suspect);
        continue;
      }
      try {
        kind.object().apply(name).edit(o -> {
          Map<String, String> annotations = new HashMap<>(
              o.getMetadata().getAnnotations() == null ? Map.of() : o.getMetadata().getAnnotations());
          annotations.put(ANNOTATION, current.getMetadata().getResourceVersion());
          o.getMetadata().setAnnotations(annotations);
          return o;
        });
        announced++;
        log.accept("watch gap: " + kind.kind() + " " + name + " " + (missing ? "missing from" : "stale in")
            + " the cache, re-announced");
      } catch (KubernetesClientException e) {
        // gone or changed meanwhile: then its own event is on the way
      }
    }
    return announced;
  }

  private static boolean olderThan(HasMetadata cached, HasMetadata current) {
    try {
      return Long.parseLong(cached.getMetadata().getResourceVersion())
          < Long.parseLong(current.getMetadata().getResourceVersion());
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }
}
