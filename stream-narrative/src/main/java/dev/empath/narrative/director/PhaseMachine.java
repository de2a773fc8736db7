package dev.empath.narrative.director;

import dev.empath.schemas.v1.PacingPhase;
import dev.empath.schemas.v1.PhaseRules;

/**
 * The pacing cycle build-up → sustain peak → peak fade → relax → build-up.
 *
 * <p>Every threshold has hysteresis so noisy input cannot make the phase flap: a peak starts at
 * {@code peak_enter} but only ends below the lower {@code peak_exit}, and never before {@code
 * min_peak_ms}; fade and relax are timed; relax also waits for intensity to drop below {@code
 * relax_exit}, so a player who is still agitated is not thrown straight into the next build-up. At
 * most one transition happens per prediction.
 */
public final class PhaseMachine {

  private PhaseMachine() {}

  /** Where the session is after this step, and the machine-readable reason for it. */
  public record Transition(PacingPhase phase, long sinceMs, String code, String detail) {

    public boolean changedFrom(PacingPhase previous) {
      return phase != previous;
    }
  }

  public static Transition next(
      PacingPhase phase, long sinceMs, double intensity, long nowMs, PhaseRules rules) {
    long inPhase = Math.max(0, nowMs - sinceMs);
    String numbers = String.format("intensity=%.3f in_phase_ms=%d", intensity, inPhase);
    switch (phase) {
      case PACING_PHASE_SUSTAIN_PEAK:
        if (inPhase >= rules.getMaxPeakMs()) {
          return enter(
              PacingPhase.PACING_PHASE_PEAK_FADE,
              nowMs,
              "max_peak_duration_reached",
              numbers + " max_peak_ms=" + rules.getMaxPeakMs());
        }
        if (inPhase >= rules.getMinPeakMs() && intensity < rules.getPeakExit()) {
          return enter(
              PacingPhase.PACING_PHASE_PEAK_FADE,
              nowMs,
              "intensity_below_peak_exit",
              numbers + " peak_exit=" + rules.getPeakExit());
        }
        return stay(
            phase,
            sinceMs,
            inPhase < rules.getMinPeakMs()
                ? "peak_held_for_min_duration"
                : "intensity_above_peak_exit",
            numbers);
      case PACING_PHASE_PEAK_FADE:
        if (inPhase >= rules.getFadeMs()) {
          return enter(
              PacingPhase.PACING_PHASE_RELAX,
              nowMs,
              "fade_duration_elapsed",
              numbers + " fade_ms=" + rules.getFadeMs());
        }
        return stay(phase, sinceMs, "fading", numbers);
      case PACING_PHASE_RELAX:
        if (inPhase >= rules.getRelaxMs() && intensity < rules.getRelaxExit()) {
          return enter(
              PacingPhase.PACING_PHASE_BUILD_UP,
              nowMs,
              "relax_done_intensity_low",
              numbers + " relax_ms=" + rules.getRelaxMs() + " relax_exit=" + rules.getRelaxExit());
        }
        return stay(
            phase,
            sinceMs,
            inPhase < rules.getRelaxMs()
                ? "relax_held_for_min_duration"
                : "intensity_above_relax_exit",
            numbers);
      case PACING_PHASE_BUILD_UP:
      default:
        if (intensity >= rules.getPeakEnter()) {
          return enter(
              PacingPhase.PACING_PHASE_SUSTAIN_PEAK,
              nowMs,
              "intensity_reached_peak_enter",
              numbers + " peak_enter=" + rules.getPeakEnter());
        }
        return stay(
            PacingPhase.PACING_PHASE_BUILD_UP, sinceMs, "intensity_below_peak_enter", numbers);
    }
  }

  private static Transition enter(PacingPhase phase, long nowMs, String code, String detail) {
    return new Transition(phase, nowMs, code, detail);
  }

  private static Transition stay(PacingPhase phase, long sinceMs, String code, String detail) {
    return new Transition(phase, sinceMs, code, detail);
  }
}
