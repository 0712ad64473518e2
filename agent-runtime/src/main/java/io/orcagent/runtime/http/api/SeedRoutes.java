package io.orcagent.runtime.http.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Peer;
import io.orcagent.api.Stage;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.ErrorEnvelope;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.seed.SeedEngine;
import io.orcagent.runtime.seed.SeedRecord;
import io.orcagent.runtime.seed.SeedRequestException;
import io.orcagent.runtime.seed.StageState;
import io.orcagent.runtime.seed.StartOutcome;
import io.orcagent.runtime.wire.ActiveSeedJson;
import io.orcagent.runtime.wire.SeedMetadataJson;
import io.orcagent.runtime.wire.SeedProgressJson;
import io.orcagent.runtime.wire.SeedStageStateJson;

/**
 * The seed API of wire-contract §1.1 (#11–#19): stage calls answer {@code 202 Started} at once and the
 * work runs in the background; state, metadata, abort and the post-seed command.
 */
public final class SeedRoutes implements RouteSet {

    private final SeedEngine engine;
    private final Optional<String> postSeedCommand;
    private final CustomCommandRoutes commands;

    /**
     * Creates the routes.
     *
     * @param engine the seed engine
     * @param postSeedCommand the configured {@code post-seed-command}, if any
     * @param commands runs configured commands
     */
    public SeedRoutes(SeedEngine engine, Optional<String> postSeedCommand, CustomCommandRoutes commands) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.postSeedCommand = Objects.requireNonNull(postSeedCommand, "postSeedCommand is null");
        this.commands = Objects.requireNonNull(commands, "commands is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/prepare/:seedID/:seedMethod/:seedSide", Access.TOKEN, (req, p) -> {
            long id = RequestValues.seedId(p.get("seedID"));
            String method = RequestValues.method(p.get("seedMethod"));
            return started(Stage.PREPARE, call(() -> engine.prepare(id, method, RequestValues.side(p.get("seedSide")))));
        });
        router.get("/api/backup/:seedID/:seedMethod/:seedHost/:mysqlPort", Access.TOKEN, (req, p) -> {
            long id = RequestValues.seedId(p.get("seedID"));
            String method = RequestValues.method(p.get("seedMethod"));
            Peer peer = new Peer(RequestValues.host(p.get("seedHost")), RequestValues.port(p.get("mysqlPort")));
            return started(Stage.BACKUP, call(() -> engine.backup(id, method, peer)));
        });
        router.get("/api/restore/:seedID/:seedMethod", Access.TOKEN, (req, p) -> {
            long id = RequestValues.seedId(p.get("seedID"));
            String method = RequestValues.method(p.get("seedMethod"));
            return started(Stage.RESTORE, call(() -> engine.restore(id, method)));
        });
        router.get("/api/cleanup/:seedID/:seedMethod/:seedSide", Access.TOKEN, (req, p) -> {
            long id = RequestValues.seedId(p.get("seedID"));
            String method = RequestValues.method(p.get("seedMethod"));
            return started(Stage.CLEANUP, call(() -> engine.cleanup(id, method, RequestValues.side(p.get("seedSide")))));
        });
        router.get("/api/get-metadata/:seedID/:seedMethod", Access.TOKEN, (req, p) -> {
            long id = RequestValues.seedId(p.get("seedID"));
            String method = RequestValues.method(p.get("seedMethod"));
            BinlogCoordinates c = call(() -> engine.metadata(id, method));
            return WireResponse.json(new SeedMetadataJson(c.logFile(), c.logPosition(), c.gtidExecuted(),
                    c.mariadbGtidPosition()));
        });
        router.get("/api/seed-stage-state/:seedID/:seedStage", Access.TOKEN, (req, p) -> {
            Stage stage = RequestValues.stage(p.get("seedStage"));
            long id = RequestValues.seedId(p.get("seedID"));
            return WireResponse.json(json(call(() -> engine.state(id, stage))));
        });
        router.get("/api/seed-progress/:seedID/:seedStage", Access.TOKEN, (req, p) -> {
            Stage stage = RequestValues.stage(p.get("seedStage"));
            long id = RequestValues.seedId(p.get("seedID"));
            StageState s = call(() -> engine.state(id, stage));
            return WireResponse.json(new SeedProgressJson(s.seedId(), s.stage().wireName(), s.status().name(),
                    s.details(), s.timestamp(), s.progress().done(), s.progress().total(),
                    s.progress().bytesPerSecond()));
        });
        router.get("/api/abort-seed-stage/:seedID/:seedStage", Access.TOKEN, (req, p) -> {
            long id = RequestValues.seedId(p.get("seedID"));
            Stage stage = RequestValues.stage(p.get("seedStage"));
            return WireResponse.text(200, engine.abort(id, stage) ? "killed" : "not running");
        });
        router.get("/api/active-seed", Access.TOKEN, (req, p) -> WireResponse.json(activeSeed()));
        router.get("/api/post-seed-cmd/:seedID", Access.TOKEN, (req, p) -> {
            long id = RequestValues.seedId(p.get("seedID"));
            if (engine.current().map(s -> s.seedId() != id).orElse(true)) {
                throw new AgentHttpException("Unable to execute post seed command. SeedID not found");
            }
            if (postSeedCommand.isEmpty()) {
                return WireResponse.json(true);
            }
            return WireResponse.json(ErrorEnvelope.ok(commands.run(postSeedCommand.get())));
        });
    }

    private ActiveSeedJson activeSeed() {
        Optional<SeedRecord> current = engine.current();
        if (current.isEmpty()) {
            return new ActiveSeedJson(0, "Running", "ClonePlugin", "Target", "Prepare", null);
        }
        SeedRecord seed = current.get();
        Map<String, SeedStageStateJson> details = new LinkedHashMap<>();
        seed.stages().values().stream()
                .sorted((a, b) -> Integer.compare(goOrdinal(a.stage()), goOrdinal(b.stage())))
                .forEach(s -> details.put(Integer.toString(goOrdinal(s.stage())), json(s)));
        return new ActiveSeedJson(seed.seedId(), seed.overall().name(), seed.method(), seed.side().wireName(),
                seed.currentStage().wireName(), details);
    }

    /**
     * The Go agent's Stage ordinal (Prepare, Backup, Restore, Cleanup, ConnectSlave).
     *
     * @param stage the stage
     * @return the ordinal
     */
    static int goOrdinal(Stage stage) {
        return switch (stage) {
            case PREPARE -> 0;
            case BACKUP -> 1;
            case RESTORE -> 2;
            case CLEANUP -> 3;
            case CONNECT_SLAVE -> 4;
        };
    }

    private static SeedStageStateJson json(StageState s) {
        return new SeedStageStateJson(s.seedId(), s.stage().wireName(), s.hostname(), s.timestamp(),
                s.status().name(), s.details());
    }

    private static WireResponse started(Stage stage, StartOutcome outcome) {
        return outcome == StartOutcome.STARTED
                ? WireResponse.text(202, "Started")
                : WireResponse.text(202, stage.wireName() + " stage already started for seed");
    }

    private static <T> T call(EngineCall<T> call) throws Exception {
        try {
            return call.run();
        } catch (SeedRequestException e) {
            throw new AgentHttpException(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface EngineCall<T> {
        T run() throws Exception;
    }
}
