package org.xnat.router.api.filter;

/**
 * Where an instance entered the router.
 *
 * @param routeAeTitle the route's AE title
 * @param callingAeTitle the sender's AE title, or empty for imports
 * @param remoteAddress the sender's address, or empty for imports
 * @param source how it arrived: {@code dimse}, {@code import}, {@code upload}, {@code pull}
 */
public record RouteContext(String routeAeTitle, String callingAeTitle, String remoteAddress, String source) {
}
