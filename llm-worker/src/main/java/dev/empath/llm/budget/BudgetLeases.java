package dev.empath.llm.budget;

import dev.empath.platform.threads.DaemonThreads;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;

/**
 * Takes the game budget off the request path: a replica leases a chunk of a game's requests and
 * tokens from the shared buckets ({@link BudgetBuckets}) and admits requests from it by a local
 * check, going to Redis only when the lease runs short — then, in one script call, for the
 * request's own need plus a new chunk.
 *
 * <p>The shared budget is never overspent: what a lease holds was taken from the buckets
 * atomically, like any request's need. The price is fairness and timeliness, bounded by the chunk
 * ({@link #chunk}: at most a quarter of a burst, at most one lease period's refill):
 *
 * <ul>
 *   <li>a replica may hold up to one chunk per game that another replica cannot use, for up to one
 *       lease period; after that the lease is not used any more and what it holds goes back to the
 *       buckets with the next deferred flush (never beyond the burst);
 *   <li>a crash strands what its leases held, at most one chunk per game: taken from the buckets
 *       and never given back, it is made up by the buckets' refill within one lease period (a chunk
 *       is at most that period's refill);
 *   <li>a clean shutdown strands nothing: {@link #close} gives everything back, to be sent by the
 *       deferred writes' closing flush.
 * </ul>
 *
 * <p>Tight budgets (chunks below 1, e.g. a burst of 3 requests) lease nothing ahead: every request
 * then takes exactly its need from Redis, as without leases.
 *
 * <p>{@link #startRenewingAhead} tops up the leases of games in use from a background thread, half
 * way through their period, so requests rarely wait for a lease's round trip.
 *
 * <p>Give-backs are written behind, through {@link BudgetRefunds}, which this class drains as one
 * of the {@link WriteBehind} sources (with the refunds' other writes).
 */
