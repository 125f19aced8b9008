package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scripted mini-program session with its expectation: one conformance case, one load scenario,
 * one script to follow by hand. Built from a file ({@link ScenarioFiles}) or in Java:
 *
 * <pre>{@code
 * Scenario greeting = Scenario.builder("operator.1.1")
 *     .title("The greeting gets the auto-reply")
 *     .expectation("One auto-reply with the exact content and a documented date")
 *     .rules("C2", "O1", "O2", "O3").profiles(Profile.OPERATOR).requires(Requirement.FRESH)
 *     .steps(Steps.connect("alice"), Steps.send("alice", "你好"),
 *         Steps.expect("alice", Matchers.autoReply()))
 *     .build();
 * }</pre>
 */
@JsonPropertyOrder({"id", "title", "expectation", "rules", "tags", "profiles", "requires", "informational",
    "timeout", "steps"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Scenario(String id, String title, String expectation, List<String> rules, List<String> tags,
                       Set<Profile> profiles, Set<Requirement> requires, boolean informational,
                       Duration timeout, List<Step> steps) {
  /** {@code suite.section.case}, e.g. {@code operator.2.1}. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public Scenario {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must look like \"operator.2.1\" (" + ID.pattern() + "): " + id);
    }
    requireText(title, "title");
    requireText(expectation, "expectation");
    rules = rules == null ? List.of() : List.copyOf(rules);
    tags = tags == null ? List.of() : List.copyOf(tags);
    profiles = profiles == null || profiles.isEmpty() ? Set.of(Profile.values()) : Set.copyOf(profiles);
    requires = requires == null ? Set.of() : Set.copyOf(requires);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one step");
    }
  }

  /** Tags of cases that run only when asked for by tag, suite or id (not in the default run). */
  public static final Set<String> OPT_IN_TAGS = Set.of("hardening");

  /** Whether this case is left out of a run that does not ask for it (see {@link #OPT_IN_TAGS}). */
  @JsonIgnore
  public boolean optIn() {
    return tags.stream().anyMatch(OPT_IN_TAGS::contains);
  }

  /** The suite: the id's first part ({@code operator} of {@code operator.2.1}). */
  @JsonIgnore
  public String suite() {
    return id.substring(0, id.indexOf('.'));
  }

  public boolean appliesTo(Profile profile) {
    return profiles.contains(profile);
  }

  public boolean needs(Requirement requirement) {
    return requires.contains(requirement);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  private static void requireText(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a scenario needs a " + field);
    }
  }

  /** Collects a scenario in Java; {@link #build()} checks it like a file. */
  public static final class Builder {
    private final String id;
    private String title;
    private String expectation;
    private List<String> rules = List.of();
    private List<String> tags = List.of();
    private Set<Profile> profiles = EnumSet.allOf(Profile.class);
    private Set<Requirement> requires = EnumSet.noneOf(Requirement.class);
    private boolean informational;
    private Duration timeout = DEFAULT_TIMEOUT;
    private final List<Step> steps = new ArrayList<>();

    private Builder(String id) {
      this.id = id;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder expectation(String expectation) {
      this.expectation = expectation;
      return this;
    }

    public Builder rules(String... rules) {
      this.rules = List.of(rules);
      return this;
    }

    public Builder tags(String... tags) {
      this.tags = List.of(tags);
      return this;
    }

    public Builder profiles(Profile... profiles) {
      this.profiles = EnumSet.copyOf(Arrays.asList(profiles));
      return this;
    }

    public Builder requires(Requirement... requirements) {
      this.requires = requirements.length == 0
          ? EnumSet.noneOf(Requirement.class) : EnumSet.copyOf(Arrays.asList(requirements));
      return this;
    }

    public Builder informational() {
      this.informational = true;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder steps(Step... steps) {
      this.steps.addAll(Arrays.asList(steps));
      return this;
    }

    public Scenario build() {
      return new Scenario(id, title, expectation, rules, tags, profiles, requires, informational, timeout, steps);
    }
  }
}
