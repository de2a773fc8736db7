package dev.empath.platform.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One configuration key, declared once: name, type, default, meaning and the rule its values obey.
 *
 * <p>A name holding a {@code <placeholder>} (such as {@code empath.llm.provider.<name>.url})
 * declares a family of keys; {@link #at(String)} gives the member for one name. Every key, member
 * or not, is found in the environment under {@link #envName()}: upper case, {@code .} and {@code -}
 * as {@code _}.
 *
 * @param <T> the type of a parsed value
 */
public final class ConfigKey<T> {

  private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");

  private final String name;
  private final String type;
  private final Function<String, T> parser;
  private final T defaultValue;
  private final String defaultText;
  private final String meaning;
  private final List<String> deprecatedNames;
  private final Predicate<? super T> rule;
  private final String ruleText;

  private ConfigKey(
      String name,
      String type,
      Function<String, T> parser,
      T defaultValue,
      String defaultText,
      String meaning,
      List<String> deprecatedNames,
      Predicate<? super T> rule,
      String ruleText) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.parser = parser;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.meaning = Objects.requireNonNull(meaning, "meaning");
    this.deprecatedNames = List.copyOf(deprecatedNames);
    this.rule = rule;
    this.ruleText = ruleText;
  }

  private static <T> ConfigKey<T> of(
      String name, String type, Function<String, T> parser, T defaultValue, String meaning) {
    return new ConfigKey<>(
        name, type, parser, defaultValue, null, meaning, List.of(), v -> true, null);
  }

  /** Text; {@code null} default: none. */
  public static ConfigKey<String> ofString(String name, String defaultValue, String meaning) {
    return of(name, "string", v -> v, defaultValue, meaning);
  }

  public static ConfigKey<Integer> ofInt(String name, Integer defaultValue, String meaning) {
    return of(name, "int", ConfigKey::intNumber, defaultValue, meaning);
  }

  public static ConfigKey<Long> ofLong(String name, Long defaultValue, String meaning) {
    return of(name, "long", ConfigKey::wholeNumber, defaultValue, meaning);
  }

  public static ConfigKey<Double> ofDouble(String name, Double defaultValue, String meaning) {
    return of(name, "double", ConfigKey::number, defaultValue, meaning);
  }

  public static ConfigKey<Boolean> ofBoolean(String name, Boolean defaultValue, String meaning) {
    return of(name, "boolean", ConfigKey::bool, defaultValue, meaning);
  }

  /** A comma-separated list; blank entries dropped; default empty. */
  public static ConfigKey<List<String>> ofList(String name, String meaning) {
    return new ConfigKey<>(
        name, "list", ConfigKey::list, List.of(), "none", meaning, List.of(), v -> true, null);
  }

  /** One of an enum's constants, named in any case. */
  public static <E extends Enum<E>> ConfigKey<E> ofEnum(
      String name, Class<E> type, E defaultValue, String meaning) {
    String names =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(" | "));
    return of(name, names, v -> constant(type, v, names), defaultValue, meaning);
  }

  /** The same key with a rule its values must obey, e.g. {@code "must be >= 1"}. */
  public ConfigKey<T> require(Predicate<? super T> newRule, String newRuleText) {
    Predicate<? super T> previous = rule;
    Predicate<T> both = v -> previous.test(v) && newRule.test(v);
    String text = ruleText == null ? newRuleText : ruleText + ", " + newRuleText;
    return new ConfigKey<>(
        name, type, parser, defaultValue, defaultText, meaning, deprecatedNames, both, text);
  }

  /** Numbers only: values below {@code min} are refused. */
  public ConfigKey<T> atLeast(long min) {
    return require(v -> ((Number) v).doubleValue() >= min, "must be >= " + min);
  }

  /** A former name still read (with a warning) when the key itself is not set. */
  public ConfigKey<T> deprecatedName(String oldName) {
    List<String> names = new ArrayList<>(deprecatedNames);
    names.add(oldName);
    return new ConfigKey<>(
        name, type, parser, defaultValue, defaultText, meaning, names, rule, ruleText);
  }

  /** How the reference describes a default that is not a constant (computed, or by context). */
  public ConfigKey<T> defaultText(String text) {
    return new ConfigKey<>(
        name, type, parser, defaultValue, text, meaning, deprecatedNames, rule, ruleText);
  }

  /** The member of this family for {@code member}, e.g. a provider's or a purpose's name. */
  public ConfigKey<T> at(String member) {
    if (!isFamily()) {
      throw new IllegalStateException(name + " is not a family of keys");
    }
    String concrete = PLACEHOLDER.matcher(name).replaceFirst(Matcher.quoteReplacement(member));
    return new ConfigKey<>(
        concrete, type, parser, defaultValue, defaultText, meaning, List.of(), rule, ruleText);
  }

  public String name() {
    return name;
  }

  /**
   * The environment variable holding this key: upper case, {@code .} and {@code -} as {@code _}.
   */
  public String envName() {
    return toEnvName(name);
  }

  public static String toEnvName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String type() {
    return ruleText == null ? type : type + ", " + ruleText;
  }

  public String meaning() {
    return meaning;
  }

  public List<String> deprecatedNames() {
    return deprecatedNames;
  }

  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The default as the reference shows it. */
  public String defaultDescription() {
    if (defaultText != null) {
      return defaultText;
    }
    if (defaultValue == null) {
      return "none";
    }
    String shown = String.valueOf(defaultValue);
    return shown.isEmpty() ? "empty" : shown;
  }

  /** Whether the default is described in words rather than being a value. */
  boolean hasDefaultText() {
    return defaultText != null;
  }

  public boolean isFamily() {
    return PLACEHOLDER.matcher(name).find();
  }

  /** Whether {@code key} is this key, one of its former names, or a member of this family. */
  boolean matchesKey(String key) {
    return matcher(name).matcher(key).matches() || deprecatedNames.contains(key);
  }

  /** Whether {@code env} is the environment name of this key or of a member of this family. */
  boolean matchesEnv(String env) {
    return matcher(envName()).matcher(env).matches()
        || deprecatedNames.stream().anyMatch(n -> toEnvName(n).equals(env));
  }

  /** The declared name as a pattern: each placeholder stands for one or more characters. */
  private static Pattern matcher(String declared) {
    StringBuilder regex = new StringBuilder();
    int at = 0;
    Matcher m = PLACEHOLDER.matcher(declared);
    while (m.find()) {
      regex.append(Pattern.quote(declared.substring(at, m.start()))).append(".+");
      at = m.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(declared.substring(at))).toString());
  }

  /**
   * Parses and checks a value.
   *
   * @throws IllegalArgumentException with the reason ({@code "must be >= 1"}) as its message
   */
  T parse(String value) {
    T parsed = parser.apply(value.strip());
    if (!rule.test(parsed)) {
      throw new IllegalArgumentException(ruleText);
    }
    return parsed;
  }

  private static long wholeNumber(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number");
    }
  }

  private static int intNumber(String v) {
    long n = wholeNumber(v);
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("must be a whole number below 2^31");
    }
    return (int) n;
  }

  private static double number(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number");
    }
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static List<String> list(String v) {
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String v, String names) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException("must be one of " + names);
  }

  @Override
  public String toString() {
    return name;
  }
}
