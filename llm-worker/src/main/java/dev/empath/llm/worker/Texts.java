package dev.empath.llm.worker;

import dev.empath.schemas.validation.Limits;

/** Keeps model output and reasons within the result contract (length, no control characters). */
final class Texts {

  static final int MAX_TEXT = Limits.MAX_GENERATED_TEXT;
  static final int MAX_REASON = Limits.MAX_SHORT_TEXT;

  private Texts() {}

  static String clean(String s, int max) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && out.length() < max; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 || c == '\n' || c == '\t') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
