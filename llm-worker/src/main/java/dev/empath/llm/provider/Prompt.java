package dev.empath.llm.provider;

/**
 * A provider-independent request: system instructions, the user message (with the player's text
 * already quoted and delimited), sampling settings and the scene it was built from.
 *
 * @param model the model name to ask for; empty means the provider's configured default
 */
public record Prompt(
    String system, String user, String model, int maxTokens, double temperature, Scene scene) {}
