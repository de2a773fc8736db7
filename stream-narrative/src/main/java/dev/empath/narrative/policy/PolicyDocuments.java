package dev.empath.narrative.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.empath.schemas.v1.NarrativePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Policy documents are the protobuf JSON mapping of {@link NarrativePolicy}: what live-ops edit and
 * publish. Unknown fields are an error, not ignored, so a misspelt threshold cannot silently fall
 * back to zero.
 */
public final class PolicyDocuments {

  private PolicyDocuments() {}

  /** Parses and validates a JSON policy document. */
  public static NarrativePolicy parse(String json, String source) {
    NarrativePolicy.Builder builder = NarrativePolicy.newBuilder();
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new PolicyRejectedException(
          source, "not a valid policy document: " + e.getMessage(), e);
    }
    return PolicyRules.requireValid(builder.build(), source);
  }

  public static NarrativePolicy read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy file " + file, e);
    }
  }

  /** Reads a policy document from the classpath. */
  public static NarrativePolicy resource(String name) {
    try (InputStream in = PolicyDocuments.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("policy resource " + name + " not found");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy resource " + name, e);
    }
  }

  public static String toJson(NarrativePolicy policy) {
    try {
      return JsonFormat.printer().print(policy);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("policy cannot be printed as JSON", e);
    }
  }
}
