package io.orcagent.runtime.http.api;

import java.util.Objects;

import io.orcagent.api.CommandFailedException;
import io.orcagent.api.MysqlService;
import io.orcagent.runtime.agent.AgentDataService;
import io.orcagent.runtime.agent.ApiFlavourState;
import io.orcagent.runtime.agent.HostView;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;

/**
 * The MySQL service and its facts: start/stop/status, port, disk usage, free space, error-log tail.
 * Where the two orchestrator flavours expect different bodies, the agent answers in the flavour it
 * registered with.
 */
public final class MysqlRoutes implements RouteSet {

    private final MysqlService service;
    private final HostView host;
    private final int mysqlPort;
    private final ApiFlavourState flavour;
    private final AgentDataService data;

    /**
     * Creates the routes.
     *
     * @param service MySQL service control
     * @param host host facts
     * @param mysqlPort configured MySQL port
     * @param flavour the answering flavour
     * @param data get-agent-data, returned by the seed flavour's service commands
     */
    public MysqlRoutes(MysqlService service, HostView host, int mysqlPort, ApiFlavourState flavour,
                       AgentDataService data) {
        this.service = Objects.requireNonNull(service, "service is null");
        this.host = Objects.requireNonNull(host, "host is null");
        this.mysqlPort = mysqlPort;
        this.flavour = Objects.requireNonNull(flavour, "flavour is null");
        this.data = Objects.requireNonNull(data, "data is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/mysql-start", Access.TOKEN, (req, params) -> {
            runService(true);
            return serviceReply();
        });
        router.get("/api/mysql-stop", Access.TOKEN, (req, params) -> {
            runService(false);
            return serviceReply();
        });
        router.get("/api/mysql-status", Access.TOKEN, (req, params) -> WireResponse.json(host.mysqlRunning()));
        router.get("/api/mysql-port", Access.TOKEN, (req, params) -> WireResponse.json(mysqlPort));
        router.get("/api/mysql-du", Access.TOKEN, (req, params) -> WireResponse.json(host.datadirUsed()));
        router.get("/api/mysql-datadir-available-space", Access.TOKEN,
                (req, params) -> WireResponse.json(host.datadirFree()));
        router.get("/api/mysql-error-log-tail", Access.TOKEN, (req, params) -> {
            if (flavour.current() == ApiFlavourState.Flavour.LEGACY) {
                return WireResponse.json(host.errorLogTail(20));
            }
            return WireResponse.json(String.join("\n", host.errorLogTail(40)));
        });
    }

    private void runService(boolean start) throws InterruptedException {
        try {
            if (start) {
                service.start();
            } else {
                service.stop();
            }
        } catch (CommandFailedException e) {
            throw new AgentHttpException(e.getMessage());
        }
    }

    // The seed fork decodes these replies into its Data struct; Go's bare `true` made it blank the
    // stored agent data (orchestrator-side §b), so that flavour gets the real object.
    private WireResponse serviceReply() {
        return flavour.current() == ApiFlavourState.Flavour.SEED
                ? WireResponse.json(data.collect())
                : WireResponse.json(true);
    }
}
