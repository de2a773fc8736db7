package dev.empath.whatif.diff;

import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.List;

/** What one side (production or the candidate) decided in the range, in offset order. */
public record SideRecords(
    List<EmotionPrediction> predictions,
    List<NarrativeDecision> decisions,
    List<GenerationRequest> requests) {}
