package io.orcagent.runtime.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;

/**
 * Keeps the current seed on disk ({@code <state-dir>/seed-journal.json}, replaced atomically) so an
 * agent restarted mid-seed still answers for it, reporting the interrupted stage as an error.
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
            Files.write(temp, JSON.writeValueAsBytes(toJson(seed)));
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
            return Optional.of(fromJson(JSON.readTree(file.toFile())));
        } catch (IOException | RuntimeException e) {
            LOG.error("ignoring unreadable seed journal {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, Object> toJson(SeedRecord seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seedId", seed.seedId());
        out.put("method", seed.method());
        out.put("side", seed.side().wireName());
        out.put("currentStage", seed.currentStage().wireName());
        out.put("attempt", seed.attempt());
        seed.cleanedUp().ifPresent(at -> out.put("cleanedUp", at.toString()));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageState s : seed.stages().values()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("stage", s.stage().wireName());
            st.put("hostname", s.hostname());
            st.put("timestamp", s.timestamp().toString());
            st.put("status", s.status().name());
            st.put("details", s.details());
            st.put("done", s.progress().done());
            st.put("total", s.progress().total());
            st.put("rate", s.progress().bytesPerSecond());
            stages.add(st);
        }
        out.put("stages", stages);
        return out;
    }

    private static SeedRecord fromJson(JsonNode node) {
        long seedId = node.path("seedId").asLong();
        Map<Stage, StageState> stages = new EnumMap<>(Stage.class);
        for (JsonNode st : node.path("stages")) {
            Stage stage = WireNames.stage(st.path("stage").asText()).orElseThrow();
            stages.put(stage, new StageState(seedId, stage, st.path("hostname").asText(),
                    Instant.parse(st.path("timestamp").asText()), StageStatus.valueOf(st.path("status").asText()),
                    st.path("details").asText(), new StageState.Progress(st.path("done").asLong(),
                    st.path("total").asLong(-1), st.path("rate").asDouble())));
        }
        JsonNode cleanedUp = node.path("cleanedUp");
        return new SeedRecord(seedId, node.path("method").asText(), WireNames.side(node.path("side").asText()).orElseThrow(),
                WireNames.stage(node.path("currentStage").asText()).orElseThrow(), stages, Math.max(1, node.path("attempt").asInt(1)),
                cleanedUp.isTextual() ? Optional.of(Instant.parse(cleanedUp.asText())) : Optional.empty());
    }
}
