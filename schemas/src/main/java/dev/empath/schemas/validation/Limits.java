package dev.empath.schemas.validation;

/** The bounds of the contract, in one place; README's "Validation" section lists them. */
public final class Limits {

  public static final int MAX_ID_LENGTH = 128;
  public static final int MAX_KEY_LENGTH = 64;
  public static final int MAX_SHORT_TEXT = 512;
  public static final int MAX_PLAYER_TEXT = 2_000;
  public static final int MAX_GENERATED_TEXT = 16_000;
  public static final int MAX_RECENT_CHOICES = 64;
  public static final int MAX_CONTEXT_ENTRIES = 32;
  public static final int MAX_SCORES = 16;
  public static final int MAX_FEATURES = 64;
  public static final int MAX_REASONS = 32;
  public static final int MAX_RULES = 64;
  public static final double MAX_DECISION_LATENCY_MS = 3_600_000;
  public static final int MAX_ACTION_FREQUENCY = 10_000;
  public static final double MAX_CONTEXT_VALUE = 1e9;
  public static final int MAX_TOKENS = 8_192;
  public static final long MIN_TIMESTAMP_MS = 946_684_800_000L; // 2000-01-01T00:00:00Z
  public static final long MAX_TIMESTAMP_MS = 4_102_444_800_000L; // 2100-01-01T00:00:00Z

  private Limits() {}
}
