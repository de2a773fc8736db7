/**
 * The game budget: what a game may spend on remote provider calls and how a call is admitted
 * against it.
 *
 * <ul>
 *   <li>{@link dev.empath.llm.budget.BudgetBuckets}: the per-game token buckets in Redis, shared by
 *       every replica; {@link dev.empath.llm.budget.BudgetSettings} their sizes and rates.
 *   <li>{@link dev.empath.llm.budget.BudgetLeases}: a replica's local share of a game's buckets.
 *   <li>{@link dev.empath.llm.budget.CallAdmission}: a cached answer, or the budget's {@link
 *       dev.empath.llm.budget.BudgetDecision} for a provider call.
 *   <li>{@link dev.empath.llm.budget.BudgetRefunds}: reserved tokens given back after the call.
 *   <li>{@link dev.empath.llm.budget.WriteBehind}: sends the give-backs, and the cache entries and
 *       usage figures, from a background thread ({@link dev.empath.llm.budget.WriteBehindSource}).
 * </ul>
 */
package dev.empath.llm.budget;
