package dev.empath.llm.provider;

import dev.empath.schemas.v1.GenerationPurpose;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Lines written from authored templates per purpose × tone × emotion, with the character's name and
 * a remembered fact filled in. It never fails and costs nothing, so it is the default provider and
 * the last fallback of every route: a game gets a line even with no model configured.
 *
 * <p>The variant is chosen by a hash of the scene, not at random, so a replay writes the same line.
 */
public final class OfflineTemplateProvider implements GenerationProvider {

  public static final String NAME = "offline";
  public static final String MODEL = "templates-v1";
  private static final String RESOURCE = "offline-templates.properties";

  private final Map<String, List<String>> templates;

  public OfflineTemplateProvider(Map<String, List<String>> templates) {
    this.templates = Map.copyOf(templates);
  }

  /** The templates shipped with the worker. */
  public static OfflineTemplateProvider bundled() {
    try (InputStream in = OfflineTemplateProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Properties props = new Properties();
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, List<String>> out = new HashMap<>();
      for (String key : props.stringPropertyNames()) {
        out.put(
            key,
            Arrays.stream(props.getProperty(key).split("\\|"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
      }
      return new OfflineTemplateProvider(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public Completion complete(Prompt prompt, Duration timeout) {
    String text = write(prompt.scene());
    return new Completion(text, MODEL, 0, 0);
  }

  /** The line for a scene; pure, deterministic. */
  public String write(Scene scene) {
    String fact = scene.facts().isEmpty() ? "" : scene.facts().get(0);
    List<String> variants = new ArrayList<>();
    for (String candidate : lookup(scene)) {
      if (!candidate.contains("{fact}") || !fact.isEmpty()) {
        variants.add(candidate);
      }
    }
    if (variants.isEmpty()) {
      variants.add("{name} waits for you.");
    }
    int pick =
        Math.floorMod(
            (scene.characterName() + "|" + scene.emotion() + "|" + fact).hashCode(),
            variants.size());
    String name = scene.characterName().isBlank() ? "Your companion" : scene.characterName();
    String chosen = variants.get(pick).replace("{name}", name);
    // A fact opening a sentence is capitalized; inside one it is left as remembered.
    String trimmed = trimFact(fact);
    String opening =
        trimmed.isEmpty() ? "" : Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    if (chosen.startsWith("{fact}")) {
      chosen = opening + chosen.substring("{fact}".length());
    }
    return chosen.replace("\"{fact}", "\"" + opening).replace("{fact}", trimmed);
  }

  private List<String> lookup(Scene scene) {
    String purpose = purposeKey(scene.purpose());
    String tone = normalize(scene.tone());
    String emotion = normalize(scene.emotion());
    for (String key :
        List.of(
            purpose + "." + tone + "." + emotion,
            purpose + "." + tone + ".*",
            purpose + ".*." + emotion,
            purpose + ".*.*",
            "npc_line.*.*")) {
      List<String> found = templates.get(key);
      if (found != null && !found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static String purposeKey(GenerationPurpose purpose) {
    return switch (purpose) {
      case GENERATION_PURPOSE_SCENE_DESCRIPTION -> "scene_description";
      case GENERATION_PURPOSE_HINT -> "hint";
      default -> "npc_line";
    };
  }

  private static String normalize(String s) {
    return s == null || s.isBlank() ? "*" : s.strip().toLowerCase(Locale.ROOT);
  }

  private static String trimFact(String fact) {
    String f = fact.strip();
    while (f.endsWith(".")) {
      f = f.substring(0, f.length() - 1);
    }
    return f;
  }
}
