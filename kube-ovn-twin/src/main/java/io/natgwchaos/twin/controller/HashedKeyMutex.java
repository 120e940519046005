package io.natgwchaos.twin.controller;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * k8s.io/utils keymutex.NewHashed: a fixed number of plain (non-reentrant) mutexes, a key locks bucket
 * FNV-32a(key) mod n. Keys of every kind share the buckets, so unrelated objects can contend.
 */
final class HashedKeyMutex {
  private final Semaphore[] buckets;

  HashedKeyMutex(int size) {
    buckets = new Semaphore[size];
    for (int i = 0; i < size; i++) {
      buckets[i] = new Semaphore(1, true);
    }
  }

  void lock(String key) throws InterruptedException {
    buckets[bucket(key)].acquire();
  }

  void unlock(String key) {
    buckets[bucket(key)].release();
  }

  int bucket(String key) {
    int hash = 0x811c9dc5;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return (int) (Integer.toUnsignedLong(hash) % buckets.length);
  }
}
