package dev.empath.narrative.state;

import dev.empath.narrative.content.LastWords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link LastWords} in the state store and its changelog: internal to this
 * application, with a leading format version like {@link DirectorStateSerde}.
 */
public final class LastWordsSerde implements Serde<LastWords> {

  static final byte FORMAT_V1 = 1;

  @Override
  public Serializer<LastWords> serializer() {
    return (topic, words) -> words == null ? null : write(words);
  }

  @Override
  public Deserializer<LastWords> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(LastWords words) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT_V1);
      out.writeInt(words.said().size());
      for (LastWords.Said s : words.said()) {
        out.writeUTF(s.characterId());
        out.writeUTF(s.text()); // bounded by Limits.MAX_PLAYER_TEXT, far below writeUTF's limit
        out.writeLong(s.timestampMs());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen writing to memory
    }
    return buffer.toByteArray();
  }

  static LastWords read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT_V1) {
        throw new SerializationException("unknown last-words format " + format);
      }
      int count = in.readInt();
      if (count < 0 || count > LastWords.MAX_CHARACTERS) {
        throw new SerializationException("last words of " + count + " characters");
      }
      List<LastWords.Said> said = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        said.add(new LastWords.Said(in.readUTF(), in.readUTF(), in.readLong()));
      }
      return new LastWords(said);
    } catch (IOException e) {
      throw new SerializationException("unreadable last words", e);
    }
  }
}
