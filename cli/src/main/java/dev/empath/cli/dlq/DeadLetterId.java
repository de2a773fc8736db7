package dev.empath.cli.dlq;

import dev.empath.cli.tool.UserError;

/**
 * Where a dead letter is: its partition and offset in the dead-letter topic, written {@code
 * PARTITION:OFFSET} (a bare offset is enough when the topic has one partition).
 */
public record DeadLetterId(int partition, long offset) {

  /**
   * @param partitions partition count of the dead-letter topic
   */
  public static DeadLetterId parse(String text, int partitions) {
    String t = text.strip();
    int colon = t.indexOf(':');
    try {
      if (colon < 0) {
        if (partitions != 1) {
          throw new UserError(
              "the dead-letter topic has "
                  + partitions
                  + " partitions: give PARTITION:OFFSET (as dlq list prints it), not "
                  + t);
        }
        return checked(0, Long.parseLong(t), partitions, t);
      }
      return checked(
          Integer.parseInt(t.substring(0, colon)),
          Long.parseLong(t.substring(colon + 1)),
          partitions,
          t);
    } catch (NumberFormatException e) {
      throw new UserError("not a dead letter PARTITION:OFFSET: '" + t + "'");
    }
  }

  private static DeadLetterId checked(int partition, long offset, int partitions, String text) {
    if (partition < 0 || partition >= partitions || offset < 0) {
      throw new UserError(
          "no dead letter "
              + text
              + ": partitions are 0.."
              + (partitions - 1)
              + " and offsets are >= 0");
    }
    return new DeadLetterId(partition, offset);
  }

  @Override
  public String toString() {
    return partition + ":" + offset;
  }
}
