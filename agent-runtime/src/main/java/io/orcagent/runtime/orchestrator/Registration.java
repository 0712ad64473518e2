package io.orcagent.runtime.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.runtime.agent.AgentIdentity;
import io.orcagent.runtime.agent.ApiFlavourState;
import io.orcagent.runtime.agent.ApiFlavourState.Flavour;
import io.orcagent.runtime.agent.Talkback;

/**
 * Keeps the agent registered with every configured orchestrator node: registers once the HTTP server
 * listens, retries with backoff until accepted (not after an hour, as the Go agent does), pings every
 * poll interval and re-registers every resubmit interval. One virtual thread per node.
 */
public final class Registration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);

    private final OrchestratorClient client;
    private final List<OrchestratorNode> nodes;
    private final Supplier<AgentIdentity> identity;
    private final Policy policy;
    private final ApiFlavourState flavour;
    private final Talkback talkback;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * Timing and dialect settings.
     *
     * @param api which dialect to use: null for auto-detection (seed first, legacy on 404)
     * @param pollInterval heartbeat period
     * @param resubmitInterval re-registration period
     */
    public record Policy(Flavour api, Duration pollInterval, Duration resubmitInterval) {

        /**
         * Validates.
         *
         * @param api dialect or null
         * @param pollInterval poll interval
         * @param resubmitInterval resubmit interval
         */
        public Policy {
            Objects.requireNonNull(pollInterval, "pollInterval is null");
            Objects.requireNonNull(resubmitInterval, "resubmitInterval is null");
        }
    }

    /**
     * Creates the registration loop (not started).
     *
     * @param client the client
     * @param nodes orchestrator nodes
     * @param identity the agent's identity
     * @param policy timing and dialect
     * @param flavour where the detected dialect is recorded
     * @param talkback where successful exchanges are recorded
     */
    public Registration(OrchestratorClient client, List<OrchestratorNode> nodes, Supplier<AgentIdentity> identity,
                        Policy policy, ApiFlavourState flavour, Talkback talkback) {
        this.client = Objects.requireNonNull(client, "client is null");
        this.nodes = List.copyOf(nodes);
        this.identity = Objects.requireNonNull(identity, "identity is null");
        this.policy = Objects.requireNonNull(policy, "policy is null");
        this.flavour = Objects.requireNonNull(flavour, "flavour is null");
        this.talkback = Objects.requireNonNull(talkback, "talkback is null");
    }

    /** Starts one loop per node. Call only once the HTTP server is listening. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (OrchestratorNode node : nodes) {
            threads.add(Thread.ofVirtual().name("registration-" + node.base().getHost()).start(() -> loop(node)));
        }
    }

    /**
     * Registers once with a node, choosing the dialect.
     *
     * @param node the node
     * @return the result
     * @throws InterruptedException when interrupted
     */
    public RegistrationResult registerOnce(OrchestratorNode node) throws InterruptedException {
        AgentIdentity me = identity.get();
        if (policy.api() == Flavour.LEGACY) {
            return client.submitLegacy(node, me);
        }
        RegistrationResult seed = client.registerSeed(node, me);
        if (policy.api() == null && !seed.accepted() && seed.problem().equals("not-found")) {
            return client.submitLegacy(node, me);
        }
        return seed;
    }

    private void loop(OrchestratorNode node) {
        Duration retry = FIRST_RETRY;
        Instant resubmitAt = Instant.MIN;
        try {
            while (running) {
                if (!Instant.now().isBefore(resubmitAt)) {
                    RegistrationResult result = registerOnce(node);
                    if (!result.accepted()) {
                        LOG.warn("registration with orchestrator {} failed: {}; retrying in {}s", node,
                                result.problem().equals("not-found") ? "HTTP 404" : result.problem(), retry.toSeconds());
                        Thread.sleep(retry);
                        retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
                        continue;
                    }
                    Flavour used = result.flavour().orElseThrow();
                    LOG.info("registered with orchestrator {} ({} API)", node, used == Flavour.SEED ? "seed" : "legacy");
                    flavour.detected(used);
                    talkback.succeeded();
                    retry = FIRST_RETRY;
                    resubmitAt = Instant.now().plus(policy.resubmitInterval());
                }
                Thread.sleep(policy.pollInterval());
                if (client.ping(node)) {
                    talkback.succeeded();
                } else {
                    LOG.warn("heartbeat to orchestrator {} failed", node);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
    }
}
