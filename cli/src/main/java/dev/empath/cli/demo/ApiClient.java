package dev.empath.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads the query-api the way a game backend would: over HTTP with the API key. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;
  private final String apiKey;

  public ApiClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** The JSON body of a 200 answer; empty for 404 (nothing projected yet). */
  public Optional<JsonNode> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + apiKey)
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public Optional<JsonNode> emotion(String game, String session) {
    return get("/v1/games/" + game + "/sessions/" + session + "/emotion");
  }

  public Optional<JsonNode> narrative(String game, String session) {
    return get("/v1/games/" + game + "/sessions/" + session + "/narrative");
  }

  public Optional<JsonNode> character(String game, String character) {
    return get("/v1/games/" + game + "/characters/" + character);
  }

  public Optional<JsonNode> relationship(String game, String character, String player) {
    return get(
        "/v1/games/" + game + "/characters/" + character + "/players/" + player + "?limit=5");
  }
}
