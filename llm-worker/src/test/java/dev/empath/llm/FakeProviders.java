package dev.empath.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.empath.schemas.v1.EmotionContext;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;

/** A real local HTTP server speaking OpenAI chat completions or Anthropic Messages. */
public final class FakeProviders {

  public static final String CHAT = "/v1/chat/completions";
  public static final String MESSAGES = "/v1/messages";

  private FakeProviders() {}

  public static WireMockServer start() {
    WireMockServer server =
        new WireMockServer(
            WireMockConfiguration.options().dynamicPort().containerThreads(64).jettyAcceptors(1));
    server.start();
    return server;
  }

  public static String openAiBody(String text) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-test",
         "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":42,"completion_tokens":7,"total_tokens":49}}
        """
        .formatted(text);
  }

  public static String anthropicBody(String text) {
    return """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
         "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn",
         "usage":{"input_tokens":30,"output_tokens":5}}
        """
        .formatted(text);
  }

  public static ResponseDefinitionBuilder ok(String text) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(openAiBody(text));
  }

  public static void answer(WireMockServer server, ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(CHAT)).willReturn(response));
  }

  public static ResponseDefinitionBuilder malformed() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"choices\": [ this is not json");
  }

  public static ResponseDefinitionBuilder reset() {
    return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
  }

  public static GenerationRequest.Builder request(String id, String game) {
    long now = System.currentTimeMillis();
    return GenerationRequest.newBuilder()
        .setRequestId(id)
        .setGameId(game)
        .setSessionId("session-" + id)
        .setPlayerId("player-1")
        .setCharacterId("aria")
        .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
        .setTone("encouraging")
        .setEmotion(
            EmotionContext.newBuilder().setDominantEmotion("frustration").setConfidence(0.8f))
        .setCreatedAtMs(now)
        .setDeadlineMs(now + 10_000)
        .setMaxTokens(60)
        .setTemperature(0.5f)
        .setPlayerText("where do I go? " + id);
  }
}
