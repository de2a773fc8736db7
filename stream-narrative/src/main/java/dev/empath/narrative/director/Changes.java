package dev.empath.narrative.director;

/**
 * What changed in one director step that a game would act on. A decision is emitted when any of
 * these is true.
 */
public record Changes(
    boolean first,
    boolean phaseChanged,
    boolean toneChanged,
    boolean hintOffered,
    boolean difficultyStepped,
    boolean policyChanged) {

  public boolean actionable() {
    return first
        || phaseChanged
        || toneChanged
        || hintOffered
        || difficultyStepped
        || policyChanged;
  }
}
