package dev.empath.projector.fold;

import dev.empath.schemas.v1.InteractionKind;

/**
 * How much each kind of interaction moves a relationship and how memorable it is. Impact (-1..1)
 * scales affinity; trust moves by the kind (a betrayal costs trust even when it is "friendly").
 *
 * @param affinityScale affinity change per unit of impact
 * @param trustStep trust change at full impact
 * @param baseImportance importance of the memory before the impact is added
 * @param tensionStep how much it puts the character on edge
 */
record InteractionEffects(
    double affinityScale, double trustStep, double baseImportance, double tensionStep) {

  static InteractionEffects of(InteractionKind kind) {
    return switch (kind) {
      case INTERACTION_KIND_TALK -> new InteractionEffects(0.10, 0.00, 0.10, 0.00);
      case INTERACTION_KIND_TRADE -> new InteractionEffects(0.10, 0.02, 0.20, 0.00);
      case INTERACTION_KIND_HELP -> new InteractionEffects(0.20, 0.05, 0.35, 0.00);
      case INTERACTION_KIND_GIFT -> new InteractionEffects(0.25, 0.03, 0.35, 0.00);
      case INTERACTION_KIND_QUEST_COMPLETE -> new InteractionEffects(0.25, 0.10, 0.50, 0.00);
      case INTERACTION_KIND_INSULT -> new InteractionEffects(0.20, -0.05, 0.40, 0.20);
      case INTERACTION_KIND_ATTACK -> new InteractionEffects(0.35, -0.20, 0.50, 0.50);
      case INTERACTION_KIND_BETRAY -> new InteractionEffects(0.30, -0.40, 0.60, 0.40);
      default -> new InteractionEffects(0.10, 0.00, 0.10, 0.00);
    };
  }

  /** 0..1: the kind's base plus how strong the impact was. */
  double importance(double impact) {
    return Math.min(1.0, baseImportance + 0.4 * Math.abs(impact));
  }

  /**
   * Adds {@code delta} to a value bounded by -1..1 with diminishing returns near the bound, so no
   * number of events pushes it out of range.
   */
  static double saturatingAdd(double value, double delta) {
    double room = delta >= 0 ? 1 - value : 1 + value;
    return Math.max(-1, Math.min(1, value + delta * room));
  }
}
