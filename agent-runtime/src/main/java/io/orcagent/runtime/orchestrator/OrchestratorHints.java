package io.orcagent.runtime.orchestrator;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.runtime.config.OrchestratorConfig;
import io.orcagent.runtime.config.OrchestratorHintsConfig;
import io.orcagent.runtime.config.PromotionRule;
import io.orcagent.runtime.exec.ShellCommand;

/**
 * Does the jobs orchestrator's deployment guide puts in cron on every MySQL host, through orchestrator's
 * main API and on its leader:
 * <ul>
 * <li>self-discovery ({@code discover}) at start and every {@code discover-interval};</li>
 * <li>the promotion rule ({@code register-candidate}) every {@code promotion-rule-interval}, from the
 *     config or from an operator's command;</li>
 * <li>continuous downtime ({@code begin-downtime} for {@code downtime-duration}, renewed at about half of
 *     it), switchable at runtime; switched off, renewals stop and the last downtime lapses.</li>
 * </ul>
 * Every interval is jittered. A failed call is tried again after a minute, then after twice as long each
 * time it fails again, never later than the job's own interval. One scheduler runs the jobs in turn.
 */
public final class OrchestratorHints implements DowntimeSwitch, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorHints.class);

    /** The first retry after a failure comes this long after it (or after the job's own interval, when shorter). */
    static final Duration RETRY = Duration.ofMinutes(1);

    private final OrchestratorHintsConfig config;
    private final InstanceKey instance;
    private final OrchestratorApi api;
    private final LeaderSelector leader;
    private final Optional<PromotionRuleSource> rules;
    private final HintScheduler scheduler;
    private final Jitter jitter;

    private final Object lock = new Object();
    private boolean started;
    private boolean closed;
    private boolean downtimeWanted;
    private boolean downtimeOverridden;
    private long downtimeGeneration;
    private HintScheduler.Scheduled downtimeJob;
    private Instant heldUntil;
    private String lastDowntimeError;
    private PromotionRule lastAnnounced;
    private int discoverFailures;
    private int announceFailures;
    private int downtimeFailures;

    /**
     * Creates the hints (not started).
     *
     * @param config the hints configuration
     * @param instance the local MySQL as orchestrator knows it
     * @param api orchestrator's main API
     * @param leader sends calls to the leader
     * @param rules where the promotion rule comes from, or empty for none
     * @param scheduler runs the jobs; closed with these hints
     * @param jitter randomises the intervals
     */
    public OrchestratorHints(OrchestratorHintsConfig config, InstanceKey instance, OrchestratorApi api,
                             LeaderSelector leader, Optional<PromotionRuleSource> rules, HintScheduler scheduler,
                             Jitter jitter) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.instance = Objects.requireNonNull(instance, "instance is null");
        this.api = Objects.requireNonNull(api, "api is null");
        this.leader = Objects.requireNonNull(leader, "leader is null");
        this.rules = Objects.requireNonNull(rules, "rules is null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.jitter = Objects.requireNonNull(jitter, "jitter is null");
        this.downtimeWanted = config.downtime();
    }

    /**
     * The hints the configuration asks for, with the production scheduler and real randomness.
     *
     * @param orchestrator the {@code [orchestrator]} section
     * @param instance the local MySQL ({@code common.hostname}, {@code mysql.port})
     * @param http the HTTP client (the agent's TLS settings for orchestrator)
     * @param timeout per-request timeout ({@code http-timeout})
     * @param shell runs {@code promotion-rule-command}
     * @return the hints, or empty when {@code api-url} is not set
     */
    public static Optional<OrchestratorHints> create(OrchestratorConfig orchestrator, InstanceKey instance,
                                                     HttpClient http, Duration timeout, ShellCommand shell) {
        return orchestrator.hints().map(config -> {
            Optional<ApiCredentials> credentials = config.apiUser()
                    .map(user -> new ApiCredentials(user, config.apiPassword()));
            OrchestratorApi api = new OrchestratorApi(http, timeout, credentials);
            LeaderSelector leader = new LeaderSelector(api,
                    config.apiUrls().stream().map(OrchestratorApiNode::new).toList());
            return new OrchestratorHints(config, instance, api, leader, PromotionRuleSource.from(config, shell),
                    new ExecutorHintScheduler(Clock.systemUTC()), Jitter.random(config.hintJitter()));
        });
    }

    /** Schedules the first call of each job (each after a short random delay). */
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
            if (config.discoveryEnabled()) {
                scheduler.schedule(jitter.startDelay(config.discoverInterval()), this::discover);
            }
            if (rules.isPresent()) {
                scheduler.schedule(jitter.startDelay(config.promotionRuleInterval()), this::announce);
            }
            if (downtimeWanted) {
                scheduleDowntime(jitter.startDelay(renewInterval()));
            }
        }
        LOG.info("orchestrator hints for {} via {}: self-discovery {}, promotion rule {}, continuous downtime {}",
                instance, config.apiUrls(), config.discoveryEnabled() ? "every " + config.discoverInterval() : "off",
                rules.isPresent() ? "every " + config.promotionRuleInterval() : "off",
                config.downtime() ? "on (" + config.downtimeDuration() + ")" : "off");
    }

    @Override
    public DowntimeState downtimeState() {
        synchronized (lock) {
            Instant until = heldUntil != null && heldUntil.isAfter(scheduler.now()) ? heldUntil : null;
            return new DowntimeState(downtimeWanted,
                    downtimeOverridden ? DowntimeState.RUNTIME : DowntimeState.CONFIG, until, lastDowntimeError);
        }
    }

    @Override
    public DowntimeState turnDowntime(boolean on) {
        synchronized (lock) {
            downtimeOverridden = true;
            if (on != downtimeWanted) {
                downtimeWanted = on;
                downtimeGeneration++;
                if (downtimeJob != null) {
                    downtimeJob.cancel();
                    downtimeJob = null;
                }
                if (on && started && !closed) {
                    scheduleDowntime(Duration.ZERO);
                }
                LOG.info("continuous downtime of {} turned {} at runtime{}", instance, on ? "on" : "off",
                        on || heldUntil == null ? "" : "; the current downtime lapses at " + heldUntil);
            }
        }
        return downtimeState();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        scheduler.close();
    }

    private void discover() {
        Duration next = jitter.apply(config.discoverInterval());
        try {
            leader.call(node -> {
                String message = api.discover(node, instance);
                LOG.info("orchestrator {} discovered {}: {}", node, instance, message);
                return message;
            });
            discoverFailures = 0;
        } catch (OrchestratorApiException e) {
            next = retry(config.discoverInterval(), ++discoverFailures);
            LOG.warn("self-discovery of {} failed: {}; trying again in {}s", instance, e.getMessage(),
                    next.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.error("self-discovery of {} failed", instance, e);
        }
        reschedule(next, this::discover);
    }

    private void announce() {
        Duration next = jitter.apply(config.promotionRuleInterval());
        try {
            Optional<PromotionRule> rule = rules.orElseThrow().current();
            if (rule.isPresent()) {
                leader.call(node -> {
                    String message = api.registerCandidate(node, instance, rule.get());
                    if (rule.get() != lastAnnounced) {
                        LOG.info("orchestrator {} has promotion rule {} for {}", node, rule.get().wireName(), instance);
                    } else {
                        LOG.debug("orchestrator {} renewed promotion rule {} for {}", node, rule.get().wireName(),
                                instance);
                    }
                    lastAnnounced = rule.get();
                    return message;
                });
            }
            announceFailures = 0;
        } catch (OrchestratorApiException e) {
            next = retry(config.promotionRuleInterval(), ++announceFailures);
            LOG.warn("promotion rule of {} not announced: {}; trying again in {}s", instance, e.getMessage(),
                    next.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.error("promotion rule of {} not announced", instance, e);
        }
        reschedule(next, this::announce);
    }

    private void renewDowntime(long generation) {
        synchronized (lock) {
            if (closed || !downtimeWanted || generation != downtimeGeneration) {
                return;
            }
        }
        Instant sent = scheduler.now();
        Duration next = jitter.apply(renewInterval());
        try {
            leader.call(node -> {
                String message = api.beginDowntime(node, instance, config.downtimeOwner(), config.downtimeReason(),
                        config.downtimeDuration());
                LOG.debug("orchestrator {} downtimed {} for {}", node, instance, config.downtimeDuration());
                return message;
            });
            synchronized (lock) {
                if (heldUntil == null || !heldUntil.isAfter(sent)) {
                    LOG.info("{} is downtimed in orchestrator for {}, renewed while continuous downtime is on",
                            instance, config.downtimeDuration());
                }
                heldUntil = sent.plus(config.downtimeDuration());
                lastDowntimeError = null;
            }
            downtimeFailures = 0;
        } catch (OrchestratorApiException e) {
            next = retry(renewInterval(), ++downtimeFailures);
            synchronized (lock) {
                lastDowntimeError = e.getMessage();
            }
            LOG.warn("downtime of {} not renewed: {}; trying again in {}s", instance, e.getMessage(), next.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.error("downtime of {} not renewed", instance, e);
        }
        synchronized (lock) {
            if (!closed && downtimeWanted && generation == downtimeGeneration) {
                scheduleDowntime(next);
            }
        }
    }

    /** Call with the lock held. */
    private void scheduleDowntime(Duration delay) {
        long generation = downtimeGeneration;
        downtimeJob = scheduler.schedule(delay, () -> renewDowntime(generation));
    }

    /** Renew at about half the duration, so a failed renewal still leaves time to retry before the downtime ends. */
    private Duration renewInterval() {
        return config.downtimeDuration().dividedBy(2);
    }

    /** After the n-th failure in a row: 1m, 2m, 4m, … but never more than the job's interval. */
    private Duration retry(Duration interval, int failures) {
        Duration backoff = RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return jitter.apply(backoff.compareTo(interval) < 0 ? backoff : interval);
    }

    private void reschedule(Duration delay, Runnable job) {
        synchronized (lock) {
            if (!closed) {
                scheduler.schedule(delay, job);
            }
        }
    }
}
