package dev.empath.projector.fold;

/**
 * Sizes of the capped histories.
 *
 * @param timelineCap emotion timeline entries kept per session
 * @param memoryCap memories kept per character and player
 * @param linesCap generated lines kept per character
 */
public record FoldRules(int timelineCap, int memoryCap, int linesCap) {

  public static final FoldRules DEFAULT = new FoldRules(500, 50, 100);

  public FoldRules {
    if (timelineCap < 1 || memoryCap < 1 || linesCap < 1) {
      throw new IllegalArgumentException("caps must be >= 1");
    }
  }
}
