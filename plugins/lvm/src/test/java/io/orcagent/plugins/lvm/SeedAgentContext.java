package io.orcagent.plugins.lvm;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MysqlAccess;
import io.orcagent.api.MysqlService;
import io.orcagent.api.PluginConfig;
import io.orcagent.api.PluginContext;
import io.orcagent.api.TransferService;
import io.orcagent.testkit.TestingPluginContext;
import java.time.Clock;
import java.util.Objects;

/** A test agent's plugin context: the test kit's context plus a transfer service. */
final class SeedAgentContext implements PluginContext {

    private final TestingPluginContext base;
    private final TransferService transfer;

    SeedAgentContext(TestingPluginContext base, TransferService transfer) {
        this.base = Objects.requireNonNull(base, "base is null");
        this.transfer = Objects.requireNonNull(transfer, "transfer is null");
    }

    TestingPluginContext base() {
        return base;
    }

    @Override
    public String pluginId() {
        return base.pluginId();
    }

    @Override
    public PluginConfig config() {
        return base.config();
    }

    @Override
    public CommandRunner commands() {
        return base.commands();
    }

    @Override
    public MysqlAccess mysql() {
        return base.mysql();
    }

    @Override
    public MysqlService mysqlService() {
        return base.mysqlService();
    }

    @Override
    public AgentPaths paths() {
        return base.paths();
    }

    @Override
    public Clock clock() {
        return base.clock();
    }

    @Override
    public TransferService transfer() {
        return transfer;
    }
}
