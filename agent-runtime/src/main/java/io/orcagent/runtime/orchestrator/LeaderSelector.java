package io.orcagent.runtime.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.runtime.orchestrator.OrchestratorApiException.Kind;

/**
 * Sends each call to orchestrator's leader, as {@code orchestrator-client} does with several API
 * URLs. With one node there is nothing to choose (it may be a proxy or a single server), so calls go
 * straight to it. With several, the leader is the first node, in configured order, that answers
 * {@code leader-check} with 200; it is remembered, and looked for again only when it cannot be
 * reached. A refusal (orchestrator's ERROR answer) is not a reason to change nodes: every node would
 * give the same answer.
 */
public final class LeaderSelector {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderSelector.class);

    private final OrchestratorApi api;
    private final List<OrchestratorApiNode> nodes;
    private OrchestratorApiNode leader;

    /**
     * A call made on one node.
     *
     * @param <T> the result
     */
    @FunctionalInterface
    public interface NodeCall<T> {

        /**
         * Makes the call.
         *
         * @param node the node to call
         * @return the result
         * @throws OrchestratorApiException when it fails
         * @throws InterruptedException when interrupted
         */
        T call(OrchestratorApiNode node) throws OrchestratorApiException, InterruptedException;
    }

    /**
     * Creates the selector.
     *
     * @param api the client used for {@code leader-check}
     * @param nodes the configured {@code api-url}s, at least one, in file order
     */
    public LeaderSelector(OrchestratorApi api, List<OrchestratorApiNode> nodes) {
        this.api = Objects.requireNonNull(api, "api is null");
        this.nodes = List.copyOf(nodes);
        if (this.nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one orchestrator API node is required");
        }
    }

    /**
     * Makes a call on the leader.
     *
     * @param <T> the result
     * @param call the call
     * @return its result
     * @throws OrchestratorApiException when no leader is found, or the call fails on it
     * @throws InterruptedException when interrupted
     */
    public synchronized <T> T call(NodeCall<T> call) throws OrchestratorApiException, InterruptedException {
        if (nodes.size() == 1) {
            return call.call(nodes.get(0));
        }
        if (leader != null) {
            try {
                return call.call(leader);
            } catch (OrchestratorApiException e) {
                if (e.kind() != Kind.UNREACHABLE) {
                    throw e;
                }
                LOG.info("orchestrator leader {} is unreachable ({}); looking for the leader again", leader,
                        e.getMessage());
                leader = null;
            }
        }
        leader = findLeader();
        try {
            return call.call(leader);
        } catch (OrchestratorApiException e) {
            if (e.kind() == Kind.UNREACHABLE) {
                leader = null;
            }
            throw e;
        }
    }

    /**
     * The node the last call went to, when several are configured and one was found to lead.
     *
     * @return the remembered leader
     */
    public synchronized Optional<OrchestratorApiNode> leader() {
        return Optional.ofNullable(leader);
    }

    private OrchestratorApiNode findLeader() throws OrchestratorApiException, InterruptedException {
        List<String> answers = new ArrayList<>();
        for (OrchestratorApiNode node : nodes) {
            try {
                if (api.isLeader(node)) {
                    LOG.info("orchestrator leader is {}", node);
                    return node;
                }
                answers.add(node + ": not the leader");
            } catch (OrchestratorApiException e) {
                LOG.debug("leader-check: {}", e.getMessage());
                answers.add(e.getMessage());
            }
        }
        throw new OrchestratorApiException(Kind.UNREACHABLE, "no orchestrator node answered leader-check as the"
                + " leader (" + String.join("; ", answers) + ")");
    }
}
