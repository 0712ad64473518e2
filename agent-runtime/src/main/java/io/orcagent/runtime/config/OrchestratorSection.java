package io.orcagent.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Binds {@code [orchestrator]}. */
final class OrchestratorSection {

    static final String NAME = "orchestrator";
    private static final String EXAMPLE = "\"http://orchestrator.example.com\"";

    private OrchestratorSection() {
    }

    static Optional<OrchestratorConfig> bind(SectionReader r) {
        List<URI> urls = urls(r);
        int agentsPort = r.port("agents-port", OrchestratorConfig.DEFAULT_AGENTS_PORT);
        String apiText = r.string("api", ApiFlavour.AUTO.configName());
        Optional<ApiFlavour> api = ApiFlavour.fromConfig(apiText);
        if (api.isEmpty()) {
            r.problem("api", "must be \"auto\", \"seed\" or \"legacy\" (got " + ValueText.describe(apiText) + ")");
        }
        Optional<OrchestratorHintsConfig> hints = OrchestratorHintsSection.bind(r);
        r.reportUnknownKeys();
        if (!r.clean()) {
            return Optional.empty();
        }
        return Optional.of(new OrchestratorConfig(urls, agentsPort, api.orElseThrow(), hints));
    }

    private static List<URI> urls(SectionReader r) {
        Object value = r.raw("url");
        List<?> texts = switch (value) {
            case null -> {
                r.problem("url", "is required, e.g. url = " + EXAMPLE + " or, for several orchestrator nodes,"
                        + " url = [\"http://orc1.example.com\", \"http://orc2.example.com\"]");
                yield List.of();
            }
            case String s -> List.of(s);
            case List<?> list when !list.isEmpty() && list.stream().allMatch(String.class::isInstance) -> list;
            case List<?> list when list.isEmpty() -> {
                r.problem("url", "must list at least one orchestrator URL, e.g. url = [" + EXAMPLE + "]");
                yield List.of();
            }
            default -> {
                r.problem("url", "must be a string or an array of strings, e.g. url = " + EXAMPLE + " (got "
                        + ValueText.describe(value) + ")");
                yield List.of();
            }
        };
        List<URI> urls = new ArrayList<>();
        for (Object text : texts) {
            parse(r, (String) text).ifPresent(uri -> {
                if (urls.contains(uri)) {
                    r.problem("url", "lists " + ValueText.describe(uri.toString()) + " more than once");
                } else {
                    urls.add(uri);
                }
            });
        }
        return urls;
    }

    /** {@code scheme://host} only: the agents port is {@code agents-port}, the paths are the agent's. */
    private static Optional<URI> parse(SectionReader r, String text) {
        String got = " (got " + ValueText.describe(text) + ")";
        String s = text.trim();
        if (s.isEmpty()) {
            r.problem("url", "must not be empty, e.g. url = " + EXAMPLE);
            return Optional.empty();
        }
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            r.problem("url", "is not a valid URL" + got);
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            r.problem("url", "must start with http:// or https://" + got);
        } else if (uri.getHost() == null) {
            r.problem("url", "must name a host, e.g. " + EXAMPLE + got);
        } else if (uri.getPort() != -1) {
            r.problem("url", "must not contain a port: set orchestrator's agents port with agents-port" + got);
        } else if (uri.getUserInfo() != null) {
            r.problem("url", "must not contain a user name or password" + got);
        } else if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            r.problem("url", "must be only a scheme and a host, without a path: the agent adds /api/... itself"
                    + got);
        } else {
            return Optional.of(URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }
}
