package io.natgwchaos.twin.cluster;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Write semantics of a real API server that the mock's CRUD store lacks, applied by rewriting requests
 * before the store sees them:
 * <ul>
 *   <li>JSON merge patch replaces arrays (RFC 7386); the store appends to them, so removing a finalizer
 *       by merge patch would add one. A merge patch is turned into the JSON patch that takes the stored
 *       object to the merged one.</li>
 *   <li>Pods and nodes have status as a subresource: writes to the object itself keep the stored status
 *       (the store only knows this for custom resources whose CRD says so).</li>
 *   <li>A new pod starts with {@code status.phase: Pending}.</li>
 * </ul>
 * Callers must serialise writes: a rewritten patch is computed against the stored object.
 */
final class WriteSemantics {
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";
  /** {@code /api/v1/[namespaces/<ns>/]pods|nodes/<name>[/status]}: built-ins with a status subresource. */
  private static final Pattern BUILTIN_WITH_STATUS =
      Pattern.compile("^/api/v1/(?:namespaces/[^/]+/)?(pods|nodes)/[^/?]+(/status)?(?:\\?.*)?$");
  private static final Pattern POD_COLLECTION = Pattern.compile("^/api/v1/namespaces/[^/]+/pods(?:\\?.*)?$");

  private final TwinCrudDispatcher store;
  private final JsonMapper json = JsonMapper.builder().build();

  private final java.time.Clock clock;

  WriteSemantics(TwinCrudDispatcher store, java.time.Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The request the store should see instead of {@code request} (a write: POST, PUT, PATCH, DELETE). */
  RecordedRequest rewrite(RecordedRequest request) {
    // reading a recorded body consumes it: every path below hands the store a fresh request
    String body = request.getUtf8Body();
    body = body == null ? "" : body;
    HttpMethod method = request.method();
    String path = request.getPath();
    if (method == HttpMethod.POST && POD_COLLECTION.matcher(path).matches()) {
      return withBody(request, null, pendingPod(body));
    }
    Matcher builtin = BUILTIN_WITH_STATUS.matcher(path);
    boolean keepStatus = builtin.matches() && builtin.group(2) == null;
    if (method == HttpMethod.PUT && keepStatus) {
      return withBody(request, null, withStoredStatus(path, body));
    }
    if (method == HttpMethod.PATCH) {
      String type = contentType(request);
      if (type.startsWith(MERGE_PATCH)) {
        return mergeAsJsonPatch(request, body, keepStatus);
      }
      if (type.startsWith(JSON_PATCH) && keepStatus) {
        return withBody(request, null, withoutStatusOps(body));
      }
    }
    return withBody(request, null, body);
  }

  private RecordedRequest mergeAsJsonPatch(RecordedRequest request, String body, boolean keepStatus) {
    JsonNode stored = stored(objectPath(request.getPath()));
    if (stored == null) {
      return withBody(request, null, body); // the store answers 404 itself
    }
    JsonNode patch = json.readTree(body);
    if (keepStatus && patch instanceof ObjectNode object) {
      object.remove("status");
    }
    JsonNode merged = mergePatch(stored.deepCopy(), patch);
    JsonNode operations = JsonDiff.asJson(stored, merged);
    return withBody(request, JSON_PATCH, json.writeValueAsString(operations));
  }

  /** RFC 7386: objects merge member by member, null removes, anything else (arrays too) replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!(patch instanceof ObjectNode patchObject)) {
      return patch;
    }
    ObjectNode result = target instanceof ObjectNode object ? object : JsonMapper.builder().build().createObjectNode();
    for (Map.Entry<String, JsonNode> member : patchObject.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
      }
    }
    return result;
  }

  private String withStoredStatus(String path, String body) {
    JsonNode stored = stored(objectPath(path));
    JsonNode update = json.readTree(body);
    if (stored == null || !(update instanceof ObjectNode object)) {
      return body;
    }
    if (stored.has("status")) {
      object.set("status", stored.get("status"));
    } else {
      object.remove("status");
    }
    return json.writeValueAsString(object);
  }

  private String withoutStatusOps(String body) {
    JsonNode operations = json.readTree(body);
    if (!(operations instanceof ArrayNode array)) {
      return body;
    }
    for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
      String target = it.next().path("path").asString("");
      if (target.equals("/status") || target.startsWith("/status/")) {
        it.remove();
      }
    }
    return json.writeValueAsString(array);
  }

  private String pendingPod(String body) {
    JsonNode pod = json.readTree(body);
    if (!(pod instanceof ObjectNode object)) {
      return body;
    }
    ObjectNode status = json.createObjectNode();
    status.put("phase", "Pending");
    status.put("qosClass", "BestEffort");
    object.set("status", status);
    return json.writeValueAsString(object);
  }

  /**
   * What the store answered, adjusted: a new pod gets its creation time from the twin's clock. The mock
   * stamps the wall clock, but Kube-OVN's redo stamp is a pod's creation time at second resolution, and at
   * the twin's speed two pods of one gateway are often created within the same real second.
   */
  MockResponse afterWrite(RecordedRequest request, MockResponse response) {
    if (request.method() != HttpMethod.POST || response.code() != 201 || response.getBody() == null
        || !POD_COLLECTION.matcher(request.getPath()).matches()) {
      return response;
    }
    JsonNode created = json.readTree(response.getBody().getBytes());
    String namespace = created.path("metadata").path("namespace").asString("");
    String name = created.path("metadata").path("name").asString("");
    if (namespace.isEmpty() || name.isEmpty()) {
      return response;
    }
    String stamp = java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    String patch = "[{\"op\":\"replace\",\"path\":\"/metadata/creationTimestamp\",\"value\":\"" + stamp + "\"}]";
    Headers headers = Headers.builder().add("Content-Type", JSON_PATCH).build();
    MockResponse patched = store.withCreationTimestamp(stamp, () -> store.dispatch(new RecordedRequest("HTTP/1.1",
        HttpMethod.PATCH, "/api/v1/namespaces/" + namespace + "/pods/" + name, headers,
        new Buffer(patch.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    return patched.code() == 200 ? patched.setResponseCode(201) : response;
  }

  private JsonNode stored(String path) {
    MockResponse response = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
        Headers.builder().build(), new Buffer()));
    if (response.code() != 200 || response.getBody() == null) {
      return null;
    }
    return json.readTree(response.getBody().getBytes());
  }

  private static String objectPath(String path) {
    String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return withoutQuery.endsWith("/status") ? withoutQuery.substring(0, withoutQuery.length() - "/status".length())
        : withoutQuery;
  }

  private static String contentType(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return type == null ? "" : type.toLowerCase(Locale.ROOT);
  }

  private static RecordedRequest withBody(RecordedRequest request, String contentType, String body) {
    Headers.Builder headers = request.getHeaders().newBuilder();
    if (contentType != null) {
      headers.set("Content-Type", contentType);
    }
    headers.removeAll("Content-Length");
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers.build(),
        new Buffer(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
