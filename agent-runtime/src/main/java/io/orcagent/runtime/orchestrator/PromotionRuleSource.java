package io.orcagent.runtime.orchestrator;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.CommandFailedException;
import io.orcagent.runtime.config.OrchestratorHintsConfig;
import io.orcagent.runtime.config.PromotionRule;
import io.orcagent.runtime.exec.ShellCommand;

/**
 * Where the promotion rule comes from: the config file ({@code promotion-rule}) or, read anew before
 * each announcement, the standard output of an operator's command ({@code promotion-rule-command}),
 * so puppet or chef can change it without touching the agent.
 */
public final class PromotionRuleSource {

    private static final Logger LOG = LoggerFactory.getLogger(PromotionRuleSource.class);
    private static final int MAX_SHOWN = 40;

    private final Optional<PromotionRule> fixed;
    private final String commandLine;
    private final ShellCommand shell;

    private PromotionRuleSource(Optional<PromotionRule> fixed, String commandLine, ShellCommand shell) {
        this.fixed = fixed;
        this.commandLine = commandLine;
        this.shell = shell;
    }

    /**
     * A rule that never changes.
     *
     * @param rule the rule
     * @return the source
     */
    public static PromotionRuleSource fixed(PromotionRule rule) {
        return new PromotionRuleSource(Optional.of(rule), null, null);
    }

    /**
     * A rule read from an operator's command's standard output (trimmed, case ignored).
     *
     * @param operatorLine the configured command line, run through {@code sh -c}
     * @param shell runs it
     * @return the source
     */
    public static PromotionRuleSource command(String operatorLine, ShellCommand shell) {
        if (Objects.requireNonNull(operatorLine, "operatorLine is null").isBlank()) {
            throw new IllegalArgumentException("the promotion rule command is empty");
        }
        return new PromotionRuleSource(Optional.empty(), operatorLine, Objects.requireNonNull(shell, "shell is null"));
    }

    /**
     * The source the configuration asks for.
     *
     * @param config the hints configuration
     * @param shell runs a promotion rule command
     * @return the source, or empty when neither {@code promotion-rule} nor {@code promotion-rule-command} is set
     */
    public static Optional<PromotionRuleSource> from(OrchestratorHintsConfig config, ShellCommand shell) {
        if (config.promotionRule().isPresent()) {
            return Optional.of(fixed(config.promotionRule().get()));
        }
        return config.promotionRuleCommand().map(line -> command(line, shell));
    }

    /**
     * The rule to announce now. A failing command or one that prints anything but a rule is logged
     * (without its command line, which may hold a password) and gives no rule.
     *
     * @return the rule, or empty when there is none to send this time
     * @throws InterruptedException when interrupted while the command runs
     */
    public Optional<PromotionRule> current() throws InterruptedException {
        if (commandLine == null) {
            return fixed;
        }
        String printed;
        try {
            printed = shell.runChecked(commandLine).stdout();
        } catch (CommandFailedException e) {
            LOG.warn("promotion-rule-command failed, no promotion rule sent: {}", e.getMessage());
            return Optional.empty();
        }
        Optional<PromotionRule> rule = PromotionRule.parse(printed);
        if (rule.isEmpty()) {
            LOG.warn("promotion-rule-command printed {}, which is not one of {}; no promotion rule sent",
                    shown(printed), PromotionRule.NAMES);
        }
        return rule;
    }

    /** The printed text, trimmed, shortened and with control characters escaped, for one log line. */
    private static String shown(String printed) {
        String trimmed = printed.strip();
        String cut = trimmed.length() <= MAX_SHOWN ? trimmed : trimmed.substring(0, MAX_SHOWN) + "...";
        StringBuilder out = new StringBuilder("\"");
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
