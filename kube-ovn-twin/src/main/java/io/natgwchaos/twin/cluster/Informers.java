package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Small helpers for the simulator's informers. */
final class Informers {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private Informers() {}

  /** A handler that passes every added, updated or deleted object to {@code changed}. */
  static <T extends HasMetadata> ResourceEventHandler<T> onAnyChange(Consumer<T> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        changed.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        changed.accept(after);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        changed.accept(object);
      }
    };
  }

  /** Starts the informer and waits until its cache holds the current state. */
  static <T> SharedIndexInformer<T> startAndSync(SharedIndexInformer<T> informer) {
    try {
      informer.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return informer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while an informer synced", e);
    } catch (Exception e) {
      throw new IllegalStateException("informer did not sync within " + SYNC_TIMEOUT.toSeconds() + " s", e);
    }
  }

  static String key(HasMetadata object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  static String key(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
