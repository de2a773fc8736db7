package dev.empath.emotion.features;

/**
 * The {@code context_data} keys the features understand. Any other key is ignored: games may send
 * their own signals without breaking anything.
 */
public final class ContextKeys {

  /** Damage taken since the previous event, in game units (squashed as x / (x + 20)). */
  public static final String DAMAGE_TAKEN = "damage_taken";

  /** Deaths so far in the session, cumulative; the feature uses the increase. */
  public static final String DEATHS = "deaths";

  /** Completion of the current objective, 0..1; the feature uses its rate of change. */
  public static final String PROGRESS = "progress";

  /** Outcome of the last attempt: 1 success, 0 failure; absent = no attempt. */
  public static final String SUCCESS = "success";

  /** How intense the fight is right now, 0..1; absent = not in combat. */
  public static final String COMBAT_INTENSITY = "combat_intensity";

  private ContextKeys() {}
}
