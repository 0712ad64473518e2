package io.orcagent.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MessageFramingTest {

    @Test
    void soundFramingPasses() {
        assertThat(MessageFraming.problem(List.of(), List.of(), false)).isEmpty();
        assertThat(MessageFraming.problem(List.of("5"), List.of(), true)).isEmpty();
        assertThat(MessageFraming.problem(List.of("5", "5"), List.of(), false)).isEmpty();
        assertThat(MessageFraming.problem(List.of("5, 5"), List.of(), false)).isEmpty();
        assertThat(MessageFraming.problem(List.of(), List.of("chunked"), false)).isEmpty();
        assertThat(MessageFraming.contentLength(List.of("7, 7"))).isEqualTo(7);
    }

    @Test
    void ambiguousFramingIsAProblem() {
        assertThat(MessageFraming.problem(List.of("0", "5"), List.of(), false)).isPresent();
        assertThat(MessageFraming.problem(List.of("0, 5"), List.of(), false)).isPresent();
        assertThat(MessageFraming.problem(List.of("-1"), List.of(), false)).isPresent();
        assertThat(MessageFraming.problem(List.of("+1"), List.of(), false)).isPresent();
        assertThat(MessageFraming.problem(List.of(""), List.of(), false)).isPresent();
        assertThat(MessageFraming.problem(List.of("99999999999999999999"), List.of(), false)).isPresent();
        assertThat(MessageFraming.problem(List.of("4"), List.of("chunked"), false)).isPresent();
        assertThat(MessageFraming.problem(List.of(), List.of("chunked"), true)).isPresent();
    }

    @Test
    void theDefaultConnectionLimitLeavesDescriptorsForTheRestOfTheAgent() {
        assertThat(ConnectionLimits.fromDescriptorLimit(300)).isEqualTo(86);
        assertThat(ConnectionLimits.fromDescriptorLimit(1024)).isEqualTo(448);
        assertThat(ConnectionLimits.fromDescriptorLimit(65536)).isEqualTo(1024);
        assertThat(ConnectionLimits.fromDescriptorLimit(64)).isEqualTo(8);
    }
}
