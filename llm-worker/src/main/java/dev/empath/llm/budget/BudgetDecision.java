package dev.empath.llm.budget;

/** Whether a game may make a remote call now, and why not. */
public record BudgetDecision(boolean allowed, String reason) {

  public static final BudgetDecision ALLOWED = new BudgetDecision(true, "");
}
