package io.orcagent.plugins.mysqldump;

import io.orcagent.api.Peer;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.StageCommandRunner;
import java.util.Optional;

/** Stage contexts backed by the runtime's real process runner, one kill scope per stage. */
final class RuntimeStages {

    /** The agent-wide runner, as the runtime builds it with the default local executor. */
    static final ProcessCommandRunner RUNNER = new ProcessCommandRunner(new LocalCommandExecutor());

    private RuntimeStages() {
    }

    static TestStageContext stage(long seedId, Stage stage, Side side) {
        return stage(seedId, stage, side, Optional.empty());
    }

    static TestStageContext backup(long seedId, Side side, Peer peer) {
        return stage(seedId, Stage.BACKUP, side, Optional.of(peer));
    }

    private static TestStageContext stage(long seedId, Stage stage, Side side, Optional<Peer> peer) {
        StageCommandRunner scope = RUNNER.newScope("seed " + seedId + " " + stage.wireName());
        return TestStageContext.create(seedId, stage, side, peer, scope, scope::killAll);
    }
}
