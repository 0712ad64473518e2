package io.orcagent.runtime.http;

/**
 * A group of related routes.
 */
public interface RouteSet {

    /**
     * Registers the routes.
     *
     * @param router the router being built
     */
    void register(WireRouter.Builder router);
}
