package dev.empath.projector.loop;

/** Thrown out of the loop by {@link ProjectorLoop#halt()}: an abrupt stop, nothing cleaned up. */
public final class ProjectorHalted extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ProjectorHalted() {
    super("projector halted");
  }
}
