package io.yieldpoint.examples.http;

import java.time.Duration;

/**
 * What a request may weigh before the server refuses it. A server without limits lets one client
 * make it buffer without end; each limit here maps to a status code.
 *
 * @param maxRequestLine longest request line, in bytes (beyond: 414 URI Too Long)
 * @param maxHeaderLine longest header line (beyond: 431 Request Header Fields Too Large)
 * @param maxHeaderBytes all header lines together (beyond: 431)
 * @param maxHeaders number of header lines (beyond: 431)
 * @param maxBody longest body, from Content-Length (beyond: 413 Content Too Large)
 * @param idleTimeout how long a connection may wait for its next request, or for a client that
 *     does not read to take an answer (a write that waits longer closes the connection)
 * @param maxBodiesInFlight the bytes of request bodies all connections together may hold at once,
 *     counted from Content-Length when a body starts (beyond: 503 Service Unavailable)
 */
public record HttpLimits(int maxRequestLine, int maxHeaderLine, int maxHeaderBytes, int maxHeaders, int maxBody,
        Duration idleTimeout, long maxBodiesInFlight) {

    /**
     * 8 KiB lines, 16 KiB of headers, 100 headers, 1 MiB bodies, 30 s idle (reading or writing),
     * 64 MiB of bodies in flight.
     */
    public static final HttpLimits DEFAULT = new HttpLimits(8192, 8192, 16 * 1024, 100, 1024 * 1024,
            Duration.ofSeconds(30), 64L * 1024 * 1024);
}
