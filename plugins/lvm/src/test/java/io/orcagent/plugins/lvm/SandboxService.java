package io.orcagent.plugins.lvm;

import io.orcagent.api.CommandRunner;
import io.orcagent.runtime.exec.MysqlServiceControl;
import io.orcagent.runtime.exec.ShellCommand;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import io.orcagent.runtime.lab.LoopBtrfs;

/**
 * A sandbox MariaDB controlled like a service: {@code <sandbox>/mysqld-service start|stop|status}, a
 * stand-in for {@code systemctl} (start returns at once, as for a simple unit), driven by the runtime's
 * real {@link MysqlServiceControl} through the operator-command shell.
 */
final class SandboxService {

    private final Path script;
    private final MysqlServiceControl control;

    private SandboxService(Path script, MysqlServiceControl control) {
        this.script = script;
        this.control = control;
    }

    static SandboxService of(MariaDbSandbox sandbox, CommandRunner runner) throws IOException {
        SandboxSettings settings = sandbox.settings();
        Path dir = settings.directory();
        Path script = dir.resolve("mysqld-service");
        String argv = MariaDbSandbox.serverArgv(settings).stream().map(SandboxService::quote)
                .collect(Collectors.joining(" "));
        List<String> lines = List.of(
                "#!/bin/sh",
                "PIDFILE=" + quote(dir.resolve("mariadbd.pid").toString()),
                "case \"$1\" in",
                "  status) [ -f \"$PIDFILE\" ] && kill -0 \"$(cat \"$PIDFILE\")\" 2>/dev/null ;;",
                "  stop)",
                "    [ -f \"$PIDFILE\" ] || exit 0",
                "    pid=$(cat \"$PIDFILE\")",
                "    kill \"$pid\" 2>/dev/null",
                "    i=0; while kill -0 \"$pid\" 2>/dev/null; do sleep 0.2; i=$((i+1)); [ $i -gt 600 ] && exit 1; done",
                "    rm -f \"$PIDFILE\"; exit 0 ;;",
                "  start)",
                "    setsid " + argv + " </dev/null >>" + quote(dir.resolve("mariadbd.out").toString()) + " 2>&1 &",
                "    exit 0 ;;",
                "  *) echo \"usage: $0 start|stop|status\" >&2; exit 2 ;;",
                "esac",
                "");
        Files.writeString(script, String.join("\n", lines), StandardCharsets.UTF_8);
        String call = "sh " + quote(script.toString());
        return new SandboxService(script, new MysqlServiceControl(new ShellCommand(runner), call + " start",
                call + " stop", call + " status", sandbox.dataSource()));
    }

    MysqlServiceControl control() {
        return control;
    }

    /** Stops whatever server the script started (tests call it in {@code finally}). */
    void stop() {
        try {
            LoopBtrfs.run("sh", script.toString(), "stop");
        } catch (IOException e) {
            // nothing was running
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
