package io.orcagent.runtime.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests the way the Go agents' martini stack does: guards first (basic auth, client
 * certificate OU), then the first matching route; a trailing slash is optional, {@code HEAD} is served
 * by {@code GET} routes, and an unknown path or a wrong method is Go's plain-text 404. Errors become the
 * JSON envelope with HTTP 500.
 */
public final class WireRouter {

    private static final Logger LOG = LoggerFactory.getLogger(WireRouter.class);

    private final List<Route> routes;
    private final List<RequestGuard> guards;
    private final TokenGuard tokenGuard;
    private final RequestObserver observer;

    private WireRouter(List<Route> routes, List<RequestGuard> guards, TokenGuard tokenGuard, RequestObserver observer) {
        this.routes = List.copyOf(routes);
        this.guards = List.copyOf(guards);
        this.tokenGuard = tokenGuard;
        this.observer = observer;
    }

    /**
     * Starts a router definition.
     *
     * @param tokenGuard checks the token of {@link Access#TOKEN} routes
     * @return a builder
     */
    public static Builder builder(TokenGuard tokenGuard) {
        return new Builder(tokenGuard);
    }

    /**
     * The routes, in matching order (for documentation and tests).
     *
     * @return the routes
     */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Handles a request.
     *
     * @param request the request
     * @return the response
     */
    public WireResponse handle(WireRequest request) {
        long started = System.nanoTime();
        String routeName = "unmatched";
        WireResponse response;
        try {
            Optional<WireResponse> refused = Optional.empty();
            for (RequestGuard guard : guards) {
                refused = guard.check(request);
                if (refused.isPresent()) {
                    break;
                }
            }
            if (refused.isPresent()) {
                response = refused.get();
            } else {
                MatchedRoute matched = match(request);
                if (matched == null) {
                    response = WireResponse.notFound();
                } else {
                    routeName = matched.route.pattern();
                    response = invoke(matched, request);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed in routing", request.method(), routeName, e);
            response = WireResponse.error("internal error");
        }
        observer.observe(request.method(), routeName, response.status(), System.nanoTime() - started);
        return response;
    }

    private WireResponse invoke(MatchedRoute matched, WireRequest request) {
        if (matched.route.access() == Access.TOKEN && !tokenGuard.accepts(request)) {
            return WireResponse.error("Invalid token");
        }
        try {
            return matched.route.handler().handle(request, matched.params);
        } catch (AgentHttpException e) {
            if (e.getCause() != null) {
                LOG.warn("{} {}: {}", request.method(), matched.route.pattern(), e.getMessage(), e.getCause());
            } else {
                LOG.info("{} {}: {}", request.method(), matched.route.pattern(), e.getMessage());
            }
            return WireResponse.error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WireResponse.error("interrupted");
        } catch (Exception e) {
            LOG.warn("{} {} failed", request.method(), matched.route.pattern(), e);
            return WireResponse.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private MatchedRoute match(WireRequest request) {
        String path = request.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> segments = Route.segments(path);
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Optional<Map<String, String>> params = route.match(segments);
            if (params.isPresent()) {
                return new MatchedRoute(route, params.get());
            }
        }
        return null;
    }

    private record MatchedRoute(Route route, Map<String, String> params) {
    }

    /**
     * Builds a {@link WireRouter}.
     */
    public static final class Builder {
        private final TokenGuard tokenGuard;
        private final List<Route> routes = new ArrayList<>();
        private final List<RequestGuard> guards = new ArrayList<>();
        private RequestObserver observer = RequestObserver.NONE;

        private Builder(TokenGuard tokenGuard) {
            this.tokenGuard = Objects.requireNonNull(tokenGuard, "tokenGuard is null");
        }

        /**
         * Adds a GET route.
         *
         * @param pattern path pattern
         * @param access access
         * @param handler handler
         * @return this builder
         */
        public Builder get(String pattern, Access access, RouteHandler handler) {
            routes.add(new Route("GET", pattern, access, handler));
            return this;
        }

        /**
         * Adds a POST route.
         *
         * @param pattern path pattern
         * @param access access
         * @param handler handler
         * @return this builder
         */
        public Builder post(String pattern, Access access, RouteHandler handler) {
            routes.add(new Route("POST", pattern, access, handler));
            return this;
        }

        /**
         * Adds a guard run before routing, in the order added.
         *
         * @param guard the guard
         * @return this builder
         */
        public Builder guard(RequestGuard guard) {
            guards.add(guard);
            return this;
        }

        /**
         * Sets who is told about every request (metrics).
         *
         * @param requestObserver the observer
         * @return this builder
         */
        public Builder observer(RequestObserver requestObserver) {
            this.observer = Objects.requireNonNull(requestObserver, "requestObserver is null");
            return this;
        }

        /**
         * Adds a set of routes.
         *
         * @param routeSet the routes
         * @return this builder
         */
        public Builder add(RouteSet routeSet) {
            routeSet.register(this);
            return this;
        }

        /**
         * Builds the router.
         *
         * @return the router
         */
        public WireRouter build() {
            return new WireRouter(routes, guards, tokenGuard, observer);
        }
    }
}
