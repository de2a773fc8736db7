package dev.empath.llm.provider;

import com.fasterxml.jackson.core.JacksonException;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A remote model reached through LangChain4j: OpenAI-compatible chat completions (OpenAI, vLLM,
 * Ollama, llama.cpp server, OpenRouter, LM Studio) or Anthropic Messages. LangChain4j's own retries
 * are off: retries, breakers and deadlines are the worker's, decided per request.
 */
public final class ChatModelProvider implements GenerationProvider {

  private final String name;
  private final String defaultModel;
  private final ChatModel model;

  public ChatModelProvider(String name, String defaultModel, ChatModel model) {
    this.name = name;
    this.defaultModel = defaultModel;
    this.model = model;
  }

  /** An OpenAI-compatible endpoint, e.g. {@code http://localhost:11434/v1} for Ollama. */
  public static ChatModelProvider openAi(
      String name,
      String baseUrl,
      String apiKey,
      String defaultModel,
      java.net.http.HttpClient http,
      Duration defaultTimeout) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .httpClientBuilder(DeadlineAwareHttpClient.builder(http, defaultTimeout))
            .baseUrl(baseUrl)
            .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
            .modelName(defaultModel)
            .timeout(defaultTimeout)
            .maxRetries(0)
            .build();
    return new ChatModelProvider(name, defaultModel, model);
  }

  /** Anthropic's Messages API, e.g. {@code https://api.anthropic.com/v1}. */
  public static ChatModelProvider anthropic(
      String name,
      String baseUrl,
      String apiKey,
      String defaultModel,
      java.net.http.HttpClient http,
      Duration defaultTimeout) {
    AnthropicChatModel model =
        AnthropicChatModel.builder()
            .httpClientBuilder(DeadlineAwareHttpClient.builder(http, defaultTimeout))
            .baseUrl(baseUrl)
            .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
            .modelName(defaultModel)
            .timeout(defaultTimeout)
            .maxRetries(0)
            .build();
    return new ChatModelProvider(name, defaultModel, model);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Completion complete(Prompt prompt, Duration timeout) {
    String modelName = prompt.model().isBlank() ? defaultModel : prompt.model();
    ChatRequest request =
        ChatRequest.builder()
            .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
            .modelName(modelName)
            .maxOutputTokens(prompt.maxTokens())
            .temperature(prompt.temperature())
            .build();
    ChatResponse response;
    try {
      response = DeadlineAwareHttpClient.withTimeout(timeout, () -> model.chat(request));
    } catch (RuntimeException e) {
      throw classify(e);
    }
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    if (text == null || text.isBlank()) {
      throw new ProviderFailure(
          ProviderFailure.Kind.MALFORMED, name + " answered without text", null);
    }
    TokenUsage usage = response.tokenUsage();
    return new Completion(
        text.strip(),
        response.modelName() == null ? modelName : response.modelName(),
        usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }

  /** Maps whatever LangChain4j threw to a failure the retry policy understands. */
  ProviderFailure classify(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpStatusException status) {
        int code = status.statusCode();
        ProviderFailure.Kind kind =
            code == 429
                ? ProviderFailure.Kind.RATE_LIMITED
                : code >= 500 || code == 408
                    ? ProviderFailure.Kind.SERVER_ERROR
                    : ProviderFailure.Kind.REJECTED;
        return new ProviderFailure(
            kind, name + " answered HTTP " + code, status.retryAfter().orElse(null), e);
      }
      if (t instanceof HttpTimeoutException
          || t instanceof dev.langchain4j.exception.TimeoutException) {
        return new ProviderFailure(ProviderFailure.Kind.TIMEOUT, name + " timed out", e);
      }
      if (t instanceof JacksonException) {
        return new ProviderFailure(
            ProviderFailure.Kind.MALFORMED, name + " answered unreadable JSON", e);
      }
      if (t instanceof IOException) {
        return new ProviderFailure(
            ProviderFailure.Kind.SERVER_ERROR, name + " unreachable: " + t.getMessage(), e);
      }
    }
    return new ProviderFailure(
        ProviderFailure.Kind.MALFORMED,
        name + " answered something unreadable: " + e.getClass().getSimpleName(),
        e);
  }
}
