package dev.empath.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minimal client for the Confluent Schema Registry REST API, which Confluent, Apicurio (ccompat),
 * Karapace and Redpanda all serve. Registration is idempotent on the registry side; ids are cached
 * here so the registry is asked once per subject and schema.
 *
 * <p>Credentials and trust follow Confluent's clients: HTTP basic auth from {@code user:password}
 * (or from the URL's user info), or a static bearer token; TLS against the JDK's trusted CAs or a
 * truststore. Several comma-separated URLs are tried in order while they are unreachable.
 */
public final class SchemaRegistryClient {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> baseUrls;
  private final String displayUrl;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final Map<String, Integer> subjects = new ConcurrentHashMap<>();

  private SchemaRegistryClient(Builder b) {
    List<URI> urls = new ArrayList<>();
    String userInfo = null;
    for (String part : b.urls.split(",")) {
      URI url = parseUrl(part.trim());
      if (url.getRawUserInfo() != null && userInfo == null) {
        userInfo = URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8);
      }
      urls.add(withoutUserInfo(url));
    }
    this.baseUrls = List.copyOf(urls);
    this.displayUrl = String.join(",", baseUrls.stream().map(URI::toString).toList());
    this.timeout = b.timeout;
    this.authorization = authorization(b.basicUserInfo != null ? b.basicUserInfo : userInfo, b);
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
    if (b.truststore != null) {
      http.sslContext(Truststores.sslContext(b.truststore, b.truststorePassword, b.truststoreType));
    }
    this.http = http.build();
  }

  /** A client for {@code urls} (one URL, or several separated by commas). */
  public static Builder builder(String urls) {
    return new Builder(urls);
  }

  public static SchemaRegistryClient of(String url) {
    return builder(url).build();
  }

  /** The first registry URL, without credentials. */
  public URI baseUrl() {
    return baseUrls.get(0);
  }

  /** Every subject registered through this client so far, with its schema id. */
  public Map<String, Integer> registeredSubjects() {
    return new TreeMap<>(subjects);
  }

  /**
   * Registers a protobuf schema under {@code subject} (or finds it) and returns its global id.
   *
   * @throws SchemaRegistryException when no registry answers or one refuses
   */
  public int register(String subject, String protoSchema) {
    int id =
        ids.computeIfAbsent(
            subject + '\u0000' + protoSchema, key -> registerRemotely(subject, protoSchema));
    subjects.put(subject, id);
    return id;
  }

  /** The schema text a registry holds for a global id. */
  public String schemaById(int id) {
    JsonNode body = send("schemas/ids/" + id, null, "looking up schema id " + id);
    return body.path("schema").asText();
  }

  private int registerRemotely(String subject, String protoSchema) {
    String json;
    try {
      json = JSON.writeValueAsString(Map.of("schemaType", "PROTOBUF", "schema", protoSchema));
    } catch (IOException e) {
      throw new SchemaRegistryException("cannot encode schema for subject " + subject, e);
    }
    String what = "registering subject " + subject;
    JsonNode body =
        send(
            "subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions",
            json,
            what);
    if (!body.path("id").canConvertToInt()) {
      throw new SchemaRegistryException(
          "schema registry at " + displayUrl + " answered without an id when " + what);
    }
    int id = body.get("id").asInt();
    log.debug("schema registry {}: subject {} has schema id {}", displayUrl, subject, id);
    return id;
  }

  private JsonNode send(String path, String postBody, String what) {
    IOException lastFailure = null;
    URI lastUrl = baseUrls.get(0);
    for (URI base : baseUrls) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(timeout)
              .header("Accept", CONTENT_TYPE);
      authorization.ifPresent(value -> request.header("Authorization", value));
      if (postBody != null) {
        request
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(postBody));
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        lastFailure = e;
        lastUrl = base;
        continue; // the next URL, as Confluent's clients do
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("interrupted while " + what, e);
      }
      return answer(base, response, what);
    }
    throw unreachable(lastUrl, lastFailure, what);
  }

  private static JsonNode answer(URI base, HttpResponse<String> response, String what) {
    int status = response.statusCode();
    if (status / 100 != 2) {
      String hint =
          status == 401 || status == 403
              ? " (check schema.registry.basic.auth.user.info or schema.registry.bearer.auth.token)"
              : "";
      throw new SchemaRegistryException(
          "schema registry at "
              + base
              + " refused "
              + what
              + ": HTTP "
              + status
              + " "
              + errorMessage(response.body())
              + hint);
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "schema registry at " + base + " answered malformed JSON when " + what, e);
    }
  }

  private SchemaRegistryException unreachable(URI url, IOException e, String what) {
    String reason;
    if (e instanceof HttpTimeoutException) {
      reason = "no answer within " + timeout.toSeconds() + " s";
    } else if (e instanceof SSLException || e.getCause() instanceof SSLException) {
      reason =
          "TLS failed ("
              + rootMessage(e)
              + "); a registry whose certificate is not signed by a CA the JDK trusts needs"
              + " schema.registry.ssl.truststore.location";
    } else if (e instanceof ConnectException) {
      reason = "cannot connect (" + rootMessage(e) + ")";
    } else {
      reason = rootMessage(e);
    }
    return new SchemaRegistryException(
        "schema registry at " + url + " is unreachable when " + what + ": " + reason, e);
  }

  private static String errorMessage(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.hasNonNull("message")) {
        return json.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: show the text itself
    }
    String text = body == null ? "" : body.strip();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  private static URI parseUrl(String text) {
    URI url;
    try {
      url = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new SchemaRegistryException("schema.registry.url is not a URL: " + text);
    }
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new SchemaRegistryException(
          "schema.registry.url must be an http:// or https:// URL, was " + withoutUserInfo(url));
    }
    return url;
  }

  private static URI withoutUserInfo(URI url) {
    String text = url.toString();
    if (url.getRawUserInfo() != null) {
      text = text.replace(url.getRawUserInfo() + "@", "");
    }
    return URI.create(text.endsWith("/") ? text : text + "/");
  }

  private static Optional<String> authorization(String userInfo, Builder b) {
    if (userInfo != null && b.bearerToken != null) {
      throw new SchemaRegistryException(
          "schema registry credentials: set schema.registry.basic.auth.user.info or"
              + " schema.registry.bearer.auth.token, not both");
    }
    if (b.bearerToken != null) {
      return Optional.of("Bearer " + b.bearerToken);
    }
    if (userInfo != null) {
      if (userInfo.indexOf(':') < 0) {
        throw new SchemaRegistryException(
            "schema.registry.basic.auth.user.info must be user:password (no ':' found)");
      }
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  /** Settings of a client; only the URL is required. */
  public static final class Builder {
    private final String urls;
    private Duration timeout = Duration.ofSeconds(10);
    private String basicUserInfo;
    private String bearerToken;
    private Path truststore;
    private String truststorePassword;
    private String truststoreType;

    private Builder(String urls) {
      if (urls == null || urls.isBlank()) {
        throw new SchemaRegistryException("schema.registry.url is empty");
      }
      this.urls = urls;
    }

    /** Connect and request timeout; default 10 s. */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** HTTP basic auth as {@code user:password}, like Confluent's {@code basic.auth.user.info}. */
    public Builder basicAuth(String userInfo) {
      this.basicUserInfo = userInfo;
      return this;
    }

    /** A static bearer token, like Confluent's {@code bearer.auth.token}. */
    public Builder bearerToken(String token) {
      this.bearerToken = token;
      return this;
    }

    /** Trust the certificates of this truststore instead of the JDK's CAs. */
    public Builder truststore(Path location, String password, String type) {
      this.truststore = location;
      this.truststorePassword = password;
      this.truststoreType = type;
      return this;
    }

    public SchemaRegistryClient build() {
      return new SchemaRegistryClient(this);
    }
  }
}