public final class BudgetLeases implements WriteBehindSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BudgetLeases.class);

  /** How much a lease takes ahead, beyond a request's own need. */
  public record Chunk(long requests, long tokens) {}

  /** One game's lease on this replica. */
  private static final class Lease {
    final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    long requests;
    long tokens;
    boolean retired; // removed from the map: a thread that waited for its lock must look again
    // Written under lock, also read without it by the sweep for expired leases.
    volatile long takenAtNanos;
    volatile long usedAtNanos; // the last local take

    Lease(long now) {
      this.takenAtNanos = now;
    }
  }

  private final BudgetBuckets budget;
  private final BudgetRefunds refunds;
  private final long periodNanos;
  private final Chunk chunk;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private final LongAdder redisCalls = new LongAdder();
  private volatile ScheduledExecutorService renewer;
  private volatile boolean closed;

  /**
   * @param refunds where leftovers go back; drained by this class (see {@link #drainTo}), so it may
   *     be the one that also holds the requests' token refunds
   * @param leasePeriod how long a lease is used; also sizes the chunk
   */
  public BudgetLeases(BudgetBuckets budget, BudgetRefunds refunds, Duration leasePeriod) {
    if (leasePeriod.isNegative() || leasePeriod.isZero()) {
      throw new IllegalArgumentException("lease period must be positive: " + leasePeriod);
    }
    this.budget = budget;
    this.refunds = refunds;
    this.periodNanos = leasePeriod.toNanos();
    this.chunk = chunk(budget.settings(), leasePeriod);
  }

  /**
   * What a lease takes ahead: a quarter of a burst at most, so a few replicas can hold leases at
   * once and the rest stays shared, and one lease period's refill at most, so what a crash strands
   * is made up within a period. Below 1, nothing.
   */
  public static Chunk chunk(BudgetSettings settings, Duration leasePeriod) {
    double seconds = leasePeriod.toNanos() / 1e9;
    return new Chunk(
        whole(Math.min(settings.requestBurst() / 4, settings.requestsPerSecond() * seconds)),
        whole(Math.min(settings.tokenBurst() / 4, settings.tokensPerMinute() / 60 * seconds)));
  }

  private static long whole(double amount) {
    return amount >= 1 ? (long) Math.floor(amount) : 0;
  }

  public Chunk chunk() {
    return chunk;
  }

  /**
   * Takes one request and {@code estimatedTokens} from {@code gameId}'s lease, or, if it holds too
   * little, from Redis on this thread, with a new chunk. A refusal takes nothing, and gives the
   * reasons of {@link BudgetBuckets#decision}.
   *
   * @throws RuntimeException if Redis fails; the lease is then as it was
   */
  public BudgetDecision tryTake(String gameId, int estimatedTokens) {
    if (estimatedTokens < 0) {
      throw new IllegalArgumentException("negative token estimate: " + estimatedTokens);
    }
    while (true) {
      Lease lease = leases.computeIfAbsent(gameId, g -> new Lease(System.nanoTime()));
      lock(lease, gameId);
      try {
        if (!lease.retired) {
          return take(gameId, lease, estimatedTokens);
        }
      } finally {
        lease.lock.unlock();
      }
    }
  }

  /** How many script calls took from Redis (refusals and failures included). */
  public long redisCalls() {
    return redisCalls.sum();
  }

  private BudgetDecision take(String gameId, Lease lease, long needTokens) {
    long now = System.nanoTime();
    if (expired(lease, now)) {
      giveBack(gameId, lease);
    }
    if (lease.requests >= 1 && lease.tokens >= needTokens) {
      lease.requests--;
      lease.tokens -= needTokens;
      lease.usedAtNanos = now;
      return BudgetDecision.ALLOWED;
    }
    // What the lease holds goes towards the need; Redis gives the rest and tops the lease up to a
    // chunk, so a lease never holds more than one chunk.
    long ownRequests = Math.min(lease.requests, 1);
    long ownTokens = Math.min(lease.tokens, needTokens);
    long leftRequests = lease.requests - ownRequests;
    long leftTokens = lease.tokens - ownTokens;
    // Once closed, nothing more is leased: it would be stranded.
    long moreRequests = closed ? 0 : Math.max(0, chunk.requests() - leftRequests);
    long moreTokens = closed ? 0 : Math.max(0, chunk.tokens() - leftTokens);
    redisCalls.increment();
    BudgetBuckets.Leased got =
        budget.lease(gameId, 1 - ownRequests, needTokens - ownTokens, moreRequests, moreTokens);
    if (!got.decision().allowed()) {
      return got.decision();
    }
    lease.requests = leftRequests + got.requests();
    lease.tokens = leftTokens + got.tokens();
    lease.takenAtNanos = now;
    return BudgetDecision.ALLOWED;
  }

  /**
   * Tops up, every quarter period on a daemon thread, the leases that were used since their last
   * take and are half way through their period: to a full chunk again, with a new period, in one
   * script call made without holding the lease, so requests keep spending it meanwhile. A lease
   * nobody used is left to expire. Stopped by {@link #close}.
   */
  public BudgetLeases startRenewingAhead() {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("budget-lease-renewal"));
    long every = Math.max(TimeUnit.MILLISECONDS.toNanos(10), periodNanos / 4);
    scheduler.scheduleWithFixedDelay(this::renewAhead, every, every, TimeUnit.NANOSECONDS);
    renewer = scheduler;
    return this;
  }

  /** One pass of {@link #startRenewingAhead}. */
  void renewAhead() {
    for (Map.Entry<String, Lease> e : leases.entrySet()) {
      try {
        renew(e.getKey(), e.getValue());
      } catch (RuntimeException failed) {
        // The request path takes its own share when the lease runs short; nothing is lost here.
        log.debug("renewing the budget lease of {} failed: {}", e.getKey(), failed.toString());
      }
    }
  }

  private void renew(String gameId, Lease lease) {
    long now = System.nanoTime();
    long taken = lease.takenAtNanos;
    if (closed || lease.usedAtNanos <= taken || now - taken < periodNanos / 2) {
      return;
    }
    long moreRequests;
    long moreTokens;
    lease.lock.lock();
    try {
      if (lease.retired || lease.takenAtNanos != taken) {
        return; // gone, or a request renewed it meanwhile
      }
      moreRequests = Math.max(0, chunk.requests() - lease.requests);
      moreTokens = Math.max(0, chunk.tokens() - lease.tokens);
    } finally {
      lease.lock.unlock();
    }
    BudgetBuckets.Leased got = new BudgetBuckets.Leased(BudgetDecision.ALLOWED, 0, 0);
    if (moreRequests > 0 || moreTokens > 0) {
      redisCalls.increment();
      got = budget.lease(gameId, 0, 0, moreRequests, moreTokens);
    }
    lease.lock.lock();
    try {
      if (lease.retired) {
        refunds.refundLater(gameId, got.requests(), got.tokens()); // taken for nobody: back
        return;
      }
      lease.requests += got.requests();
      lease.tokens += got.tokens();
      lease.takenAtNanos = now;
    } finally {
      lease.lock.unlock();
    }
  }

  /**
   * Waits for the lease, taken by another request's Redis call perhaps, but not beyond one lease
   * period: with Redis hanging, requests fail instead of queueing behind each other's timeouts.
   */
  private void lock(Lease lease, String gameId) {
    try {
      if (!lease.lock.tryLock(periodNanos, TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("budget lease of game " + gameId + " busy too long");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a budget lease", e);
    }
  }

  private boolean expired(Lease lease, long now) {
    return now - lease.takenAtNanos >= periodNanos;
  }

  private void giveBack(String gameId, Lease lease) {
    refunds.refundLater(gameId, lease.requests, lease.tokens);
    lease.requests = 0;
    lease.tokens = 0;
  }

  private void retire(String gameId, Lease lease) {
    giveBack(gameId, lease);
    lease.retired = true;
    leases.remove(gameId, lease);
  }

  /** Gives back what expired leases hold, and forgets them: no game's lease outlives a period. */
  private void expire() {
    long now = System.nanoTime();
    for (Map.Entry<String, Lease> e : leases.entrySet()) {
      Lease lease = e.getValue();
      // A lease locked now is being used or renewed: the next sweep sees it.
      if (expired(lease, now) && lease.lock.tryLock()) {
        try {
          if (!lease.retired && expired(lease, now)) {
            retire(e.getKey(), lease);
          }
        } finally {
          lease.lock.unlock();
        }
      }
    }
  }

  /**
   * Also sweeps for expired leases: {@link WriteBehind} asks this every flush interval, so leases
   * of games that see no more requests go back too.
   */
  @Override
  public boolean holdsWrites() {
    expire();
    return refunds.holdsWrites();
  }

  @Override
  public int drainTo(AbstractPipeline pipeline) {
    expire();
    return refunds.drainTo(pipeline);
  }

  /**
   * Gives back everything leased and leases nothing more; the deferred writes' next flush (their
   * {@code close}, when this is closed before them) sends it.
   */
  @Override
  public void close() {
    closed = true;
    ScheduledExecutorService scheduler = renewer;
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        // A renewal in flight gives back what it took once it sees the leases retired below.
        scheduler.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Map.Entry<String, Lease> e : leases.entrySet()) {
      Lease lease = e.getValue();
      lease.lock.lock();
      try {
        if (!lease.retired) {
          retire(e.getKey(), lease);
        }
      } finally {
        lease.lock.unlock();
      }
    }
  }
}
