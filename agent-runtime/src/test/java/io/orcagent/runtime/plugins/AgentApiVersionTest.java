package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgentApiVersionTest {

    @Test
    void theVersionIsThePomsAgentApiVersionFilteredIntoAgentApi() throws Exception {
        // surefire runs in the module directory: the parent POM is the one source
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<agent\\.api\\.version>([^<]+)</agent\\.api\\.version>").matcher(pom);
        assertThat(m.find()).isTrue();

        assertThat(AgentApiVersion.current()).isEqualTo(m.group(1).strip());
    }
}
