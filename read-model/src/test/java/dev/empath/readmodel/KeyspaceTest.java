package dev.empath.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.readmodel.keys.Keyspace;
import org.junit.jupiter.api.Test;

class KeyspaceTest {

  private final Keyspace v3 = new Keyspace(3);

  @Test
  void keysCarryVersionAndGame() {
    assertThat(v3.sessionEmotion("g1", "s1")).isEqualTo("empath:rm:v3:{g:g1:s:s1}:emotion");
    assertThat(v3.usage("g1")).isEqualTo("empath:rm:v3:{g:g1}:usage");
    assertThat(v3.sessionTimeline("g1", "s1")).startsWith(v3.prefix());
  }

  @Test
  void keysChangedTogetherShareAHashTag() {
    assertThat(tag(v3.sessionEmotion("g", "s")))
        .isEqualTo(tag(v3.sessionTimeline("g", "s")))
        .isEqualTo(tag(v3.sessionNarrative("g", "s")));
    assertThat(tag(v3.relationship("g", "c", "p"))).isEqualTo(tag(v3.memories("g", "c", "p")));
    assertThat(tag(v3.characterState("g", "c"))).isEqualTo(tag(v3.characterLines("g", "c")));
    assertThat(tag(v3.sessionEmotion("g", "s1"))).isNotEqualTo(tag(v3.sessionEmotion("g", "s2")));
  }

  @Test
  void idsWithBracesOrColonsCannotBreakTagsOrCollide() {
    String a = v3.sessionEmotion("g", "a:s:b");
    String b = v3.sessionEmotion("g:s:a", "b");
    assertThat(a).isNotEqualTo(b);
    assertThat(v3.sessionEmotion("g", "x}y{z")).isEqualTo("empath:rm:v3:{g:g:s:x%7Dy%7Bz}:emotion");
  }

  @Test
  void versionsAreDisjoint() {
    assertThat(new Keyspace(4).sessionEmotion("g", "s")).doesNotStartWith(v3.prefix());
    assertThatThrownBy(() -> new Keyspace(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static String tag(String key) {
    return key.substring(key.indexOf('{'), key.indexOf('}') + 1);
  }
}
