package dev.empath.projector.rebuild;

/** What a rebuild reports while it reads: the records it plans to read, and those it read. */
public interface RebuildProgress {

  /** {@code records} more records are to be read (a pass was planned). */
  void planned(long records);

  /** {@code records} more were read. */
  void read(long records);

  static RebuildProgress none() {
    return new RebuildProgress() {
      @Override
      public void planned(long records) {}

      @Override
      public void read(long records) {}
    };
  }
}
