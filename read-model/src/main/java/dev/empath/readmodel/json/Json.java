package dev.empath.readmodel.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON encoding of every stored value. Output is canonical (map entries sorted by key,
 * properties in record order) so a projection and a clean rebuild produce identical bytes.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  // Writers per type: resolving the serializer once saves work on every hot-path write.
  private static final java.util.concurrent.ConcurrentMap<Class<?>, ObjectWriter> WRITERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static String write(Object value) {
    try {
      return WRITERS.computeIfAbsent(value.getClass(), MAPPER::writerFor).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored value is not a " + type.getSimpleName(), e);
    }
  }
}
