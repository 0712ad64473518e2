package io.orcagent.runtime.http.api;

import java.util.Map;
import java.util.Objects;

import io.orcagent.api.CommandResult;
import io.orcagent.runtime.agent.OperatorCommands;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.ErrorEnvelope;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;

/**
 * {@code GET /api/custom-commands/:cmd}: runs the command the operator configured under that name.
 * The request only selects a configured entry; nothing from it reaches the command line.
 */
public final class CustomCommandRoutes implements RouteSet {

    private final Map<String, String> commands;
    private final OperatorCommands runner;

    /**
     * Creates the routes.
     *
     * @param commands configured commands by name
     * @param runner runs configured command lines
     */
    public CustomCommandRoutes(Map<String, String> commands, OperatorCommands runner) {
        this.commands = Map.copyOf(commands);
        this.runner = Objects.requireNonNull(runner, "runner is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/custom-commands/:cmd", Access.TOKEN, (req, params) -> {
            String name = params.get("cmd");
            String line = commands.get(name);
            if (line == null) {
                throw new AgentHttpException(printable(name) + " : Command not found");
            }
            return WireResponse.json(ErrorEnvelope.ok(run(line)));
        });
    }

    /**
     * Runs a configured command and returns its stdout, or fails with its stderr tail.
     *
     * @param line the configured line
     * @return stdout
     * @throws Exception when it cannot run or fails
     */
    String run(String line) throws Exception {
        CommandResult result = runner.run(line);
        if (!result.succeeded()) {
            throw new AgentHttpException("command exited with " + result.exitCode()
                    + (result.stderrTail().isBlank() ? "" : ", stderr: " + result.stderrTail().strip()));
        }
        return result.stdout();
    }

    // Echo at most a short, printable form of a name that matched nothing.
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^\\p{Alnum}._-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
