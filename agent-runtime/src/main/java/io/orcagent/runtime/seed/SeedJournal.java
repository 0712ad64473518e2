package io.orcagent.runtime.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.Stage;

/**
 * Keeps the current seed on disk ({@code <state-dir>/seed-journal.json}, replaced atomically) so an
 * agent restarted mid-seed still answers for it, reporting the interrupted stage as an error. The file is
 * {@link Journal} bound by Jackson; journals from before {@code attempt} and {@code cleanedUp} existed load
 * as a first attempt, not cleaned up.
 */
public final class SeedJournal {

    private static final Logger LOG = LoggerFactory.getLogger(SeedJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /**
     * Creates the journal.
     *
     * @param stateDir the agent's state directory
     */
    public SeedJournal(Path stateDir) {
        this.file = Objects.requireNonNull(stateDir, "stateDir is null").resolve("seed-journal.json");
    }

    /**
     * Writes the record.
     *
     * @param seed the record
     */
    public synchronized void write(SeedRecord seed) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(Journal.of(seed)));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("seed={} cannot write the seed journal {}: {}", seed.seedId(), file, e.getMessage());
        }
    }

    /**
     * Reads the last record, if any.
     *
     * @return the record
     */
    public synchronized Optional<SeedRecord> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Journal.class).toRecord());
        } catch (IOException | RuntimeException e) {
            LOG.error("ignoring unreadable seed journal {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The file's layout; the components' order is the fields' order on disk.
     *
     * @param seedId seed
     * @param method seed method
     * @param side side's wire name
     * @param currentStage stage's wire name
     * @param attempt attempt; absent before issue 10 (then 1)
     * @param cleanedUp automatic cleanup time ({@link Instant#toString()}); absent when none
     * @param stages the stages that ran, in stage order
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Journal(long seedId, String method, String side, String currentStage, Integer attempt,
                           String cleanedUp, List<StageEntry> stages) {

        static Journal of(SeedRecord seed) {
            return new Journal(seed.seedId(), seed.method(), seed.side().wireName(), seed.currentStage().wireName(),
                    seed.attempt(), seed.cleanedUp().map(Instant::toString).orElse(null),
                    new TreeMap<>(seed.stages()).values().stream().map(StageEntry::of).toList());
        }

        SeedRecord toRecord() {
            Map<Stage, StageState> states = new EnumMap<>(Stage.class);
            for (StageEntry entry : stages == null ? List.<StageEntry>of() : stages) {
                StageState state = entry.toState(seedId);
                states.put(state.stage(), state);
            }
            return new SeedRecord(seedId, method, WireNames.side(side).orElseThrow(),
                    WireNames.stage(currentStage).orElseThrow(), states,
                    attempt == null ? 1 : Math.max(1, attempt),
                    Optional.ofNullable(cleanedUp).map(Instant::parse));
        }
    }

    /**
     * One stage's state on disk.
     *
     * @param stage wire name
     * @param hostname host
     * @param timestamp last change ({@link Instant#toString()})
     * @param status status name
     * @param details details
     * @param done bytes done
     * @param total bytes in all, -1 when unknown (and when absent)
     * @param rate bytes per second
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record StageEntry(String stage, String hostname, String timestamp, String status, String details,
                              long done, Long total, double rate) {

        static StageEntry of(StageState s) {
            return new StageEntry(s.stage().wireName(), s.hostname(), s.timestamp().toString(), s.status().name(),
                    s.details(), s.progress().done(), s.progress().total(), s.progress().bytesPerSecond());
        }

        StageState toState(long seedId) {
            return new StageState(seedId, WireNames.stage(stage).orElseThrow(), hostname, Instant.parse(timestamp),
                    StageStatus.valueOf(status), details,
                    new StageState.Progress(done, total == null ? -1 : total, rate));
        }
    }
}
