package dev.empath.narrative.director;

import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PacingPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

/** Given a policy, when predictions arrive, then these steps and decisions: one session. */
final class DirectorScenario {

  private NarrativePolicy policy;
  private Optional<DirectorState> state = Optional.empty();
  private final List<Step> steps = new ArrayList<>();

  private DirectorScenario(NarrativePolicy policy) {
    this.policy = policy;
  }

  static DirectorScenario given(NarrativePolicy policy) {
    return new DirectorScenario(policy);
  }

  DirectorScenario when(EmotionPrediction prediction) {
    Step step = PacingDirector.step(state, prediction, policy);
    state = Optional.of(step.state());
    steps.add(step);
    return this;
  }

  /** One prediction per second from {@code fromSeconds} (inclusive) to {@code toSeconds}. */
  DirectorScenario everySecond(
      int fromSeconds, int toSeconds, DoubleFunction<EmotionPrediction> prediction) {
    for (int s = fromSeconds; s < toSeconds; s++) {
      when(prediction.apply(s));
    }
    return this;
  }

  DirectorScenario policy(NarrativePolicy newPolicy) {
    this.policy = newPolicy;
    return this;
  }

  List<Step> steps() {
    return steps;
  }

  Step last() {
    return steps.get(steps.size() - 1);
  }

  DirectorState state() {
    return state.orElseThrow();
  }

  List<NarrativeDecision> decisions() {
    return steps.stream().flatMap(s -> s.decision().stream()).toList();
  }

  /** The decisions that entered a phase (a session's first decision included), in order. */
  List<NarrativeDecision> phaseEntries() {
    return steps.stream()
        .filter(s -> s.changes().first() || s.changes().phaseChanged())
        .flatMap(s -> s.decision().stream())
        .toList();
  }

  /** (phase, seconds since T0) of every decision that changed the phase, first one included. */
  List<String> phaseChanges(long t0) {
    List<String> out = new ArrayList<>();
    PacingPhase previous = null;
    for (NarrativeDecision d : decisions()) {
      if (d.getPhase() != previous) {
        out.add(
            d.getPhase().name().replace("PACING_PHASE_", "")
                + "@"
                + (d.getTimestampMs() - t0) / 1000);
        previous = d.getPhase();
      }
    }
    return out;
  }
}
