package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A lister: reads the informer's cache, which trails the API server. Handlers read it before taking
 * their key lock, exactly as upstream does; the objects returned are shared and must not be mutated.
 */
final class Cache<T extends HasMetadata> {
  private final SharedIndexInformer<T> informer;
  private final String namespace;

  Cache(SharedIndexInformer<T> informer, String namespace) {
    this.informer = informer;
    this.namespace = namespace;
  }

  /** The cached object, or null. */
  T get(String name) {
    String key = namespace == null ? name : namespace + "/" + name;
    return informer.getIndexer().getByKey(key);
  }

  List<T> list() {
    return informer.getIndexer().list();
  }

  List<T> list(Predicate<T> filter) {
    return informer.getIndexer().list().stream().filter(filter).toList();
  }

  /** Objects whose labels include every given label. */
  List<T> withLabels(Map<String, String> selector) {
    return list(o -> {
      Map<String, String> labels = o.getMetadata().getLabels();
      if (labels == null) {
        return selector.isEmpty();
      }
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    });
  }

  SharedIndexInformer<T> informer() {
    return informer;
  }
}
