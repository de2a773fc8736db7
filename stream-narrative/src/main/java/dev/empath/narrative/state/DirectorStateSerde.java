package dev.empath.narrative.state;

import dev.empath.narrative.director.DirectorState;
import dev.empath.schemas.v1.PacingPhase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link DirectorState} in the state store and its changelog. Internal to this
 * application (not part of the public contract), so a compact hand-written format with a leading
 * format version is enough; a new version must still read the previous one.
 */
public final class DirectorStateSerde implements Serde<DirectorState> {

  static final byte FORMAT_V1 = 1;

  @Override
  public Serializer<DirectorState> serializer() {
    return (topic, state) -> state == null ? null : write(state);
  }

  @Override
  public Deserializer<DirectorState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(DirectorState s) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT_V1);
      out.writeUTF(s.policyVersion());
      out.writeInt(s.phase().getNumber());
      out.writeLong(s.phaseSinceMs());
      out.writeDouble(s.intensity());
      out.writeLong(s.lastEventMs());
      out.writeDouble(s.difficulty());
      out.writeDouble(s.emittedDifficulty());
      out.writeUTF(s.tone());
      out.writeUTF(s.pendingTone());
      out.writeInt(s.pendingToneCount());
      out.writeLong(s.strugglingSinceMs());
      out.writeLong(s.lastHintMs());
      out.writeLong(s.decisions());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen writing to memory
    }
    return buffer.toByteArray();
  }

  static DirectorState read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT_V1) {
        throw new SerializationException("unknown director state format " + format);
      }
      String policyVersion = in.readUTF();
      PacingPhase read = PacingPhase.forNumber(in.readInt());
      PacingPhase phase = read == null ? PacingPhase.PACING_PHASE_BUILD_UP : read;
      return new DirectorState(
          policyVersion,
          phase,
          in.readLong(),
          in.readDouble(),
          in.readLong(),
          in.readDouble(),
          in.readDouble(),
          in.readUTF(),
          in.readUTF(),
          in.readInt(),
          in.readLong(),
          in.readLong(),
          in.readLong());
    } catch (IOException e) {
      throw new SerializationException("corrupt director state", e);
    }
  }
}
