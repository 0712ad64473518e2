package io.orcagent.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.orcagent.runtime.exec.ProcessTree;

/**
 * Looks at the processes and sockets the lab agents leave: descendants by command line, listeners.
 */
final class LabProcesses {

    private LabProcesses() {
    }

    static String cmdline(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    static ProcessHandle awaitDescendant(long pid, String fragment) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            var found = ProcessHandle.of(pid).orElseThrow().descendants().filter(ProcessTree::running)
                    .filter(p -> cmdline(p).contains(fragment)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no process with " + fragment + " under agent " + pid);
    }

    static void awaitNoDescendant(long pid, String fragment) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (ProcessHandle.of(pid).orElseThrow().descendants().filter(ProcessTree::running)
                .anyMatch(p -> cmdline(p).contains(fragment))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(fragment + " still runs under agent " + pid);
            }
            Thread.sleep(100);
        }
    }

    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
