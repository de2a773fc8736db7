package dev.empath.cli.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The views as the API encodes them: query-api's own (Micronaut) serializer, so the command prints
 * what the endpoint returns (empty strings and lists left out alike), indented for people.
 */
public final class ViewJson {

  private static final ObjectMapper TREE = new ObjectMapper();

  private ViewJson() {}

  /** Built on first use: it starts a small bean context. */
  private static final class Api {
    static final io.micronaut.serde.ObjectMapper MAPPER =
        io.micronaut.serde.ObjectMapper.getDefault();
  }

  /**
   * The JSON of a view, or of a session's two views under {@code emotion} and {@code narrative}.
   */
  public static JsonNode tree(Object answer) {
    if (answer instanceof StateQuery.SessionState s) {
      ObjectNode both = TREE.createObjectNode();
      both.set("emotion", s.emotion() == null ? TREE.nullNode() : view(s.emotion()));
      both.set("narrative", s.narrative() == null ? TREE.nullNode() : view(s.narrative()));
      return both;
    }
    return view(answer);
  }

  public static String pretty(Object answer) {
    try {
      return TREE.writer()
          .with(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(tree(answer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode view(Object view) {
    try {
      return TREE.readTree(Api.MAPPER.writeValueAsString(view));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + view.getClass().getSimpleName(), e);
    }
  }
}
