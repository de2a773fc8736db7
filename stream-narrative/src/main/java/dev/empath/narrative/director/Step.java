package dev.empath.narrative.director;

import dev.empath.schemas.v1.NarrativeDecision;
import java.util.Optional;

/** Result of one director step: the session's next state and, if actionable, a decision. */
public record Step(DirectorState state, Changes changes, Optional<NarrativeDecision> decision) {}
