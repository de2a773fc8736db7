package dev.empath.llm.provider;

/** What a provider answered. */
public record Completion(String text, String model, int tokensIn, int tokensOut) {}
